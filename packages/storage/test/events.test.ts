import { expect, it } from 'vitest';
import { insertEvents, listEventsSince, maxEventSeq, minEventSeq, pruneEventsBefore, type EventRecord } from '../src/index';
import { describeEachDatabase } from './databases';

function event(seq: number, agentId: string | null, createdAt = seq): EventRecord {
  return { seq, agentId, conversationId: 'c1', type: 'conversation.updated', payload: { seq }, createdAt };
}

describeEachDatabase('event repository', (t) => {
  it('shows an agent its own events and broadcasts, after a seq, ascending', async () => {
    const ex = t.db.kysely;
    await insertEvents(ex, [event(1, 'a1'), event(2, 'a2'), event(3, null), event(4, 'a1'), event(5, 'a2'), event(6, null)]);
    expect((await listEventsSince(ex, 'a1', 0, 100)).map((e) => e.seq)).toEqual([1, 3, 4, 6]);
    expect((await listEventsSince(ex, 'a2', 2, 100)).map((e) => e.seq)).toEqual([3, 5, 6]);
    expect((await listEventsSince(ex, 'a1', 1, 2)).map((e) => e.seq)).toEqual([3, 4]);
    expect(await listEventsSince(ex, 'a1', 6, 100)).toEqual([]);
    expect((await listEventsSince(ex, 'a3', 0, 100))[0]).toEqual(event(3, null));
  });

  it('reports max and min seq, 0 and null when empty', async () => {
    const ex = t.db.kysely;
    expect(await maxEventSeq(ex)).toBe(0);
    expect(await minEventSeq(ex)).toBeNull();
    await insertEvents(ex, [event(7, null), event(9, 'a1'), event(8, null)]);
    expect(await maxEventSeq(ex)).toBe(9);
    expect(await minEventSeq(ex)).toBe(7);
  });

  it('inserts more than one chunk and prunes by age', async () => {
    const ex = t.db.kysely;
    const many = Array.from({ length: 1_234 }, (_, i) => event(i + 1, i % 2 ? 'a1' : null, 10_000 + i));
    await insertEvents(ex, many);
    await insertEvents(ex, []);
    expect(await maxEventSeq(ex)).toBe(1_234);
    expect(await listEventsSince(ex, 'a1', 0, 5_000)).toHaveLength(1_234);
    expect(await pruneEventsBefore(ex, 10_000 + 1_000)).toBe(1_000);
    expect(await minEventSeq(ex)).toBe(1_001);
  });

  it('refuses a repeated seq', async () => {
    await insertEvents(t.db.kysely, [event(1, null)]);
    await expect(insertEvents(t.db.kysely, [event(1, 'a1')])).rejects.toThrow();
  });
});
