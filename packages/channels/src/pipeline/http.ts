/** Plain descriptions of provider HTTP calls, so builders stay pure and the I/O lives at the edge. */

export interface ProviderRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Includes credentials (Authorization): log `redactRequest(req)`, never the request itself. */
  headers: Record<string, string>;
  /** A text body (JSON or form-encoded, with the matching content-type header)… */
  body?: string;
  /** …or a multipart/form-data body (uploads); the edge builds it with `toFetchInit`. */
  multipart?: MultipartField[];
}

export type MultipartField = { name: string; value: string } | { name: string; bytes: Uint8Array; filename: string; mimeType: string };

export interface ProviderResponse {
  status: number;
  /** Lower-case header names. */
  headers?: Record<string, string | undefined>;
  body: string;
  /** The body's bytes (media downloads); the edge always fills it. */
  bytes?: Uint8Array;
}

/** The request with credentials masked and file bytes left out, for logs and error reports. */
export function redactRequest(req: ProviderRequest): ProviderRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = k.toLowerCase() === 'authorization' ? '[redacted]' : v;
  const redacted: ProviderRequest = { ...req, headers };
  if (req.multipart) {
    redacted.multipart = req.multipart.map((f) => ('bytes' in f ? { name: f.name, value: `[${f.bytes.byteLength} bytes ${f.mimeType} ${f.filename}]` } : f));
  }
  return redacted;
}

/**
 * `fetch` options for a request: the text body as is, or a FormData for multipart (fetch then sets
 * the multipart content-type with its boundary itself).
 */
export function toFetchInit(req: ProviderRequest): RequestInit {
  if (!req.multipart) return { method: req.method, headers: req.headers, body: req.body };
  const form = new FormData();
  for (const f of req.multipart) {
    if ('bytes' in f) form.append(f.name, new Blob([new Uint8Array(f.bytes)], { type: f.mimeType }), f.filename);
    else form.append(f.name, f.value);
  }
  return { method: req.method, headers: req.headers, body: form };
}

/**
 * Retry-After in milliseconds: delta-seconds, or an HTTP date measured from `nowMs` (injected clock;
 * without it a date is ignored). Absent, malformed or past values give undefined.
 */
export function retryAfterMs(res: ProviderResponse, nowMs?: number): number | undefined {
  const raw = res.headers?.['retry-after']?.trim();
  if (!raw) return undefined;
  if (/^\d+$/.test(raw)) return Number(raw) * 1000;
  if (nowMs === undefined) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at) || at <= nowMs) return undefined;
  return at - nowMs;
}

/** JSON.parse that returns undefined instead of throwing. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Joins a configurable base URL (no trailing slash needed) and path segments, each URI-encoded. */
export function joinUrl(base: string, ...segments: string[]): string {
  return [base.replace(/\/+$/, ''), ...segments.map((s) => encodeURIComponent(s))].join('/');
}
