import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/*
 * Event numbers come from a durable counter (see repos/sequences.ts) instead of max(events.seq):
 * numbers handed out but never stored (a duplicate, a crash) are then never handed out again.
 * An existing stream continues above its highest stored number, under a new epoch.
 * Also indexes session expiry for the prune.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sequences')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('high', 'bigint', (c) => c.notNull())
    .addColumn('epoch', 'text', (c) => c.notNull())
    .execute();
  const row = await db.selectFrom('events').select(sql<number | string | null>`max(seq)`.as('seq')).executeTakeFirst();
  const high = Number(row?.seq ?? 0);
  await db.insertInto('sequences').values({ name: 'events', high, epoch: randomBytes(9).toString('base64url') }).execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_expires_idx').ifExists().execute();
  await db.schema.dropTable('sequences').ifExists().execute();
}
