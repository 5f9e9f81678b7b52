import type { Selectable } from 'kysely';
import type { MessagesTable } from '../schema';
import { fromJson, fromJsonOrNull, toJson, type Executor } from './executor';
import { HotInsert } from './hot-insert';
import { PostgresAdapter } from 'kysely';
import { executePlan, type PlanResult, type WritePlan } from '../plan';
import { eventRow, insertEventsStatements, type EventRecord } from './events';
import { enqueueOutboxStatement, type OutboxEnqueue } from './outbox';

export interface MessageRecord {
  id: string;
  conversationId: string;
  direction: string;
  authorType: string;
  authorId: string | null;
  authorName: string;
  text: string;
  attachments: unknown[];
  notice: unknown;
  /** Idempotency key from the Desktop or widget; unique per conversation. */
  clientId: string | null;
  /** The provider's message id; unique per channel. */
  providerId: string | null;
  channel: string;
  status: string;
  statusReason: string | null;
  createdAt: number;
  /** Content kind, reply, forwarded, reactions, external (MessageDto's fields of the same names); null when none. */
  details?: MessageDetails | null;
}

export interface MessageDetails {
  content?: unknown;
  replyTo?: { messageId: string; text: string } | null;
  forwarded?: boolean;
  reactions?: { emoji: string; by: 'customer' | 'agent'; at: number }[];
  external?: boolean;
  referral?: unknown;
  /** Email: the envelope shown (EmailDetailsDto) plus References and Thread-Index, kept for replies. */
  email?: { references?: string[]; threadIndexHeader?: string; threadIndexRoot?: string; [field: string]: unknown };
}

export interface MessagePage {
  /** Oldest first. */
  messages: MessageRecord[];
  /** True when older messages exist before the first one returned. */
  hasMore: boolean;
}

function toRecord(row: Selectable<MessagesTable>): MessageRecord {
  const attachments = fromJson(row.attachments_json);
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    authorType: row.author_type,
    authorId: row.author_id,
    authorName: row.author_name,
    text: row.text,
    attachments: Array.isArray(attachments) ? attachments : [],
    notice: fromJsonOrNull(row.notice_json),
    clientId: row.client_id,
    providerId: row.provider_id,
    channel: row.channel,
    status: row.status,
    statusReason: row.status_reason,
    createdAt: row.created_at,
    ...(row.details_json === null ? {} : { details: fromJsonOrNull(row.details_json) as MessageDetails }),
  };
}

function messageRow(rec: MessageRecord) {
  return {
    id: rec.id,
    conversation_id: rec.conversationId,
    direction: rec.direction,
    author_type: rec.authorType,
    author_id: rec.authorId,
    author_name: rec.authorName,
    text: rec.text,
    attachments_json: toJson(rec.attachments),
    notice_json: rec.notice === null || rec.notice === undefined ? null : toJson(rec.notice),
    client_id: rec.clientId,
    provider_id: rec.providerId,
    channel: rec.channel,
    status: rec.status,
    status_reason: rec.statusReason,
    created_at: rec.createdAt,
    details_json: rec.details ? toJson(rec.details) : null,
  };
}

/**
 * Inserts the message unless its (conversationId, clientId) or (channel, providerId) — or its id —
 * is already stored; then returns the stored row with `duplicate: true`. DO NOTHING rather than
 * catching the violation, because a failed statement would abort an enclosing PostgreSQL transaction.
 */
export async function insertMessage(
  ex: Executor,
  rec: MessageRecord,
): Promise<{ message: MessageRecord; duplicate: boolean }> {
  return insertMessageWithEvents(ex, rec, []);
}

/** The stored message `rec` collided with (same id, client id in its conversation, or provider id). */
async function findExisting(ex: Executor, rec: MessageRecord): Promise<MessageRecord> {
  const existing = await ex
    .selectFrom('messages')
    .selectAll()
    .where((eb) => {
      const keys = [eb('id', '=', rec.id)];
      if (rec.clientId !== null) {
        keys.push(eb.and([eb('conversation_id', '=', rec.conversationId), eb('client_id', '=', rec.clientId)]));
      }
      if (rec.providerId !== null) {
        keys.push(eb.and([eb('channel', '=', rec.channel), eb('provider_id', '=', rec.providerId)]));
      }
      return eb.or(keys);
    })
    .executeTakeFirst();
  if (!existing) throw new Error(`storage: message ${rec.id} was neither inserted nor found`);
  return toRecord(existing);
}

const EVENT_COLUMNS = ['seq', 'agent_id', 'conversation_id', 'type', 'payload_json', 'created_at'] as const;
const EVENT_CASTS = ['bigint', 'text', 'text', 'text', 'text', 'bigint'] as const;
const withEventsSql = new Map<number, string>();

/**
 * PostgreSQL: the message and its events in one statement (one round trip instead of two on the
 * committer's single connection); the events are written only if the message was new.
 */
function postgresWithEventsSql(eventCount: number): string {
  let text = withEventsSql.get(eventCount);
  if (text) return text;
  const cols = Object.keys(messageRow(SAMPLE));
  let n = 0;
  const msgParams = cols.map(() => `$${++n}`).join(', ');
  const rows = Array.from({ length: eventCount }, () => `(${EVENT_CASTS.map((c) => `$${++n}::${c}`).join(', ')})`).join(', ');
  text =
    `with m as (insert into "messages" (${cols.map((c) => `"${c}"`).join(', ')}) values (${msgParams}) on conflict do nothing returning *), ` +
    `e as (insert into "events" (${EVENT_COLUMNS.map((c) => `"${c}"`).join(', ')}) ` +
    `select ${EVENT_COLUMNS.map((c) => `v.${c}`).join(', ')} from (values ${rows}) as v(${EVENT_COLUMNS.join(', ')}) ` +
    `where exists (select 1 from m)) select * from m`;
  withEventsSql.set(eventCount, text);
  return text;
}

const SAMPLE: MessageRecord = {
  id: '', conversationId: '', direction: '', authorType: '', authorId: null, authorName: '', text: '', attachments: [],
  notice: null, clientId: null, providerId: null, channel: '', status: '', statusReason: null, createdAt: 0,
};

const insertNewRow = new HotInsert(
  (ex, rec: MessageRecord) => ex.insertInto('messages').values(messageRow(rec)).onConflict((oc) => oc.doNothing()),
  (rec: MessageRecord) => Object.values(messageRow(rec)),
);

const linkAttachment = new HotInsert(
  (ex, id: string, conversationId: string) => ex.updateTable('attachments').set({ conversation_id: conversationId }).where('id', '=', id),
  (id: string, conversationId: string) => [conversationId, id],
);

/**
 * The write plan that stores a message and, only if it is new (its guard), the events that
 * announce it to agents and the links of its attachments to the conversation. Run it with
 * `GroupCommitter.runPlan` (or `executePlan`), then `storedMessage` tells what is stored.
 * With `outbox`, the job that sends it is enqueued in the same transaction, also only if it is new.
 */
export function insertMessagePlan(
  ex: Executor,
  rec: MessageRecord,
  events: readonly EventRecord[],
  attachmentIds: readonly string[] = [],
  outbox?: OutboxEnqueue,
): WritePlan {
  // Run only if the message is new (the plan's guard).
  const rest = attachmentIds.map((id) => linkAttachment.statement(ex, 'one', id, rec.conversationId));
  if (outbox) rest.push(enqueueOutboxStatement(ex, outbox));
  if (events.length > 0 && ex.getExecutor().adapter instanceof PostgresAdapter) {
    const params = [...Object.values(messageRow(rec)), ...events.flatMap((e) => Object.values(eventRow(e)))];
    return { guard: true, statements: [{ sql: postgresWithEventsSql(events.length), params }, ...rest] };
  }
  return { guard: true, statements: [insertNewRow.statement(ex, 'one', rec), ...insertEventsStatements(ex, events), ...rest] };
}

/** After `insertMessagePlan` ran: the message given, or the stored one its keys collided with. */
export async function storedMessage(
  ex: Executor,
  rec: MessageRecord,
  result: PlanResult,
): Promise<{ message: MessageRecord; duplicate: boolean }> {
  if (!result.skipped) return { message: rec, duplicate: false };
  return { message: await findExisting(ex, rec), duplicate: true };
}

/** Stores a message and, only if it is new, the events that announce it to agents. */
export async function insertMessageWithEvents(
  ex: Executor,
  rec: MessageRecord,
  events: readonly EventRecord[],
): Promise<{ message: MessageRecord; duplicate: boolean }> {
  return storedMessage(ex, rec, await executePlan(ex, insertMessagePlan(ex, rec, events)));
}

export async function getMessage(ex: Executor, id: string): Promise<MessageRecord | null> {
  const row = await ex.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** For delivery receipts, which name the provider's id. */
export async function getMessageByProviderId(
  ex: Executor,
  channel: string,
  providerId: string,
): Promise<MessageRecord | null> {
  const row = await ex
    .selectFrom('messages')
    .selectAll()
    .where('channel', '=', channel)
    .where('provider_id', '=', providerId)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/**
 * A page of a conversation's history, oldest first. Without `beforeId`: the latest `limit`
 * messages; with it: the `limit` messages just before that one (empty if it is unknown).
 */
export async function listMessages(
  ex: Executor,
  conversationId: string,
  opts: { beforeId?: string; limit: number; customerVisible?: boolean },
): Promise<MessagePage> {
  let q = ex.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
  // The customer's thread leaves out agent-only notices, so its pages are full pages.
  if (opts.customerVisible) q = q.where('direction', '!=', 'internal');
  if (opts.beforeId !== undefined) {
    const anchor = await ex
      .selectFrom('messages')
      .select(['created_at', 'id'])
      .where('id', '=', opts.beforeId)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    if (!anchor) return { messages: [], hasMore: false };
    q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(anchor.created_at, anchor.id)));
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
    .execute();
  const hasMore = rows.length > opts.limit;
  return { messages: rows.slice(0, opts.limit).reverse().map(toRecord), hasMore };
}

/** Returns false when no such message exists. */
export async function updateMessageStatus(
  ex: Executor,
  id: string,
  status: string,
  reason: string | null,
): Promise<boolean> {
  const res = await ex
    .updateTable('messages')
    .set({ status, status_reason: reason })
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** When the customer last wrote in a conversation (null before their first message). */
export async function lastInboundAt(ex: Executor, conversationId: string): Promise<number | null> {
  const row = await ex
    .selectFrom('messages')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'inbound')
    .executeTakeFirst();
  return row?.at === null || row?.at === undefined ? null : Number(row.at);
}

export async function setMessageText(ex: Executor, id: string, text: string): Promise<void> {
  await ex.updateTable('messages').set({ text }).where('id', '=', id).execute();
}

/** Replaces a message's attachments (inbound media arrive after the message: downloaded by the outbox). */
export async function setMessageAttachments(ex: Executor, id: string, attachments: unknown[]): Promise<void> {
  await ex.updateTable('messages').set({ attachments_json: toJson(attachments) }).where('id', '=', id).execute();
}

/**
 * Our messages to a customer through one entry point sent at or before `upTo` and not yet at
 * `status` (Messenger delivery and read watermarks), newest first, at most `limit`.
 */
export async function listOutboundUpTo(
  ex: Executor,
  q: { channel: string; entryPointId: string; customerId: string; upTo: number; below: readonly string[]; limit: number },
): Promise<MessageRecord[]> {
  const rows = await ex
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .selectAll('m')
    .where('c.customer_id', '=', q.customerId)
    .where('c.entry_point_id', '=', q.entryPointId)
    .where('m.channel', '=', q.channel)
    .where('m.direction', '=', 'outbound')
    .where('m.created_at', '<=', q.upTo)
    .where('m.status', 'in', [...q.below])
    .orderBy('m.created_at', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map(toRecord);
}

/** Replaces a message's details (reactions change after it was stored). */
export async function setMessageDetails(ex: Executor, id: string, details: MessageDetails | null): Promise<void> {
  await ex.updateTable('messages').set({ details_json: details ? toJson(details) : null }).where('id', '=', id).execute();
}

/**
 * Moves a message's status from `from` to `to` (compare-and-set: false when it is no longer `from`,
 * so two receipts racing can't move it backwards), recording the provider's id when given.
 */
export async function transitionMessageStatus(
  ex: Executor,
  id: string,
  from: string,
  to: string,
  reason: string | null,
  providerId?: string | null,
): Promise<boolean> {
  const res = await ex
    .updateTable('messages')
    .set(providerId ? { status: to, status_reason: reason, provider_id: providerId } : { status: to, status_reason: reason })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Records the provider's id once an outbound message is accepted, so receipts can find it. */
export async function setMessageProviderId(ex: Executor, id: string, providerId: string): Promise<boolean> {
  const res = await ex
    .updateTable('messages')
    .set({ provider_id: providerId })
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Row → record, for queries other repositories build over this table. */
export const messageFromRow = toRecord;
