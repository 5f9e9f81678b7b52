import type { Kysely } from 'kysely';

/*
 * Report facts (repos/report-facts.ts): an append-only record of what the day's figures count
 * (a conversation queued, accepted, abandoned, transferred, an agent's part handled, a RONA, a
 * wrap-up reason), written in the same transaction as the routing change that caused it. Unlike
 * the agent event stream (pruned after a retention period), facts are never deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_facts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    // A wait or handle time in ms, where the kind has one.
    .addColumn('ms', 'bigint')
    // Kind-specific: the queue or agent transferred to, a wrap-up reason id.
    .addColumn('detail', 'text')
    .execute();
  // A day's report reads one time range.
  await db.schema.createIndex('report_facts_at_idx').on('report_facts').columns(['at']).execute();
  // A wrap-up counts in the queue where the agent handled the conversation.
  await db.schema.createIndex('report_facts_conversation_idx').on('report_facts').columns(['conversation_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_facts').ifExists().execute();
}
