import type { SendContext } from '../contract';
import type { ProviderRequest, ProviderResponse } from './http';
import { invalidRequest, type OutboundMedia, type OutboundMessage, type SendFailure } from './outbound';
import type { UploadFile, UploadResult } from './upload';

/** A URL the provider can fetch itself: absolute HTTPS (our own `/files/…` links are private and relative). */
function isPublicUrl(url: string | undefined): boolean {
  return !!url && /^https:\/\//i.test(url);
}

/**
 * Uploads to the provider every medium it could not fetch by URL (an agent's attachment, stored by
 * us), so the send refers to it by the provider's id. Media with an id or a public HTTPS URL are left
 * as they are. An upload failure is the send's failure (retried by the outbox when retryable).
 */
export async function uploadPrivateMedia(
  msg: OutboundMessage,
  ctx: SendContext<unknown>,
  buildUpload: (file: UploadFile) => ProviderRequest,
  interpret: (res: ProviderResponse, nowMs: number) => UploadResult,
): Promise<OutboundMessage | SendFailure> {
  if (!msg.media?.some((m) => !m.providerMediaId && !isPublicUrl(m.url))) return msg;
  const media: OutboundMedia[] = [];
  for (const m of msg.media) {
    if (m.providerMediaId || isPublicUrl(m.url)) {
      media.push(m);
      continue;
    }
    const file = m.attachmentId ? await ctx.readAttachment(m.attachmentId) : undefined;
    if (!file) return invalidRequest(`the attachment ${m.filename ?? m.attachmentId ?? ''} can't be read to upload it`);
    const res = await ctx.http(buildUpload(file), ctx.signal);
    if ('networkError' in res) return { ok: false, retryable: true, code: 'network', reason: res.networkError };
    const uploaded = interpret(res, ctx.now());
    if (!uploaded.ok) return uploaded;
    media.push({ mimeType: m.mimeType, filename: m.filename, sizeBytes: m.sizeBytes, providerMediaId: uploaded.providerMediaId });
  }
  return { ...msg, media };
}
