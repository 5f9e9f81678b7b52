import { expect, it } from 'vitest';
import {
  conversationSubject,
  getCustomer,
  insertMessage,
  lastInboundAt,
  loadConversationMetaRows,
  upsertConversation,
  upsertCustomer,
  type Executor,
} from '../src/index';
import { describeEachDatabase } from './databases';
import { conversation, message } from './fixtures';

/** More than one chunk of 500, so the chunk boundary is crossed. */
const N = 620;

describeEachDatabase('conversation metas for a restart', (t) => {
  it(`reads what the one-conversation reads give, for ${N} conversations in a few statements per 500`, { timeout: 60_000 }, async () => {
    const ex = t.db.kysely;
    const convs = [];
    for (let i = 0; i < N; i++) {
      const id = `c${String(i).padStart(4, '0')}`;
      // Every third conversation shares its customer with the one before (one customer, several conversations).
      const customer = await upsertCustomer(ex, { id: `cu${i - (i % 3 === 2 ? 1 : 0)}`, channel: 'email', externalId: `x${i - (i % 3 === 2 ? 1 : 0)}`, name: `Customer ${i}` });
      const rec = conversation({ id, customerId: customer.id });
      await upsertConversation(ex, rec);
      convs.push(rec);
      if (i % 5 === 4) continue; // the customer never wrote: no last inbound time, no subject
      // Two inbound messages in the same millisecond (ties broken by id), then an outbound one later.
      await insertMessage(ex, message({ id: `${id}-b`, conversationId: id, createdAt: 2_000 + i, details: { email: { subject: `Second ${i}` } } }));
      await insertMessage(ex, message({ id: `${id}-a`, conversationId: id, createdAt: 2_000 + i, details: i % 2 ? { email: { subject: `First ${i}` } } : { forwarded: true } }));
      await insertMessage(ex, message({ id: `${id}-c`, conversationId: id, createdAt: 3_000 + i, details: null }));
      await insertMessage(ex, message({ id: `${id}-o`, conversationId: id, direction: 'outbound', authorType: 'agent', createdAt: 9_000 + i }));
    }
    // A conversation whose customer is gone.
    convs.push(conversation({ id: 'c-orphan', customerId: 'cu-gone' }));

    let statements = 0;
    const counting = ex.withPlugin({
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    }) as Executor;
    const rows = await loadConversationMetaRows(counting, convs);
    expect(statements).toBeLessThanOrEqual(2 * 3);

    for (const c of convs) {
      expect(rows.customers.get(c.customerId) ?? null).toEqual(await getCustomer(ex, c.customerId));
      expect(rows.lastInboundAt.get(c.id) ?? null).toEqual(await lastInboundAt(ex, c.id));
      expect(rows.subjects.get(c.id) ?? null).toEqual(await conversationSubject(ex, c.id));
    }
    // Spot checks of the semantics above: the first inbound message with details wins, ties by id.
    expect(rows.subjects.get('c0001')).toBe('First 1');
    expect(rows.subjects.get('c0002')).toBeUndefined();
    expect(rows.lastInboundAt.get('c0001')).toBe(3_001);
    expect(rows.lastInboundAt.has('c0004')).toBe(false);
  });
});
