import { expect, it } from 'vitest';
import { getConfigState, insertAudit, listAudit, orderedId, setConfigState, type AuditRecord } from '../src/index';
import { describeEachDatabase } from './databases';

const entry = (over: Partial<AuditRecord>): AuditRecord => ({
  id: orderedId(),
  at: 1_000,
  actorId: 'admin',
  actorName: 'Admin',
  kind: 'queue',
  entityId: 'q1',
  action: 'update',
  before: { id: 'q1', offerTimeoutSeconds: 30 },
  after: { id: 'q1', offerTimeoutSeconds: 45 },
  reason: null,
  ...over,
});

describeEachDatabase('audit log', (t) => {
  it('lists newest first, paged by cursor, filtered by kind and entity', async () => {
    const ex = t.db.kysely;
    const made: AuditRecord[] = [];
    for (let i = 0; i < 5; i++) {
      const e = entry({ entityId: `q${i % 2}`, at: 1_000 + i });
      made.push(e);
      await insertAudit(ex, e);
    }
    const seed = entry({ actorId: null, actorName: null, kind: 'config', entityId: 'file', action: 'apply', before: null, after: { queues: 2 } });
    await insertAudit(ex, seed);

    const first = await listAudit(ex, { limit: 4 });
    expect(first.items.map((e) => e.id)).toEqual([seed, ...made.slice(2).reverse()].map((e) => e.id));
    expect(first.items[0]).toEqual(seed);
    const second = await listAudit(ex, { limit: 4, cursor: first.nextCursor! });
    expect(second.items.map((e) => e.id)).toEqual(made.slice(0, 2).reverse().map((e) => e.id));
    expect(second.nextCursor).toBeNull();

    const q0 = await listAudit(ex, { limit: 10, kind: 'queue', entityId: 'q0' });
    expect(q0.items.map((e) => e.entityId)).toEqual(['q0', 'q0', 'q0']);
    expect(q0.items[0]).toEqual(made[4]);
  });

  it('keeps small facts about the configuration', async () => {
    const ex = t.db.kysely;
    expect(await getConfigState(ex, 'seeded')).toBeUndefined();
    await setConfigState(ex, 'seeded', { at: 5 }, 5);
    await setConfigState(ex, 'seeded', { at: 6 }, 6);
    expect(await getConfigState(ex, 'seeded')).toEqual({ at: 6 });
  });
});
