import { WHATSAPP_ERROR_RULES } from '../meta/graph-error-codes';
import { graphFailure } from '../meta/graph-error';
import { bearer, type ProviderRequest, type ProviderResponse, parseJson } from '../pipeline/http';
import type { SendFailure } from '../pipeline/outbound';
import { compact, nonEmpty, num, rec } from '../pipeline/read';
import { DEFAULT_GRAPH_BASE_URL, graphUrl } from '../meta/graph-url';
import type { WhatsAppConfig } from './config';

/** Step 1 of an inbound media download (§2.6): `GET /{version}/{media-id}` → a URL valid for 5 minutes. */
export function buildMediaInfoRequest(cfg: WhatsAppConfig, mediaId: string): ProviderRequest {
  const url = `${graphUrl(cfg, mediaId)}?phone_number_id=${encodeURIComponent(cfg.phoneNumberId)}`;
  return { method: 'GET', url, headers: bearer(cfg.accessToken) };
}

export interface MediaInfo {
  ok: true;
  url: string;
  mimeType?: string;
  sha256?: string;
  fileSize?: number;
}

export function parseMediaInfoResponse(res: ProviderResponse, nowMs?: number): MediaInfo | SendFailure {
  if (res.status < 200 || res.status >= 300) return graphFailure(res, WHATSAPP_ERROR_RULES, nowMs);
  const b = rec(parseJson(res.body));
  const url = nonEmpty(b.url);
  if (!url) return { ok: false, retryable: false, code: 'media', reason: 'media lookup answered without a url' };
  return compact({ ok: true as const, url, mimeType: nonEmpty(b.mime_type), sha256: nonEmpty(b.sha256), fileSize: num(b.file_size) });
}

/**
 * Step 2: `GET <url>` with the same bearer token (without it Meta answers with an error page). The
 * token only goes to HTTPS URLs or to the configured Graph origin, never to an arbitrary plain-HTTP host.
 */
export function buildMediaDownloadRequest(cfg: WhatsAppConfig, url: string): ProviderRequest | SendFailure {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, retryable: false, code: 'media', reason: 'media url is not a valid URL' };
  }
  const graphOrigin = new URL(cfg.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL).origin;
  if (target.protocol !== 'https:' && target.origin !== graphOrigin) {
    return { ok: false, retryable: false, code: 'media', reason: 'refusing to send the access token to a non-HTTPS media url' };
  }
  return { method: 'GET', url: target.toString(), headers: { ...bearer(cfg.accessToken), 'user-agent': 'Parley/1.0' } };
}
