import { WHATSAPP_ERROR_RULES } from '../meta/graph-error-codes';
import { graphFailure } from '../meta/graph-error';
import { graphUrl } from '../meta/graph-url';
import { bearer, type ProviderRequest, type ProviderResponse, parseJson } from '../pipeline/http';
import { id, rec } from '../pipeline/read';
import type { UploadFile, UploadResult } from '../pipeline/upload';
import type { WhatsAppConfig } from './config';

/**
 * `POST /{version}/{phone_number_id}/media`, multipart with `messaging_product`, `type` and `file`
 * (wire-formats §2.6): for attachments without a public URL. The returned id goes in a send's media
 * object (`providerMediaId`).
 */
export function buildWhatsAppMediaUpload(cfg: WhatsAppConfig, file: UploadFile): ProviderRequest {
  return {
    method: 'POST',
    url: graphUrl(cfg, cfg.phoneNumberId, 'media'),
    headers: bearer(cfg.accessToken),
    multipart: [
      { name: 'messaging_product', value: 'whatsapp' },
      { name: 'type', value: file.mimeType },
      { name: 'file', bytes: file.bytes, filename: file.filename, mimeType: file.mimeType },
    ],
  };
}

/** `{ "id": "<MEDIA_ID>" }` → the media id. */
export function interpretWhatsAppUploadResponse(res: ProviderResponse, nowMs?: number): UploadResult {
  if (res.status < 200 || res.status >= 300) return graphFailure(res, WHATSAPP_ERROR_RULES, nowMs);
  const mediaId = id(rec(parseJson(res.body)).id);
  return mediaId ? { ok: true, providerMediaId: mediaId } : { ok: false, retryable: false, code: 'media', reason: 'upload answered without an id' };
}
