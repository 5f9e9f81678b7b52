import type { Kysely } from 'kysely';

/*
 * Where a customer's reply to a closed conversation (email) goes: 'queue' (the queue's next free
 * agent) or 'lastAgent' (its last agent first, when they can take it now).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('queues').addColumn('reopen_to', 'text', (c) => c.notNull().defaultTo('queue')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('queues').dropColumn('reopen_to').execute();
}
