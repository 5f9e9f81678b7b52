import type { Selectable } from 'kysely';
import type { ConversationsTable } from '../schema';
import { fromJson, toJson, type Executor } from './executor';

export interface ConversationRecord {
  id: string;
  channel: string;
  entryPointId: string;
  queueId: string;
  customerId: string;
  status: string;
  ownerAgentId: string | null;
  /** The domain's conversation state (participants, offer, …), stored as JSON. */
  state: unknown;
  /** Denormalised from `state` so the scheduler can find due timers with an index. */
  offerDeadline: number | null;
  maxWaitDeadline: number | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
}

function toRecord(row: Selectable<ConversationsTable>): ConversationRecord {
  return {
    id: row.id,
    channel: row.channel,
    entryPointId: row.entry_point_id,
    queueId: row.queue_id,
    customerId: row.customer_id,
    status: row.status,
    ownerAgentId: row.owner_agent_id,
    state: fromJson(row.state_json),
    offerDeadline: row.offer_deadline,
    maxWaitDeadline: row.max_wait_deadline,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

/** Inserts or replaces the conversation (every column but id and createdAt). */
export async function upsertConversation(ex: Executor, rec: ConversationRecord): Promise<void> {
  await upsertConversations(ex, [rec]);
}

/** Rows per statement: 13 parameters each, well under SQLite's and PostgreSQL's limits. */
const UPSERT_CHUNK = 200;

/**
 * `upsertConversation` for many at once, a statement per 200: an outcome touching thousands (the
 * restart's abandon clocks) costs a few statements, not one round trip each.
 */
export async function upsertConversations(ex: Executor, given: readonly ConversationRecord[]): Promise<void> {
  // One row per id (the last given wins): a statement may not update the same row twice.
  const recs = [...new Map(given.map((r) => [r.id, r])).values()];
  for (let i = 0; i < recs.length; i += UPSERT_CHUNK) {
    await ex
      .insertInto('conversations')
      .values(
        recs.slice(i, i + UPSERT_CHUNK).map((rec) => ({
          id: rec.id,
          channel: rec.channel,
          entry_point_id: rec.entryPointId,
          queue_id: rec.queueId,
          customer_id: rec.customerId,
          status: rec.status,
          owner_agent_id: rec.ownerAgentId,
          state_json: toJson(rec.state),
          offer_deadline: rec.offerDeadline,
          max_wait_deadline: rec.maxWaitDeadline,
          created_at: rec.createdAt,
          updated_at: rec.updatedAt,
          closed_at: rec.closedAt,
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          channel: eb.ref('excluded.channel'),
          entry_point_id: eb.ref('excluded.entry_point_id'),
          queue_id: eb.ref('excluded.queue_id'),
          customer_id: eb.ref('excluded.customer_id'),
          status: eb.ref('excluded.status'),
          owner_agent_id: eb.ref('excluded.owner_agent_id'),
          state_json: eb.ref('excluded.state_json'),
          offer_deadline: eb.ref('excluded.offer_deadline'),
          max_wait_deadline: eb.ref('excluded.max_wait_deadline'),
          updated_at: eb.ref('excluded.updated_at'),
          closed_at: eb.ref('excluded.closed_at'),
        })),
      )
      .execute();
  }
}

export async function getConversation(ex: Executor, id: string): Promise<ConversationRecord | null> {
  const row = await ex.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Everything still live (status other than 'closed'), oldest first: what a restart rebuilds. */
export async function listConversationsNotClosed(ex: Executor): Promise<ConversationRecord[]> {
  const rows = await ex
    .selectFrom('conversations')
    .selectAll()
    .where('status', '!=', 'closed')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

/** Newest first. */
export async function listConversations(
  ex: Executor,
  opts: { status?: string; limit: number },
): Promise<ConversationRecord[]> {
  let q = ex.selectFrom('conversations').selectAll();
  if (opts.status !== undefined) q = q.where('status', '=', opts.status);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.map(toRecord);
}

/** Conversations with an offer or max-wait deadline at or before `now`, soonest first. */
export async function listConversationsDue(ex: Executor, now: number, limit: number): Promise<ConversationRecord[]> {
  const rows = await ex
    .selectFrom('conversations')
    .selectAll()
    .where((eb) => eb.or([eb('offer_deadline', '<=', now), eb('max_wait_deadline', '<=', now)]))
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

/** Row → record, for queries other repositories build over this table. */
export const conversationFromRow = toRecord;

/** A customer's newest conversations at one entry point, newest first (the customer_id/created_at index). */
export async function listCustomerConversationsAt(ex: Executor, customerId: string, entryPointId: string, limit: number): Promise<ConversationRecord[]> {
  const rows = await ex
    .selectFrom('conversations')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('entry_point_id', '=', entryPointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}
