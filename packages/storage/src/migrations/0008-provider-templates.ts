import type { Kysely } from 'kysely';

/*
 * A template may be approved by a provider under its own name and language (a WhatsApp message
 * template): the only thing WhatsApp delivers past its 24-hour window. JSON `{name, language}`, or null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('templates').addColumn('provider_template_json', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('templates').dropColumn('provider_template_json').execute();
}
