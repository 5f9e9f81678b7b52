import type { Kysely } from 'kysely';

/*
 * The audit log: who changed what in the configuration (or an agent's state), when, before and
 * after (JSON, in the admin API's read shape, secrets masked). `actor_id` null = the config file.
 * Ids are ordered (UUIDv7), so "newest first" is `id desc` and a page's cursor is the last id seen.
 *
 * `config_state` holds small facts about the configuration itself, e.g. that the config file has
 * seeded this database (after which the database is the source of truth).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['kind', 'entity_id', 'id']).execute();
  await db.schema
    .createTable('config_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('config_state').ifExists().execute();
  await db.schema.dropTable('audit_log').ifExists().execute();
}
