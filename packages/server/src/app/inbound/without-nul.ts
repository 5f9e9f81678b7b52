/**
 * Every string in a parsed provider event with U+0000 replaced by U+FFFD. PostgreSQL text cannot hold
 * U+0000 (SQLite can): unreplaced, one such byte in a name, id or body made the whole delivery a 5xx
 * the provider retries for days, and the two backends stored different things. Replacing it the same
 * way every time keeps retries deduplicating on the same provider id.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value) as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[withoutNul(k)] = withoutNul(v);
    return out as T;
  }
  return value;
}
