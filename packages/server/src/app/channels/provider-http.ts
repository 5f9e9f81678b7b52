import type { ProviderHttp } from '@parley/channels';
import { toFetchInit } from '@parley/channels';

/** Largest provider answer read (media included): WhatsApp allows 100 MB documents. */
const MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

/**
 * The one place Parley calls a provider: fetch, with the caller's abort signal. A transport failure
 * becomes `networkError` (its name only: messages of network errors can carry URLs with credentials).
 */
export const fetchProviderHttp: ProviderHttp = async (req, signal) => {
  let res: Response;
  try {
    res = await fetch(req.url, { ...toFetchInit(req), signal, redirect: 'follow' });
  } catch (err) {
    const name = err instanceof Error ? (err.cause instanceof Error ? `${err.name}: ${(err.cause as NodeJS.ErrnoException).code ?? err.cause.name}` : err.name) : 'error';
    return { networkError: `no answer from the provider (${name})` };
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_RESPONSE_BYTES) {
    await res.body?.cancel();
    return { networkError: `answer too large (${declared} bytes)` };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    return { networkError: `the answer was cut off (${err instanceof Error ? err.name : 'error'})` };
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k] = v;
  });
  return { status: res.status, headers, body: new TextDecoder().decode(bytes), bytes };
};
