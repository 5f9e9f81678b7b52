import { MESSENGER_ERROR_RULES } from '../meta/graph-error-codes';
import { graphFailure, graphSendResult } from '../meta/graph-error';
import type { ProviderRequest, ProviderResponse } from '../pipeline/http';
import { type AckResult, invalidRequest, type OutboundMedia, type OutboundMessage, type SendPlan, type SendResult } from '../pipeline/outbound';
import { id, rec } from '../pipeline/read';
import { graphMessagesPost, } from '../meta/graph-url';
import type { MessengerConfig } from './config';
import { checkMessengerText } from './limits';

type Body = Record<string, unknown>;
export type SenderAction = 'typing_on' | 'typing_off' | 'mark_seen';

/**
 * Send API calls for one outbound message (wire-formats §1.4): text first, then one call per
 * attachment (Messenger takes text or one attachment per message). `RESPONSE` inside the 24 h window,
 * `MESSAGE_TAG` + `HUMAN_AGENT` when `humanAgentTag` is set; our message id rides as `metadata` and
 * comes back in the echo, which is how the pipeline recognises its own sends.
 */
export function planMessengerSend(cfg: MessengerConfig, msg: OutboundMessage): SendPlan {
  if (!msg.to) return invalidRequest('no recipient');
  const messages: Body[] = [];
  if (msg.text) {
    if (!checkMessengerText(msg.text).ok) return invalidRequest('text longer than Messenger allows (2000 characters)');
    messages.push({ text: msg.text });
  }
  for (const m of msg.media ?? []) {
    const payload = attachmentPayload(m);
    if (!payload) return invalidRequest('media needs a public url or an attachment id');
    messages.push({ attachment: { type: attachmentType(m.mimeType), payload } });
  }
  if (messages.length === 0) return invalidRequest('nothing to send: no text or media');
  const windowFields: Body = msg.humanAgentTag ? { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } : { messaging_type: 'RESPONSE' };
  const requests = messages.map((message) => {
    if (msg.messageId) message.metadata = msg.messageId;
    return post(cfg, { recipient: { id: msg.to }, ...windowFields, message });
  });
  return { ok: true, requests };
}

function attachmentPayload(m: OutboundMedia): Body | undefined {
  if (m.providerMediaId) return { attachment_id: m.providerMediaId };
  if (m.url) return { url: m.url, is_reusable: true };
  return undefined;
}

export function attachmentType(mimeType: string): 'image' | 'video' | 'audio' | 'file' {
  const mime = mimeType.toLowerCase();
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'file';
}

/** `typing_on`, `typing_off` or `mark_seen` (§1.7): a separate call with no message. */
export function buildMessengerSenderAction(cfg: MessengerConfig, psid: string, action: SenderAction): ProviderRequest {
  return post(cfg, { recipient: { id: psid }, sender_action: action });
}

function post(cfg: MessengerConfig, body: Body): ProviderRequest {
  return graphMessagesPost(cfg, cfg.pageId, cfg.pageAccessToken, body);
}

/** A Send API response → SendResult; the id is `message_id` (the `mid` later seen in echoes and receipts). */
export function interpretMessengerSendResponse(res: ProviderResponse, nowMs?: number): SendResult {
  return graphSendResult(res, MESSENGER_ERROR_RULES, (b) => id(rec(b).message_id), nowMs);
}

/** A sender-action response (`{ recipient_id }`) → AckResult. */
export function interpretMessengerAck(res: ProviderResponse, nowMs?: number): AckResult {
  if (res.status >= 200 && res.status < 300) return { ok: true };
  return graphFailure(res, MESSENGER_ERROR_RULES, nowMs);
}
