/**
 * Defensive readers for provider JSON: webhook bodies are external input, so every field is `unknown`
 * until one of these says otherwise. None of them throws.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The record at `v`, or an empty one. */
export function rec(v: unknown): JsonRecord {
  return isRecord(v) ? v : {};
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A string field (empty strings kept); anything else is undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A non-empty string field. */
export function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * An identifier: Meta sends ids as strings, but test tools and older payloads use JSON numbers
 * (e.g. `app_id`, page ids). Integers become their decimal string; other values are undefined.
 */
export function id(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'bigint') return v.toString();
  return undefined;
}

/** A finite number given as a JSON number or a numeric string. */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** Below this a timestamp is read as seconds (year 5138 in seconds, 1973 in milliseconds). */
const SECONDS_CEILING = 100_000_000_000;

/**
 * Epoch milliseconds from a provider timestamp. WhatsApp sends seconds as strings, Messenger sends
 * milliseconds, and Meta's test payloads send seconds as strings: the magnitude tells them apart.
 */
export function epochMs(v: unknown): number | undefined {
  const n = num(v);
  if (n === undefined || n <= 0) return undefined;
  return Math.round(n < SECONDS_CEILING ? n * 1000 : n);
}

/** Drops undefined-valued keys so events compare cleanly and serialize without noise. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
