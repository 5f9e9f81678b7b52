import { MESSENGER_ERROR_RULES } from '../meta/graph-error-codes';
import { graphFailure } from '../meta/graph-error';
import { graphUrl } from '../meta/graph-url';
import { bearer, type ProviderRequest, type ProviderResponse, parseJson } from '../pipeline/http';
import { id, rec } from '../pipeline/read';
import type { UploadFile, UploadResult } from '../pipeline/upload';
import type { MessengerConfig } from './config';
import { attachmentType } from './send';

/**
 * `POST /{version}/{PAGE_ID}/message_attachments`, multipart with the `message` JSON and `filedata`
 * (Attachment Upload API; wire-formats §1.4): a reusable `attachment_id` for files without a public URL.
 */
export function buildMessengerAttachmentUpload(cfg: MessengerConfig, file: UploadFile): ProviderRequest {
  const message = { attachment: { type: attachmentType(file.mimeType), payload: { is_reusable: true } } };
  return {
    method: 'POST',
    url: graphUrl(cfg, cfg.pageId, 'message_attachments'),
    headers: bearer(cfg.pageAccessToken),
    multipart: [
      { name: 'message', value: JSON.stringify(message) },
      { name: 'filedata', bytes: file.bytes, filename: file.filename, mimeType: file.mimeType },
    ],
  };
}

/** `{ "attachment_id": "…" }` → the attachment id. */
export function interpretMessengerUploadResponse(res: ProviderResponse, nowMs?: number): UploadResult {
  if (res.status < 200 || res.status >= 300) return graphFailure(res, MESSENGER_ERROR_RULES, nowMs);
  const attachmentId = id(rec(parseJson(res.body)).attachment_id);
  return attachmentId ? { ok: true, providerMediaId: attachmentId } : { ok: false, retryable: false, code: 'media', reason: 'upload answered without an attachment_id' };
}
