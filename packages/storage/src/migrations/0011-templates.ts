import type { Kysely } from 'kysely';

/*
 * Templates are grouped in categories and may be limited to some queues of their channels (empty
 * list: all of them). The approved WhatsApp template beside one (provider_template_json) now also
 * carries its category, header and buttons: same column, a larger JSON object.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('templates').addColumn('category', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('templates').addColumn('queues_json', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('templates').dropColumn('queues_json').execute();
  await db.schema.alterTable('templates').dropColumn('category').execute();
}
