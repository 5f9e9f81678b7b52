import type { EventTime, InboundEvent, MessageContent, ParseOptions, Referral } from '../pipeline/inbound-events';
import { describe, notice } from '../pipeline/notice';
import { type JsonRecord, compact, epochMs, id, isRecord, list, nonEmpty, rec, str } from '../pipeline/read';
import { renderContent } from '../pipeline/render';
import { parseAttachments } from './parse-attachments';

/**
 * Messenger (and Instagram messaging) webhook body → normalized events, in payload order
 * (wire-formats §1.2): every entry, its `messaging` and `standby` events, and the `{ field, value }`
 * shape of Meta's test tools (top level or under `entry[].changes`). Ids and timestamps may be numbers
 * or numeric strings. Total: never throws; unmapped events become notices.
 */
export function parseMessengerWebhook(json: unknown, options: ParseOptions = {}): InboundEvent[] {
  const fallbackAt: EventTime = options.receivedAt ?? null;
  if (!isRecord(json)) return [notice('invalid_payload', `expected a JSON object, got ${describe(json)}`, fallbackAt)];
  if (json.object === undefined && isRecord(json.value)) return parseEvent(json.value, {}, fallbackAt);
  if (json.object !== 'page' && json.object !== 'instagram') {
    return [notice('unexpected_object', `object ${describe(json.object)} is not page or instagram`, fallbackAt)];
  }
  if (!Array.isArray(json.entry)) return [notice('invalid_payload', 'entry is not an array', fallbackAt)];
  const events: InboundEvent[] = [];
  for (const raw of json.entry) {
    if (!isRecord(raw)) {
      events.push(notice('invalid_payload', 'entry is not an object', fallbackAt));
      continue;
    }
    const entry = { pageId: id(raw.id), time: epochMs(raw.time) };
    const items = [...list(raw.messaging), ...list(raw.standby), ...list(raw.changes).map((c) => rec(c).value)];
    if (items.length === 0) {
      const where = compact({ entryPointKey: entry.pageId });
      events.push(notice('empty_entry', 'entry without messaging, standby or changes', entry.time ?? fallbackAt, where));
    }
    for (const item of items) events.push(...parseEvent(rec(item), entry, fallbackAt));
  }
  return events;
}

interface EntryInfo {
  pageId?: string;
  time?: number;
}

function parseEvent(e: JsonRecord, entry: EntryInfo, fallbackAt: EventTime): InboundEvent[] {
  const providerAt = epochMs(e.timestamp) ?? entry.time;
  const at = providerAt ?? fallbackAt;
  const senderId = id(rec(e.sender).id);
  const recipientId = id(rec(e.recipient).id);
  const message = isRecord(e.message) ? e.message : undefined;
  const isEcho = message?.is_echo === true || message?.is_echo === 'true';
  // For echoes the page is the sender; otherwise the page is the recipient.
  const pageId = (isEcho ? senderId : recipientId) ?? entry.pageId;
  const customerId = isEcho ? recipientId : senderId;
  if (!pageId || !customerId) return [notice('invalid_event', 'messaging event without sender.id and recipient.id', at, compact({ entryPointKey: pageId }))];
  const base: Base = { entryPointKey: pageId, customerId, at, providerAt };
  if (message) return [isEcho ? echo(message, base) : inboundMessage(message, base)];
  if (isRecord(e.postback)) return [postback(e.postback, base)];
  if (isRecord(e.reaction)) return [reaction(e.reaction, base)];
  if (isRecord(e.delivery)) return [watermark('delivered', e.delivery, base)];
  if (isRecord(e.read)) return [watermark('read', e.read, base)];
  const kind = KNOWN_UNHANDLED.find((k) => e[k] !== undefined);
  const what = kind ?? Object.keys(e).filter((k) => !['sender', 'recipient', 'timestamp'].includes(k)).join(', ');
  const where = { entryPointKey: pageId, customerExternalId: customerId };
  return [notice(kind ?? 'unsupported_event', `Messenger event ${describe(what || '(empty)')} is not handled`, at, where)];
}

/** Subscribable events we report but do not map; their notice code is the field name. */
const KNOWN_UNHANDLED = [
  'referral',
  'optin',
  'message_edit',
  'pass_thread_control',
  'take_thread_control',
  'request_thread_control',
  'policy_enforcement',
  'account_linking',
];

interface Base {
  entryPointKey: string;
  customerId: string;
  at: EventTime;
  /** The provider's own time only (never `receivedAt`): stable across retries of one delivery. */
  providerAt: number | undefined;
}

function whereOf(b: Base): { entryPointKey: string; customerExternalId: string } {
  return { entryPointKey: b.entryPointKey, customerExternalId: b.customerId };
}

function messageBody(m: JsonRecord): { text: string; content: MessageContent; media: ReturnType<typeof parseAttachments>['media'] } {
  const text = str(m.text);
  const { content: fromAttachments, media } = parseAttachments(m.attachments);
  const quickReply = rec(m.quick_reply);
  let content: MessageContent;
  if (quickReply.payload !== undefined) content = { type: 'quick_reply', payload: id(quickReply.payload) ?? '' };
  else if (fromAttachments) content = withCaption(fromAttachments, text);
  else if (text !== undefined) content = { type: 'text', body: text };
  else content = { type: 'unsupported', reason: 'message without text or attachments' };
  return { text: text ?? renderContent(content), content, media };
}

/** Instagram sends text next to media: keep it as the caption. */
function withCaption(content: MessageContent, text: string | undefined): MessageContent {
  if (text && (content.type === 'image' || content.type === 'video' || content.type === 'document')) return { ...content, caption: text };
  return content;
}

function inboundMessage(m: JsonRecord, b: Base): InboundEvent {
  const mid = id(m.mid);
  if (!mid) return notice('invalid_message', 'message without mid', b.at, whereOf(b));
  if (m.is_deleted === true) {
    return notice('message_deleted', 'the customer unsent a message', b.at, { ...whereOf(b), providerMessageId: mid });
  }
  const { text, content, media } = messageBody(m);
  return compact({
    type: 'message' as const,
    entryPointKey: b.entryPointKey,
    providerMessageId: mid,
    customer: { externalId: b.customerId },
    at: b.at,
    text,
    content,
    media,
    replyToProviderId: id(rec(m.reply_to).mid),
    referral: parseReferral(m.referral),
  });
}

function echo(m: JsonRecord, b: Base): InboundEvent {
  const mid = id(m.mid);
  if (!mid) return notice('invalid_message', 'echo without mid', b.at, whereOf(b));
  const { text, content, media } = messageBody(m);
  return compact({
    type: 'echo' as const,
    entryPointKey: b.entryPointKey,
    providerMessageId: mid,
    customerExternalId: b.customerId,
    text,
    content,
    media,
    appId: id(m.app_id),
    metadata: nonEmpty(m.metadata),
    at: b.at,
  });
}

/**
 * A postback button, Get Started or menu item: a customer message. Postbacks without a `mid` (older
 * Get Started taps) get a synthetic id from sender and the provider's timestamp (never our receive
 * time), so retries of one delivery still dedupe.
 */
function postback(p: JsonRecord, b: Base): InboundEvent {
  const payload = str(p.payload) ?? '';
  const title = str(p.title) ?? '';
  const mid = id(p.mid) ?? `postback:${b.customerId}:${b.providerAt ?? payload}`;
  const referral = parseReferral(p.referral);
  const content: MessageContent = compact({ type: 'postback' as const, payload, title, referral });
  return compact({
    type: 'message' as const,
    entryPointKey: b.entryPointKey,
    providerMessageId: mid,
    customer: { externalId: b.customerId },
    at: b.at,
    text: renderContent(content),
    content,
    media: [],
    referral,
  });
}

function reaction(r: JsonRecord, b: Base): InboundEvent {
  const target = id(r.mid);
  if (!target) return notice('invalid_event', 'reaction without mid', b.at, whereOf(b));
  const removed = r.action === 'unreact';
  const emoji = removed ? null : (nonEmpty(r.emoji) ?? nonEmpty(r.reaction) ?? null);
  // Messenger reactions have no id of their own: the provider's timestamp makes retries dedupe.
  const providerMessageId = b.providerAt === undefined ? undefined : `reaction:${b.customerId}:${target}:${b.providerAt}`;
  const event = { type: 'reaction' as const, entryPointKey: b.entryPointKey, providerMessageId, targetProviderId: target, customerExternalId: b.customerId, emoji, at: b.at };
  return compact(event);
}

function watermark(status: 'delivered' | 'read', w: JsonRecord, b: Base): InboundEvent {
  const mark = epochMs(w.watermark);
  if (mark === undefined) return notice('invalid_event', `${status} receipt without a watermark`, b.at, whereOf(b));
  const mids = list(w.mids).flatMap((m) => id(m) ?? []);
  return compact({
    type: 'watermark' as const,
    entryPointKey: b.entryPointKey,
    customerExternalId: b.customerId,
    status,
    watermark: mark,
    mids: mids.length ? mids : undefined,
    at: b.at ?? mark,
  });
}

/** m.me links, ads, shops (`referral` on messages and postbacks). */
function parseReferral(v: unknown): Referral | undefined {
  if (!isRecord(v)) return undefined;
  const referral = compact<Referral>({
    ref: nonEmpty(v.ref),
    source: nonEmpty(v.source),
    type: nonEmpty(v.type),
    sourceId: id(v.ad_id),
    url: nonEmpty(v.referer_uri),
    headline: nonEmpty(rec(v.ads_context_data).ad_title),
  });
  return Object.keys(referral).length > 0 ? referral : undefined;
}
