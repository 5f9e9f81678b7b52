import type { Kysely } from 'kysely';

/*
 * The durable outbox (repos/outbox.ts): one row per outbound send, written in the same transaction as
 * its message and drained by workers that lease rows. Deadlines (next attempt, lease expiry) are
 * columns, so a restarted or another node resumes them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox_jobs')
    // The idempotency key (e.g. `<messageId>:send`): enqueuing it twice keeps one job.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('entry_point_id', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_reason', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Due work: pending by next attempt, sending by lease expiry.
  await db.schema.createIndex('outbox_jobs_due_idx').on('outbox_jobs').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_jobs_lease_idx').on('outbox_jobs').columns(['status', 'lease_until']).execute();
  // The oldest unfinished job of a conversation (sends keep the conversation's order).
  await db.schema
    .createIndex('outbox_jobs_conversation_idx')
    .on('outbox_jobs')
    .columns(['conversation_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbox_jobs').ifExists().execute();
}
