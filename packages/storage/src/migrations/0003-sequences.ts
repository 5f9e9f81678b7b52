import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/*
 * Event numbers come from a durable counter (see repos/sequences.ts) instead of max(events.seq):
 * numbers handed out but never stored (a duplicate, a crash) are then never handed out again.
 * An existing stream continues above its highest stored number, under a new epoch.
 * Also indexes session expiry for the prune.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sequences')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('high', 'bigint', (c) => c.notNull())
    .addColumn('epoch', 'text', (c) => c.notNull())
    .execute();
  const { rows } = await sql<{ seq: number | string | null }>`select max(seq) as seq from events`.execute(db);
  const high = Number(rows[0]?.seq ?? 0);
  const epoch = randomBytes(9).toString('base64url');
  await sql`insert into sequences (name, high, epoch) values (${'events'}, ${high}, ${epoch})`.execute(db);
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sessions_expires_idx').ifExists().execute();
  await db.schema.dropTable('sequences').ifExists().execute();
}
