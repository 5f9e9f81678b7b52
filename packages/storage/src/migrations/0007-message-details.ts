import type { Kysely } from 'kysely';

/*
 * What a channel message carries beyond text and attachments (content kind, reply, forwarded,
 * reactions, written outside Parley), as one JSON column: shown as is, never queried by field.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('details_json', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('details_json').execute();
}
