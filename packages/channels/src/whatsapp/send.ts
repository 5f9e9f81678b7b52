import { WHATSAPP_ERROR_RULES } from '../meta/graph-error-codes';
import { graphFailure, graphSendResult } from '../meta/graph-error';
import { type ProviderRequest, type ProviderResponse, parseJson } from '../pipeline/http';
import {
  type AckResult,
  invalidRequest,
  type OutboundMedia,
  type OutboundMessage,
  type SendPlan,
  type SendResult,
  type WhatsAppTemplateRef,
} from '../pipeline/outbound';
import { id, list, rec } from '../pipeline/read';
import { graphMessagesPost, } from '../meta/graph-url';
import type { WhatsAppConfig } from './config';
import { checkWhatsAppCaption, checkWhatsAppText } from './limits';

type Body = Record<string, unknown>;
type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

/**
 * The Cloud API calls for one outbound message (wire-formats §2.4): a template alone; otherwise one
 * message per media item (the text rides as the first caption when it fits) or one text message.
 * Every part quotes `replyToProviderId` on the first part only and carries our message id as
 * `biz_opaque_callback_data`, so status webhooks lead back to it.
 */
export function planWhatsAppSend(cfg: WhatsAppConfig, msg: OutboundMessage): SendPlan {
  if (!msg.to) return invalidRequest('no recipient');
  const bodies = msg.template ? [templateBody(msg.template)] : contentBodies(msg);
  if (!Array.isArray(bodies)) return bodies;
  if (bodies.length === 0) return invalidRequest('nothing to send: no text, media or template');
  const requests = bodies.map((body, i) => {
    const full: Body = { messaging_product: 'whatsapp', recipient_type: 'individual', ...addressOf(msg.to), ...body };
    if (i === 0 && msg.replyToProviderId) full.context = { message_id: msg.replyToProviderId };
    if (msg.messageId) full.biz_opaque_callback_data = msg.messageId;
    return postMessages(cfg, full);
  });
  return { ok: true, requests };
}

/** A BSUID (`US.1349…`, parent `US.ENT.…`) has a country prefix and a dot; phone numbers and wa_ids are digits. */
const BSUID = /^[A-Z]{2}\.[A-Za-z0-9.]+$/;

/** Phone numbers go in `to`; BSUIDs in `recipient` (Meta's business-scoped user ID changes, 2026). */
function addressOf(to: string): Body {
  return BSUID.test(to) ? { recipient: to } : { to };
}

function contentBodies(msg: OutboundMessage): Body[] | ReturnType<typeof invalidRequest> {
  const text = msg.text ?? '';
  const media = msg.media ?? [];
  const bodies: Body[] = [];
  let captionUsed = false;
  const firstKind = media[0] ? mediaKind(media[0].mimeType) : undefined;
  const captionFits = text !== '' && firstKind !== undefined && firstKind !== 'audio' && firstKind !== 'sticker' && checkWhatsAppCaption(text).ok;
  if (text !== '' && !captionFits) {
    if (!checkWhatsAppText(text).ok) return invalidRequest('text longer than WhatsApp allows (4096 characters)');
    const preview = msg.linkPreview ?? /https?:\/\//i.test(text);
    bodies.push({ type: 'text', text: { body: text, preview_url: preview } });
  }
  for (const m of media) {
    const object = mediaObject(m);
    if (!object) return invalidRequest('media needs a public url or a provider media id');
    const kind = mediaKind(m.mimeType);
    if (captionFits && !captionUsed) {
      object.caption = text;
      captionUsed = true;
    }
    if (kind === 'document' && m.filename) object.filename = m.filename;
    bodies.push({ type: kind, [kind]: object });
  }
  return bodies;
}

function mediaObject(m: OutboundMedia): Body | undefined {
  if (m.providerMediaId) return { id: m.providerMediaId };
  if (m.url) return { link: m.url };
  return undefined;
}

/** WhatsApp accepts JPEG/PNG images, WebP stickers, MP4/3GPP video; anything else goes as a document. */
export function mediaKind(mimeType: string): MediaKind {
  const mime = mimeType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (mime === 'image/jpeg' || mime === 'image/png') return 'image';
  if (mime === 'image/webp') return 'sticker';
  if (mime === 'video/mp4' || mime === 'video/3gpp') return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}

function templateBody(t: WhatsAppTemplateRef): Body {
  const template: Body = { name: t.name, language: { code: t.language, policy: 'deterministic' } };
  if (t.components?.length) template.components = t.components;
  return { type: 'template', template };
}

/** Mark an inbound message (and all earlier ones) read; optionally show "typing…" (§2.5). */
export function buildWhatsAppMarkRead(cfg: WhatsAppConfig, wamid: string, opts: { typing?: boolean } = {}): ProviderRequest {
  const body: Body = { messaging_product: 'whatsapp', status: 'read', message_id: wamid };
  if (opts.typing) body.typing_indicator = { type: 'text' };
  return postMessages(cfg, body);
}

function postMessages(cfg: WhatsAppConfig, body: Body): ProviderRequest {
  return graphMessagesPost(cfg, cfg.phoneNumberId, cfg.accessToken, body);
}

/** A send response → SendResult; the wamid is `messages[0].id` (§2.4). */
export function interpretWhatsAppSendResponse(res: ProviderResponse, nowMs?: number): SendResult {
  return graphSendResult(res, WHATSAPP_ERROR_RULES, (b) => id(rec(list(rec(b).messages)[0]).id), nowMs);
}

/** A mark-as-read response (`{ "success": true }`) → AckResult. */
export function interpretWhatsAppAck(res: ProviderResponse, nowMs?: number): AckResult {
  if (res.status >= 200 && res.status < 300 && rec(parseJson(res.body)).success === true) return { ok: true };
  if (res.status >= 200 && res.status < 300) return { ok: false, retryable: false, code: 'unknown', reason: `HTTP ${res.status} without success` };
  return graphFailure(res, WHATSAPP_ERROR_RULES, nowMs);
}
