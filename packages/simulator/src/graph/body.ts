/** Graph takes JSON or a form whose fields hold JSON (§1.4): both become a plain object here. */
export function graphBody(body: unknown): Record<string, unknown> {
  if (body instanceof URLSearchParams) return Object.fromEntries(body);
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
