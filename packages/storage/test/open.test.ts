import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { insertEvents, listEventsSince, openDatabase, upsertTeam, listTeams } from '../src/index';
import { describeEachDatabase } from './databases';

describeEachDatabase('openDatabase', (t) => {
  it('runs migrations once and reopens idempotently, keeping data', async () => {
    const first = await t.open();
    await upsertTeam(first.kysely, { id: 't1', name: 'Sales' });
    await first.close();

    const again = await t.open();
    const applied = await again.kysely
      .selectFrom(sql<{ name: string }>`kysely_migration`.as('m'))
      .select('m.name')
      .execute();
    expect(applied.map((r) => r.name)).toEqual(['0001-initial', '0002-attachment-uploader', '0003-sequences', '0004-supervision-indexes', '0005-outbox', '0006-entry-point-settings', '0007-message-details', '0008-provider-templates', '0009-queue-reopen', '0010-workflows', '0011-templates', '0012-audit-log', '0013-queue-hours', '0014-report-facts']);
    expect(await listTeams(again.kysely)).toEqual([{ id: 't1', name: 'Sales' }]);
    await again.close();
  });

  it('reports its dialect and returns bigint columns as numbers', async () => {
    expect(t.db.dialect).toBe(t.expectedDialect);
    const big = 2 ** 50 + 3;
    await insertEvents(t.db.kysely, [
      { seq: big, agentId: null, conversationId: null, type: 'x', payload: { n: 1 }, createdAt: 1_764_000_000_000 },
    ]);
    const [event] = await listEventsSince(t.db.kysely, 'a1', 0, 10);
    expect(event?.seq).toBe(big);
    expect(event?.createdAt).toBe(1_764_000_000_000);
    expect(typeof event?.createdAt).toBe('number');
  });

  it('sets the SQLite pragmas (WAL, NORMAL by default, foreign keys, busy timeout)', async (ctx) => {
    if (t.db.dialect !== 'sqlite') return ctx.skip();
    const pragma = async (name: string): Promise<unknown> => {
      const res = await sql.raw(`pragma ${name}`).execute(t.db.kysely);
      return Object.values(res.rows[0] as Record<string, unknown>)[0];
    };
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
  });

  it('uses synchronous=FULL when PARLEY_SQLITE_SYNC=full', async (ctx) => {
    if (t.db.dialect !== 'sqlite') return ctx.skip();
    const dir = mkdtempSync(join(tmpdir(), 'parley-sync-'));
    process.env.PARLEY_SQLITE_SYNC = 'full';
    try {
      const db = await openDatabase({ dataDir: dir });
      const res = await sql.raw('pragma synchronous').execute(db.kysely);
      expect(Object.values(res.rows[0] as Record<string, unknown>)[0]).toBe(2);
      await db.close();
    } finally {
      delete process.env.PARLEY_SQLITE_SYNC;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
