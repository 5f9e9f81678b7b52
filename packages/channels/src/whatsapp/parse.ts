import type {
  AltId,
  CustomerRef,
  DeliveryStatus,
  EventTime,
  InboundEvent,
  ParseOptions,
  ProviderError,
} from '../pipeline/inbound-events';
import { describe, notice } from '../pipeline/notice';
import { type JsonRecord, compact, epochMs, id, isRecord, list, nonEmpty, rec, str } from '../pipeline/read';
import { renderContent } from '../pipeline/render';
import { parseContent, parseReferral } from './parse-content';

/**
 * WhatsApp Cloud API webhook body (already JSON-parsed, signature already checked) → normalized events,
 * in payload order: every entry, every change, every message, status and error (wire-formats §2.2).
 * Total: odd or missing fields never throw; what cannot be mapped becomes a `notice`.
 */
export function parseWhatsAppWebhook(json: unknown, options: ParseOptions = {}): InboundEvent[] {
  const fallbackAt: EventTime = options.receivedAt ?? null;
  if (!isRecord(json)) return [notice('invalid_payload', `expected a JSON object, got ${describe(json)}`, fallbackAt)];
  if (json.object !== 'whatsapp_business_account') {
    return [notice('unexpected_object', `object ${describe(json.object)} is not whatsapp_business_account`, fallbackAt)];
  }
  if (!Array.isArray(json.entry)) return [notice('invalid_payload', 'entry is not an array', fallbackAt)];
  const events: InboundEvent[] = [];
  for (const entry of json.entry) {
    if (!isRecord(entry) || !Array.isArray(entry.changes)) {
      events.push(notice('invalid_payload', 'entry without a changes array', fallbackAt));
      continue;
    }
    for (const change of entry.changes) events.push(...parseChange(rec(change), fallbackAt));
  }
  return events;
}

function parseChange(change: JsonRecord, fallbackAt: EventTime): InboundEvent[] {
  const field = str(change.field);
  if (field !== 'messages') return [notice('unsupported_field', `change field ${describe(change.field)} is not handled`, fallbackAt)];
  const value = rec(change.value);
  const entryPointKey = id(rec(value.metadata).phone_number_id);
  if (!entryPointKey) return [notice('invalid_payload', 'messages change without metadata.phone_number_id', fallbackAt)];
  const ctx: ChangeContext = { entryPointKey, fallbackAt, contacts: list(value.contacts).map((c) => rec(c)) };
  const events: InboundEvent[] = [
    ...list(value.messages).map((m) => parseMessage(rec(m), ctx)),
    ...list(value.statuses).map((s) => parseStatus(rec(s), ctx)),
    ...list(value.errors).map((e) => ({ type: 'error' as const, entryPointKey, error: providerError(rec(e)), at: fallbackAt })),
  ];
  if (events.length === 0) events.push(notice('empty_change', 'messages change without messages, statuses or errors', fallbackAt, { entryPointKey }));
  return events;
}

interface ChangeContext {
  entryPointKey: string;
  fallbackAt: EventTime;
  contacts: JsonRecord[];
}

function parseMessage(m: JsonRecord, ctx: ChangeContext): InboundEvent {
  const at = epochMs(m.timestamp) ?? ctx.fallbackAt;
  const providerMessageId = id(m.id);
  const type = str(m.type) ?? '';
  if (!providerMessageId) return notice('invalid_message', `message without an id (type ${describe(type)})`, at, { entryPointKey: ctx.entryPointKey });
  if (type === 'system') return parseSystem(m, providerMessageId, at, ctx);
  if (type === 'request_welcome') {
    // The user opened the chat for the first time: nothing to show, but the window is open.
    const where = compact({ entryPointKey: ctx.entryPointKey, providerMessageId, customerExternalId: id(m.from) });
    return notice('request_welcome', 'the customer opened a first chat with this number', at, where);
  }
  const customer = customerOf(m, ctx.contacts);
  if (!customer) {
    return notice('invalid_message', 'message without a sender (from, wa_id or user_id)', at, { entryPointKey: ctx.entryPointKey, providerMessageId });
  }
  if (type === 'reaction') {
    const r = rec(m.reaction);
    const target = id(r.message_id);
    if (!target) return notice('invalid_message', 'reaction without message_id', at, { entryPointKey: ctx.entryPointKey, providerMessageId });
    const emoji = nonEmpty(r.emoji) ?? null;
    const customerExternalId = customer.externalId;
    return { type: 'reaction', entryPointKey: ctx.entryPointKey, providerMessageId, targetProviderId: target, customerExternalId, emoji, at };
  }
  const { content, media } = parseContent(type, m);
  const context = rec(m.context);
  const forwarded = context.forwarded === true || context.frequently_forwarded === true;
  return compact({
    type: 'message' as const,
    entryPointKey: ctx.entryPointKey,
    providerMessageId,
    customer,
    at,
    text: renderContent(content),
    content,
    media,
    replyToProviderId: id(context.id),
    forwarded: forwarded || undefined,
    referral: parseReferral(m.referral),
  });
}

/**
 * The sender: `from` is the wa_id (phone). Users with a username may withhold it; then the BSUID
 * (`contacts[].user_id`, `from_user_id`) is the only id. The matching `contacts[]` entry adds the name.
 */
function customerOf(m: JsonRecord, contacts: JsonRecord[]): CustomerRef | undefined {
  const from = id(m.from);
  const fromUserId = id(m.from_user_id);
  const contact =
    contacts.find((c) => (from && id(c.wa_id) === from) || (fromUserId && id(c.user_id) === fromUserId)) ??
    (contacts.length === 1 ? contacts[0] : undefined) ??
    {};
  const waId = id(contact.wa_id) ?? from;
  const bsuid = id(contact.user_id) ?? fromUserId;
  const parentBsuid = id(contact.parent_user_id) ?? id(m.from_parent_user_id);
  const externalId = waId ?? bsuid;
  if (!externalId) return undefined;
  const altIds: AltId[] = [];
  if (bsuid && bsuid !== externalId) altIds.push({ kind: 'whatsapp_bsuid', id: bsuid });
  if (parentBsuid) altIds.push({ kind: 'whatsapp_parent_bsuid', id: parentBsuid });
  const profile = rec(contact.profile);
  return compact({
    externalId,
    name: nonEmpty(profile.name),
    // `from` is the number the user wrote from; wa_id (what we reply to) can differ in some countries.
    phone: from ?? waId,
    username: nonEmpty(profile.username),
    altIds: altIds.length ? altIds : undefined,
  });
}

/** `user_changed_number` (new number in `system.wa_id`) and `user_changed_user_id` (BSUID only). */
function parseSystem(m: JsonRecord, providerMessageId: string, at: EventTime, ctx: ChangeContext): InboundEvent {
  const s = rec(m.system);
  const kind = str(s.type);
  const text = str(s.body) ?? '';
  if (kind !== 'user_changed_number' && kind !== 'user_changed_user_id') {
    return notice('unsupported_system_message', `system message ${describe(kind)}: ${text}`, at, { entryPointKey: ctx.entryPointKey, providerMessageId });
  }
  const previous = compact({ waId: id(m.from), bsuid: id(s.previous_user_id) ?? id(m.from_user_id), parentBsuid: id(s.previous_parent_user_id) });
  const current = compact({ waId: id(s.wa_id) ?? id(s.new_wa_id), bsuid: id(s.user_id), parentBsuid: id(s.parent_user_id) });
  return {
    type: 'identity_changed',
    entryPointKey: ctx.entryPointKey,
    providerMessageId,
    kind: kind === 'user_changed_number' ? 'phone_number' : 'user_id',
    previous,
    current,
    text,
    at,
  };
}

const STATUS: Record<string, DeliveryStatus> = { sent: 'sent', delivered: 'delivered', read: 'read', played: 'read', failed: 'failed' };

function parseStatus(s: JsonRecord, ctx: ChangeContext): InboundEvent {
  const at = epochMs(s.timestamp) ?? ctx.fallbackAt;
  const providerMessageId = id(s.id);
  const providerStatus = str(s.status) ?? '';
  const status = STATUS[providerStatus];
  if (!providerMessageId || !status) {
    const where = compact({ entryPointKey: ctx.entryPointKey, providerMessageId });
    return notice('unsupported_status', `status ${describe(providerStatus)} for ${describe(s.id)} is not handled`, at, where);
  }
  const firstError = list(s.errors)[0];
  return compact({
    type: 'status' as const,
    entryPointKey: ctx.entryPointKey,
    providerMessageId,
    status,
    providerStatus,
    at,
    recipientId: id(s.recipient_id) ?? id(s.recipient_user_id),
    callbackData: nonEmpty(s.biz_opaque_callback_data),
    error: isRecord(firstError) ? providerError(firstError) : undefined,
  });
}

function providerError(e: JsonRecord): ProviderError {
  const title = str(e.title) ?? str(e.message) ?? 'Unknown error';
  return { code: id(e.code) ?? 'unknown', title, message: nonEmpty(rec(e.error_data).details) ?? nonEmpty(e.message) ?? title };
}
