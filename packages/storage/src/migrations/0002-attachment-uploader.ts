import type { Kysely } from 'kysely';

/**
 * Who uploaded an attachment (`agent:<agentId>` or `chat:<conversationId>`): an upload not yet
 * sent may be attached only by its uploader. Rows from before this migration have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('attachments').addColumn('uploaded_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('attachments').dropColumn('uploaded_by').execute();
}
