import type { FetchedMedia, ProviderContext } from '../contract';
import type { ProviderRequest, ProviderResponse } from './http';
import type { SendFailure } from './outbound';

/** One GET of media bytes; the failure says whether trying again may help. */
export async function downloadMedia(
  req: ProviderRequest,
  ctx: ProviderContext<unknown>,
  hint: { mimeType?: string; filename?: string },
  onError: (res: ProviderResponse) => SendFailure,
): Promise<FetchedMedia | SendFailure> {
  const res = await ctx.http(req, ctx.signal);
  if ('networkError' in res) return { ok: false, retryable: true, code: 'network', reason: res.networkError };
  if (res.status < 200 || res.status >= 300) return onError(res);
  const mimeType = hint.mimeType ?? res.headers?.['content-type']?.split(';')[0]?.trim() ?? 'application/octet-stream';
  return { ok: true, bytes: res.bytes ?? new TextEncoder().encode(res.body), mimeType, ...(hint.filename ? { filename: hint.filename } : {}) };
}

/** A non-2xx download: 429 and 5xx may pass, anything else will not. */
export function httpMediaFailure(res: ProviderResponse): SendFailure {
  const retryable = res.status === 429 || res.status >= 500;
  return { ok: false, retryable, code: retryable ? 'transient' : 'media', reason: `media download answered HTTP ${res.status}` };
}
