import type { Kysely } from 'kysely';

/*
 * A queue's business hours and out-of-hours message (JSON, see BusinessHours in @parley/protocol);
 * null: always open.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('queues').addColumn('hours_json', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('queues').dropColumn('hours_json').execute();
}
