import { conversationFromRow, type ConversationRecord } from './conversations';
import { customerFromRow, type CustomerRecord } from './customers';
import { messageFromRow, type MessageRecord } from './messages';
import type { Executor } from './executor';

/** What a supervisor narrows the conversation list by; every field optional, all combined with AND. */
export interface ConversationFilter {
  channel?: string;
  entryPointId?: string;
  /** Exact match on the customer's provider id (any channel unless `channel` is given too). */
  customerExternalId?: string;
  /** Any of these statuses. */
  statuses?: readonly string[];
  /** Created at or after (epoch ms). */
  from?: number;
  /** Created before (epoch ms). */
  to?: number;
}

/** A place in the newest-first order: the last conversation of the previous page. */
export interface ConversationPosition {
  createdAt: number;
  id: string;
}

export interface SupervisedConversation {
  conversation: ConversationRecord;
  customer: CustomerRecord;
  /** The newest message a person wrote (not a system notice), if any. */
  lastMessage: MessageRecord | null;
}

/**
 * Conversations newest first (created_at, then id, descending), strictly after `after`. Keyset
 * paging: a conversation created while a client pages sorts before the position it holds, so it
 * never shifts a later page, and every conversation is returned once. `next`: where the following
 * page starts, null on the last one.
 */
export async function listSupervisedConversations(
  ex: Executor,
  filter: ConversationFilter,
  page: { after?: ConversationPosition; limit: number },
): Promise<{ items: SupervisedConversation[]; next: ConversationPosition | null }> {
  let q = ex.selectFrom('conversations').selectAll();
  if (filter.channel !== undefined) q = q.where('channel', '=', filter.channel);
  if (filter.entryPointId !== undefined) q = q.where('entry_point_id', '=', filter.entryPointId);
  if (filter.statuses !== undefined && filter.statuses.length > 0) q = q.where('status', 'in', [...filter.statuses]);
  if (filter.from !== undefined) q = q.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('created_at', '<', filter.to);
  if (filter.customerExternalId !== undefined) {
    const externalId = filter.customerExternalId;
    q = q.where('customer_id', 'in', (eb) => eb.selectFrom('customers').select('id').where('external_id', '=', externalId));
  }
  const after = page.after;
  if (after) q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.createdAt, after.id)));
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const conversations = rows.slice(0, page.limit).map(conversationFromRow);
  const last = conversations.at(-1);
  const next = rows.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null;
  return { items: await withCustomersAndPreviews(ex, conversations), next };
}

export async function getSupervisedConversation(ex: Executor, id: string): Promise<SupervisedConversation | null> {
  const row = await ex.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [item] = await withCustomersAndPreviews(ex, [conversationFromRow(row)]);
  return item ?? null;
}

/** Two more queries per page, whatever its size: the customers, and each conversation's newest message by a person. */
async function withCustomersAndPreviews(ex: Executor, conversations: ConversationRecord[]): Promise<SupervisedConversation[]> {
  if (conversations.length === 0) return [];
  const customerIds = [...new Set(conversations.map((c) => c.customerId))];
  const customers = new Map(
    (await ex.selectFrom('customers').selectAll().where('id', 'in', customerIds).execute()).map((r) => [r.id, customerFromRow(r)]),
  );
  const ids = conversations.map((c) => c.id);
  // Per conversation, the id of its newest non-system message (the (conversation_id, created_at, id) index, read backwards).
  const latest = await ex
    .selectFrom('conversations as c')
    .where('c.id', 'in', ids)
    .select((eb) =>
      eb
        .selectFrom('messages as m')
        .select('m.id')
        .whereRef('m.conversation_id', '=', 'c.id')
        .where('m.author_type', '!=', 'system')
        .orderBy('m.created_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(1)
        .as('message_id'),
    )
    .execute();
  const messageIds = latest.map((r) => r.message_id).filter((id): id is string => typeof id === 'string');
  const messages = new Map<string, MessageRecord>();
  if (messageIds.length > 0) {
    for (const r of await ex.selectFrom('messages').selectAll().where('id', 'in', messageIds).execute()) {
      const m = messageFromRow(r);
      messages.set(m.conversationId, m);
    }
  }
  const out: SupervisedConversation[] = [];
  for (const conversation of conversations) {
    const customer = customers.get(conversation.customerId);
    // A conversation always has its customer; one without (a damaged row) is left out rather than invented.
    if (customer) out.push({ conversation, customer, lastMessage: messages.get(conversation.id) ?? null });
  }
  return out;
}
