import { statSync } from 'node:fs';
import BetterSqlite from 'better-sqlite3';
import { join } from 'node:path';
import type { Transaction } from 'kysely';
import { expect, it } from 'vitest';
import {
  getMessage,
  GroupCommitClosedError,
  GroupCommitter,
  insertEvents,
  insertMessage,
  insertMessagePlan,
  listEventsSince,
  listMessages,
  maxEventSeq,
  SQLITE_FILE_NAME,
  SqliteWriter,
  type Database,
  type EventRecord,
} from '../src/index';
import { describeEachDatabase } from './databases';
import { message } from './fixtures';

/** A unit that appends the next event, reading max(seq) inside the batch: only works if units run serially in order. */
function appendEvent(label: number, seen?: Set<Transaction<Database>>) {
  return async (trx: Transaction<Database>): Promise<number> => {
    seen?.add(trx);
    const seq = (await maxEventSeq(trx)) + 1;
    await insertEvents(trx, [{ seq, agentId: null, conversationId: null, type: 't', payload: { label }, createdAt: seq }]);
    return seq;
  };
}

describeEachDatabase('GroupCommitter', (t) => {
  it('runs many concurrent units serially, in order, in few transactions, settling in order', async () => {
    const gc = new GroupCommitter(t.db, { maxBatch: 50 });
    const transactions = new Set<Transaction<Database>>();
    const settled: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        gc.run(appendEvent(i, transactions)).then((seq) => {
          settled.push(i);
          return seq;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(settled).toEqual(Array.from({ length: 300 }, (_, i) => i));
    const events = await listEventsSince(t.db.kysely, 'a1', 0, 1000);
    expect(events.map((e) => e.payload)).toEqual(Array.from({ length: 300 }, (_, i) => ({ label: i })));
    // Batched: at most maxBatch units per transaction, and far fewer transactions than units.
    expect(transactions.size).toBeGreaterThanOrEqual(6);
    expect(transactions.size).toBeLessThan(300);
    await gc.close();
  });

  it('rolls back only the unit that throws; the others commit', async () => {
    const gc = new GroupCommitter(t.db, { maxDelayMs: 5 });
    const runs = Array.from({ length: 10 }, (_, i) =>
      gc.run(async (trx) => {
        await insertMessage(trx, message({ id: `m${i}`, createdAt: i }));
        if (i === 4) throw new Error('unit 4 failed');
        return i;
      }),
    );
    const outcomes = await Promise.allSettled(runs);
    expect(outcomes.map((o) => o.status)).toEqual(Array.from({ length: 10 }, (_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    expect(outcomes[4]).toMatchObject({ status: 'rejected', reason: { message: 'unit 4 failed' } });
    const page = await listMessages(t.db.kysely, 'c1', { limit: 100 });
    expect(page.messages.map((m) => m.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm5', 'm6', 'm7', 'm8', 'm9']);
    await gc.close();
  });

  it('survives a unit whose SQL fails (aborting statement on PostgreSQL)', async () => {
    const gc = new GroupCommitter(t.db, { maxDelayMs: 5 });
    const first = gc.run(appendEvent(0));
    const clash = gc.run(async (trx) => {
      await insertEvents(trx, [{ seq: 1, agentId: null, conversationId: null, type: 'dup', payload: {}, createdAt: 0 }]);
    });
    const third = gc.run(appendEvent(2));
    await expect(first).resolves.toBe(1);
    await expect(clash).rejects.toThrow();
    await expect(third).resolves.toBe(2);
    expect((await listEventsSince(t.db.kysely, 'a1', 0, 10)).map((e) => e.type)).toEqual(['t', 't']);
    await gc.close();
  });

  it('resolves only after COMMIT: another connection sees the work then, and not before', async () => {
    const other = await t.open();
    const gc = new GroupCommitter(t.db, { maxDelayMs: 30 });
    let seenInside = -1;
    const seenAfter = await gc
      .run(async (trx) => {
        await appendEvent(0)(trx);
        seenInside = await maxEventSeq(other.kysely);
      })
      .then(() => maxEventSeq(other.kysely));
    expect(seenInside).toBe(0);
    expect(seenAfter).toBe(1);
    await gc.close();
  });

  it('is durable after close and reopen, and refuses work once closed', async () => {
    const writer = await t.open();
    const gc = new GroupCommitter(writer, { maxDelayMs: 2, maxBatch: 7 });
    const pending = Array.from({ length: 40 }, (_, i) => gc.run(appendEvent(i)));
    await gc.close();
    expect((await Promise.all(pending)).length).toBe(40);
    await expect(gc.run(appendEvent(99))).rejects.toBeInstanceOf(GroupCommitClosedError);
    await gc.flush();
    await writer.close();

    const reader = await t.open();
    expect(await maxEventSeq(reader.kysely)).toBe(40);
    expect(await listEventsSince(reader.kysely, 'a1', 38, 10)).toHaveLength(2);
  });

  it('flush waits for submitted work', async () => {
    const gc = new GroupCommitter(t.db, { maxDelayMs: 20 });
    await gc.flush(); // idle: returns at once
    void gc.run(appendEvent(0));
    void gc.run(appendEvent(1));
    await gc.flush();
    expect(await maxEventSeq(t.db.kysely)).toBe(2);
    await gc.close();
  });

  const event = (seq: number, label: number): EventRecord => ({ seq, agentId: null, conversationId: 'c1', type: 'message.created', payload: { label }, createdAt: seq });

  it('runs write plans and other units together in submission order, settling in order', async () => {
    const gc = new GroupCommitter(t.db, { maxDelayMs: 2 });
    const settled: number[] = [];
    // Even units are plans (message + its event, seq given); odd ones read max(seq) to append: out of
    // order, a seq would be taken twice and a unit would fail.
    const runs = Array.from({ length: 200 }, (_, i) => {
      const done = i % 2 === 0
        ? gc.runPlan(insertMessagePlan(t.db.kysely, message({ id: `m${i}`, clientId: `k${i}`, createdAt: i }), [event(i + 1, i)]))
        : gc.run(appendEvent(i));
      return done.then(() => settled.push(i));
    });
    await Promise.all(runs);
    expect(settled).toEqual(Array.from({ length: 200 }, (_, i) => i));
    const events = await listEventsSince(t.db.kysely, 'a1', 0, 1000);
    expect(events.map((e) => e.payload)).toEqual(Array.from({ length: 200 }, (_, i) => ({ label: i })));
    await gc.close();
  });

  it('a plan whose insert meets a duplicate is skipped: no second message, none of its events', async () => {
    const gc = new GroupCommitter(t.db);
    const first = await gc.runPlan(insertMessagePlan(t.db.kysely, message({ id: 'm1', clientId: 'k1' }), [event(1, 1)]));
    const again = await gc.runPlan(insertMessagePlan(t.db.kysely, message({ id: 'm2', clientId: 'k1' }), [event(2, 2)]));
    // SQLite: one statement for the message, one for its events; PostgreSQL: both in one statement.
    expect(first).toMatchObject({ skipped: false, changes: expect.arrayContaining([1]) });
    expect(again).toEqual({ changes: [0], skipped: true });
    expect(await getMessage(t.db.kysely, 'm2')).toBeNull();
    expect(await maxEventSeq(t.db.kysely)).toBe(1);
    await gc.close();
  });

  it('a plan that fails is undone alone; the plans batched with it commit', async () => {
    const gc = new GroupCommitter(t.db);
    // Plan 4's event takes seq 1 again (a primary-key violation after its message was inserted).
    const runs = Array.from({ length: 10 }, (_, i) =>
      gc.runPlan(insertMessagePlan(t.db.kysely, message({ id: `m${i}`, clientId: `k${i}`, createdAt: i }), [event(i === 4 ? 1 : i + 1, i)])),
    );
    const outcomes = await Promise.allSettled(runs);
    expect(outcomes.map((o) => o.status)).toEqual(Array.from({ length: 10 }, (_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    const page = await listMessages(t.db.kysely, 'c1', { limit: 100 });
    expect(page.messages.map((m) => m.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm5', 'm6', 'm7', 'm8', 'm9']);
    await gc.close();
  });

  it.skipIf(t.expectedDialect !== 'sqlite')('keeps the WAL small under steady writes (each checkpoint completes and the WAL restarts)', async () => {
    const gc = new GroupCommitter(t.db);
    const text = 'x'.repeat(300);
    // 12,000 messages with an event each over 1,000 conversations, written back to back for a while:
    // without restarts the WAL would hold every page ever written (over 100 MB here).
    let seq = 0;
    for (let round = 0; round < 120; round++) {
      await Promise.all(
        Array.from({ length: 100 }, () => {
          const n = ++seq;
          const rec = message({ id: `m${n}`, conversationId: `c${(n * 7919) % 1000}`, clientId: `k${n}`, text, createdAt: n });
          return gc.runPlan(insertMessagePlan(t.db.kysely, rec, [{ ...event(n, n), payload: { text } }]));
        }),
      );
    }
    await gc.close();
    expect(await maxEventSeq(t.db.kysely)).toBe(12_000);
    const wal = statSync(join(t.dataDir!, `${SQLITE_FILE_NAME}-wal`)).size;
    expect(wal).toBeLessThan(32 * 1024 * 1024);
  });

  it.skipIf(t.expectedDialect !== 'sqlite')('a writer thread that dies fails only what it was writing, and a new one takes over', async () => {
    const gc = new GroupCommitter(t.db);
    const writer = t.db.writer!;
    const deaths: boolean[] = [];
    writer.onThreadDied = (_err, restarted) => deaths.push(restarted);
    const plan = (n: number) => insertMessagePlan(t.db.kysely, message({ id: `m${n}`, clientId: `k${n}`, createdAt: n }), [event(n, n)]);
    await gc.runPlan(plan(1));
    // Dies with a batch in flight (as on a native fault): that batch's callers get an error. Another
    // connection holds the write lock, so the batch cannot finish before the thread is told to stop
    // (it then stops at its next line of JavaScript, before it could answer).
    const blocker = new BetterSqlite(join(t.dataDir!, SQLITE_FILE_NAME));
    blocker.exec('BEGIN IMMEDIATE');
    const inFlight = gc.runPlan(plan(2));
    await new Promise<void>((resolve) => setImmediate(resolve));
    // biome-ignore lint/complexity/useLiteralKeys: the test reaches the private thread to kill it
    const stopped = writer['worker'].terminate();
    blocker.exec('ROLLBACK');
    blocker.close();
    await stopped;
    await expect(inFlight).rejects.toThrow(/writer thread exited/);
    expect(deaths).toEqual([true]);
    expect(writer.restarts).toBe(1);
    expect(writer.healthy).toBe(true);
    // Retrying the same message is safe whether or not the dead thread had committed it.
    await gc.runPlan(plan(2)).catch(() => undefined);
    await gc.runPlan(plan(3));
    await gc.close();
    const page = await listMessages(t.db.kysely, 'c1', { limit: 10 });
    expect(page.messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it.skipIf(t.expectedDialect !== 'sqlite')('a writer thread that never worked is not restarted: writes fail clearly and it reports unhealthy', async () => {
    const writer = new SqliteWriter({ file: join(t.dataDir!, 'no-such-dir', 'x.db'), synchronous: 'NORMAL' });
    const deaths: boolean[] = [];
    writer.onThreadDied = (_err, restarted) => deaths.push(restarted);
    await expect(writer.runBatch([])).rejects.toThrow(/unable to open|directory does not exist/i);
    expect(writer.healthy).toBe(false);
    expect(deaths).toEqual([false]);
    await expect(writer.runBatch([])).rejects.toThrow();
    expect(writer.restarts).toBe(0);
    await writer.close();
  });
});
