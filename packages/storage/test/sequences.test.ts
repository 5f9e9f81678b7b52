import { expect, it } from 'vitest';
import { insertEvents, reserveBlock, reservedHigh } from '../src/index';
import { describeEachDatabase } from './databases';
import * as migration0003 from '../src/migrations/0003-sequences';

describeEachDatabase('sequence blocks', (t) => {
  it('reserves disjoint, increasing blocks, durable across connections, under one epoch', async () => {
    const a = await reserveBlock(t.db.kysely, 'events', 10);
    const other = await t.open();
    const b = await reserveBlock(other.kysely, 'events', 5);
    expect(b.first).toBe(a.last + 1);
    expect(b.last - b.first).toBe(4);
    expect(b.epoch).toBe(a.epoch);
    expect(await reservedHigh(t.db.kysely, 'events')).toBe(b.last);
    await expect(reserveBlock(t.db.kysely, 'events', 0)).rejects.toThrow(RangeError);
  });

  it('a missing counter starts above the stored events, under a new epoch', async () => {
    const ex = t.db.kysely;
    const before = await reserveBlock(ex, 'events', 1);
    await ex.deleteFrom('sequences').execute();
    await insertEvents(ex, [{ seq: 41, agentId: null, conversationId: null, type: 'x', payload: {}, createdAt: 0 }]);
    const b = await reserveBlock(ex, 'events', 3);
    expect(b).toMatchObject({ first: 42, last: 44 });
    expect(b.epoch).not.toBe(before.epoch);
  });

  it('the migration starts an existing stream above its highest stored event', async () => {
    const ex = t.db.kysely;
    await ex.schema.dropIndex('sessions_expires_idx').execute();
    await ex.schema.dropTable('sequences').execute();
    const ev = (seq: number) => ({ seq, agentId: null, conversationId: null, type: 'x', payload: {}, createdAt: 0 });
    await insertEvents(ex, [ev(7), ev(9)]);
    await migration0003.up(ex as never);
    expect(await reservedHigh(ex, 'events')).toBe(9);
    expect(await reserveBlock(ex, 'events', 5)).toMatchObject({ first: 10, last: 14 });
  });
});
