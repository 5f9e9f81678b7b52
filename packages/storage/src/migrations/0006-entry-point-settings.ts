import type { Kysely } from 'kysely';

/*
 * Entry points carry their channel's settings (provider ids, secrets) as JSON. Literal secrets are
 * stored encrypted by the server; `{env}`/`{file}` references are stored as references.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('entry_points').addColumn('settings_json', 'text', (c) => c.notNull().defaultTo('{}')).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('entry_points').dropColumn('settings_json').execute();
}
