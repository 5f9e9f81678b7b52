/**
 * A restart with many open conversations (the start path a node with 10,000 takes, at 300): every
 * conversation comes back with its status, its customer and its place with the agents.
 */
import { expect, it } from 'vitest';
import type { ConversationDto, DeskSnapshot } from '@parley/protocol';
import { CustomerClient } from '@parley/testkit';
import { describeBackends, is, useServer } from './harness';

const OPEN = 300;

describeBackends('restart with many open conversations', (backend) => {
  const srv = useServer(backend, { offerTimeoutSeconds: 600, rateLimits: false });

  it(`restores ${OPEN} open conversations: statuses, customers, the agents' desks and the line`, { timeout: 120_000 }, async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const customers: CustomerClient[] = [];
    for (let i = 0; i < OPEN; i += 25) {
      // 25 at a time: the sessions are created concurrently, as from many browsers.
      const batch = Array.from({ length: Math.min(25, OPEN - i) }, (_, k) => CustomerClient.start(s.url, { name: `Customer ${i + k}`, email: `c${i + k}@example.com` }));
      customers.push(...(await Promise.all(batch)));
    }
    // agent1 (web chat capacity 2) accepts the first two it is offered: the rest wait in line.
    const firstOffers: string[] = [];
    for (let k = 0; k < 2; k++) {
      const o = await a1.waitFor((e) => e.type === 'offer.created' && !firstOffers.includes(e.offer.conversationId));
      if (o.type !== 'offer.created') throw new Error('unreachable');
      firstOffers.push(o.offer.conversationId);
      await a1.accept(o.offer.conversationId);
    }
    const sup = await s.agent('super', { connect: false });
    const before = new Map<string, ConversationDto>();
    for (const c of customers) before.set(c.conversationId, await sup.call<ConversationDto>('GET', `/api/conversations/${c.conversationId}`));
    expect([...before.values()].filter((c) => c.status === 'active')).toHaveLength(2);
    expect([...before.values()].filter((c) => c.status === 'queued')).toHaveLength(OPEN - 2);

    await s.restart();

    const sup2 = await s.agent('super', { connect: false });
    for (const [id, was] of before) {
      const now = await sup2.call<ConversationDto>('GET', `/api/conversations/${id}`);
      expect(now).toMatchObject({ id, status: was.status, queueId: was.queueId, customer: was.customer });
    }
    // agent1's desk (built from what the start restored, nothing read on demand) has its two chats with their customers.
    const a1again = await s.agent('agent1', { connect: false });
    const desk = await a1again.call<DeskSnapshot>('GET', '/api/desk');
    expect(desk.conversations.map((c) => [c.id, c.customer.name]).sort()).toEqual(firstOffers.map((id) => [id, before.get(id)!.customer.name]).sort());
    // The line kept its order: the next agent is offered the oldest waiting chat, with its customer.
    const oldestWaiting = customers.map((c) => c.conversationId).find((id) => !firstOffers.includes(id))!;
    const a2 = await s.availableAgent('agent2');
    const offer = await a2.waitFor(is.offer(oldestWaiting, 'a2'));
    expect(offer).toMatchObject({ conversation: { id: oldestWaiting, customer: { name: before.get(oldestWaiting)!.customer.name } } });
  });
});
