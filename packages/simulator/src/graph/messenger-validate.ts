import type { ChatMedia, OfferedButton } from '../state';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export type SenderAction = 'typing_on' | 'typing_off' | 'mark_seen' | 'react' | 'unreact';

export interface MessengerSend {
  psid: string;
  action?: SenderAction;
  /** `react` / `unreact`: the message (mid) and, for `react`, the emoji (§1.4 `payload.message_id`, `payload.reaction`). */
  reaction?: { messageId: string; emoji?: string };
  messagingType?: string;
  tag?: string;
  text?: string;
  media?: ChatMedia;
  buttons?: OfferedButton[];
  metadata?: string;
  /** The `message` object as sent, echoed back (with mid and app_id) in `message_echoes`. */
  echo?: Obj;
}

const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'];
const ATTACHMENT_TYPES = ['image', 'audio', 'video', 'file', 'template'];

/**
 * Send API fields may come as JSON or as a form whose values are JSON (§1.4); both end up as objects.
 * Returns a `(#100)` message on a refusal.
 */
export function checkMessengerSend(body: Obj): MessengerSend | string {
  const recipient = parseField(body.recipient);
  const psid = isObj(recipient) ? str(recipient.id) : undefined;
  if (!psid) return 'param recipient must be non-empty.';
  if (body.sender_action !== undefined) {
    const action = body.sender_action;
    if (action === 'react' || action === 'unreact') return reactionAction(psid, action, parseField(body.payload));
    if (action !== 'typing_on' && action !== 'typing_off' && action !== 'mark_seen') return 'param sender_action must be one of {typing_on, typing_off, mark_seen, react, unreact}';
    return { psid, action };
  }
  const messagingType = str(body.messaging_type);
  if (!messagingType || !MESSAGING_TYPES.includes(messagingType)) return 'param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}';
  const tag = str(body.tag);
  if (messagingType === 'MESSAGE_TAG' && !tag) return 'param tag is required when messaging_type is MESSAGE_TAG';
  const message = parseField(body.message);
  if (!isObj(message)) return 'param message must be non-empty.';
  const out: MessengerSend = { psid, messagingType, echo: { ...message } };
  if (tag) out.tag = tag;
  if (typeof message.metadata === 'string') out.metadata = message.metadata;
  const text = str(message.text);
  if (text && message.attachment !== undefined) return 'Only one of text or attachment may be set.';
  if (text) {
    if (text.length > 2000) return 'Length of param message[text] must be less than or equal to 2000';
    out.text = text;
  } else if (isObj(message.attachment)) {
    const refused = attachment(out, message.attachment);
    if (refused) return refused;
  } else {
    return 'param message must contain text or attachment.';
  }
  const quick = Array.isArray(message.quick_replies) ? message.quick_replies.filter(isObj) : [];
  if (quick.length > 13) return 'param message[quick_replies] must have at most 13 elements';
  if (quick.length > 0) {
    out.buttons = [...(out.buttons ?? []), ...quick.map((q) => ({ kind: 'quick_reply' as const, id: String(q.payload ?? ''), title: String(q.title ?? '') }))];
  }
  return out;
}

function reactionAction(psid: string, action: 'react' | 'unreact', payload: unknown): MessengerSend | string {
  const messageId = isObj(payload) ? str(payload.message_id) : undefined;
  if (!messageId) return `param payload[message_id] is required with sender_action ${action}`;
  if (action === 'unreact') return { psid, action, reaction: { messageId } };
  const emoji = isObj(payload) ? str(payload.reaction) : undefined;
  if (!emoji) return 'param payload[reaction] is required with sender_action react';
  return { psid, action, reaction: { messageId, emoji } };
}

function attachment(out: MessengerSend, a: Obj): string | undefined {
  const type = str(a.type);
  if (!type || !ATTACHMENT_TYPES.includes(type)) return 'param message[attachment][type] must be one of {image, audio, video, file, template}';
  const payload = isObj(a.payload) ? a.payload : {};
  if (type === 'template') {
    out.text = str(payload.text) ?? `[${String(payload.template_type ?? 'template')}]`;
    const buttons = (Array.isArray(payload.buttons) ? payload.buttons.filter(isObj) : []).filter((b) => b.type === 'postback');
    if (buttons.length > 0) out.buttons = buttons.map((b) => ({ kind: 'postback', id: String(b.payload ?? ''), title: String(b.title ?? '') }));
    return undefined;
  }
  const url = str(payload.url);
  const id = str(payload.attachment_id);
  if (!url && !id) return 'param message[attachment][payload] must have a url or an attachment_id';
  const media: ChatMedia = { kind: type };
  if (url) media.url = url;
  if (id) media.mediaId = id;
  out.media = media;
  return undefined;
}

/** Form-encoded Send API calls carry JSON in each field. */
function parseField(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}
