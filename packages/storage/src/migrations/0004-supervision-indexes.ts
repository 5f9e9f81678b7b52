import type { Kysely } from 'kysely';

/*
 * Indexes for the supervisor's conversation list (repos/supervision.ts): newest first with keyset
 * paging and a time range on created_at; a customer's conversations by the provider's id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('conversations_created_idx').on('conversations').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('conversations_customer_created_idx').on('conversations').columns(['customer_id', 'created_at']).execute();
  await db.schema.createIndex('customers_external_idx').on('customers').column('external_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['customers_external_idx', 'conversations_customer_created_idx', 'conversations_created_idx']) {
    await db.schema.dropIndex(name).ifExists().execute();
  }
}
