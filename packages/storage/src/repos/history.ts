import { conversationFromRow, type ConversationRecord } from './conversations';
import { messageFromRow, type MessageRecord } from './messages';
import type { Executor } from './executor';

/** One earlier conversation of a customer with its newest messages written by people. */
export interface HistoryEntry {
  conversation: ConversationRecord;
  /** Oldest first; system notices left out. */
  messages: MessageRecord[];
  /** Older messages (by people) exist than those returned. */
  hasMoreMessages: boolean;
}

export interface CustomerHistoryPage {
  /** Newest first (created_at, then id, descending). */
  items: HistoryEntry[];
  /** Older conversations exist after the last one returned. */
  hasMore: boolean;
  /** Every conversation of the customer before conversation `of`, across all pages. */
  total: number;
}

export interface CustomerHistoryRequest {
  /** The conversation whose customer's earlier conversations are wanted. */
  of: string;
  /** A conversation of the same customer: only those before it (the previous page's last one). */
  beforeId?: string;
  limit: number;
  messagesPerConversation: number;
}

const EMPTY: CustomerHistoryPage = { items: [], hasMore: false, total: 0 };

/**
 * The customer of conversation `of`: their conversations created before it, newest first, with
 * keyset paging on (created_at, id) (the customer_id/created_at index). An unknown `of` gives an
 * empty page; so does a `beforeId` that is not one of this customer's conversations, so an anchor
 * can never reveal anything about another customer.
 */
export async function listCustomerHistory(ex: Executor, req: CustomerHistoryRequest): Promise<CustomerHistoryPage> {
  const current = await position(ex, req.of);
  if (!current) return EMPTY;
  const earlier = ex
    .selectFrom('conversations')
    .where('customer_id', '=', current.customer_id)
    .where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(current.created_at, current.id)));
  const counted = await earlier.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const total = Number(counted?.n ?? 0);
  let q = earlier.selectAll();
  if (req.beforeId !== undefined) {
    const anchor = await position(ex, req.beforeId);
    if (!anchor || anchor.customer_id !== current.customer_id) return { ...EMPTY, total };
    q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(anchor.created_at, anchor.id)));
  }
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(req.limit + 1)
    .execute();
  const items: HistoryEntry[] = [];
  for (const row of rows.slice(0, req.limit)) {
    items.push({ conversation: conversationFromRow(row), ...(await newestByPeople(ex, row.id, req.messagesPerConversation)) });
  }
  return { items, hasMore: rows.length > req.limit, total };
}

function position(ex: Executor, id: string) {
  return ex.selectFrom('conversations').select(['id', 'customer_id', 'created_at']).where('id', '=', id).executeTakeFirst();
}

/** The newest `limit` messages a customer or an agent wrote, oldest first (the (conversation_id, created_at) index, read backwards). */
async function newestByPeople(ex: Executor, conversationId: string, limit: number): Promise<{ messages: MessageRecord[]; hasMoreMessages: boolean }> {
  const rows = await ex
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('author_type', '!=', 'system')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return { messages: rows.slice(0, limit).reverse().map(messageFromRow), hasMoreMessages: rows.length > limit };
}
