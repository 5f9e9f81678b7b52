/**
 * Routing over real HTTP/WebSockets: offers, RONA and re-offer, accept races, capacity and wrap-up.
 */
import { expect, it } from 'vitest';
import type { ConversationDto, QueueDto } from '@parley/protocol';
import { describeBackends, is, useServer } from './harness';

describeBackends('routing', (backend) => {
  const srv = useServer(backend, { offerTimeoutSeconds: 1.5 });

  it('offers to the longest-available agent, RONAs on timeout, re-offers, and skips the RONA agent until available', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const a2 = await s.availableAgent('agent2');
    const c1 = await s.customer();

    // agent1 has been available longest: the offer goes to it, with the queue's deadline.
    const offer = await a1.waitFor(is.offer(c1.conversationId, 'a1', 'route'));
    if (offer.type !== 'offer.created') throw new Error('unreachable');
    expect(offer.offer.deadline - offer.offer.offeredAt).toBe(1500);
    expect(offer.conversation.status).toBe('offered');
    expect(a2.events.some(is.offer(c1.conversationId))).toBe(false);

    // No accept: after 1.5 s the offer is withdrawn, agent1 goes RONA (seen by everyone), agent2 gets it.
    const withdrawn = await a1.waitFor(is.withdrawn(c1.conversationId, 'timeout'), 4000);
    await a1.waitFor(is.agentState('a1', 'rona'), 2000);
    await a2.waitFor(is.agentState('a1', 'rona'), 2000);
    const reoffer = await a2.waitFor(is.offer(c1.conversationId, 'a2', 'route'), 2000);
    expect(reoffer.seq).toBeGreaterThan(withdrawn.seq);
    await a2.accept(c1.conversationId);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/^parley_rona_total 1$/m);
    expect(metrics).toMatch(/^parley_offers_total 2$/m);
    const desk = await a1.desk();
    expect(desk.agent.state).toBe('rona');
    expect(desk.offers).toEqual([]);

    // agent2 goes idle: a new chat waits, and agent1 (RONA) is not offered it.
    await a2.setState('idle', 'break');
    const from = a1.mark();
    const c2 = await s.customer();
    const queues = await a1.call<QueueDto[]>('GET', '/api/queues?channel=webchat');
    const qChat = queues.find((q) => q.id === 'q-chat')!;
    expect(qChat.waiting).toBe(1);
    expect(qChat.availableAgents).toBe(0);
    await a1.expectNone(is.anyOffer(), from);

    // Leaving RONA (choosing available) makes agent1 eligible again: the waiting chat is offered.
    const me = await a1.available();
    expect(me.state).toBe('available');
    await a1.waitFor(is.offer(c2.conversationId, 'a1'), 2000, from);
  });

  it('accept: a double click yields one owner; another agent gets 409 PARLEY_ERR_NO_OFFER', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const a2 = await s.agent('agent2');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));

    const wrong = await a2.request('POST', `/api/conversations/${c.conversationId}/accept`);
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ error: { code: 'PARLEY_ERR_NO_OFFER' } });

    const [r1, r2] = await Promise.all([
      a1.request<ConversationDto>('POST', `/api/conversations/${c.conversationId}/accept`),
      a1.request<ConversationDto>('POST', `/api/conversations/${c.conversationId}/accept`),
    ]);
    const statuses = [r1.status, r2.status].sort();
    // Either exactly one succeeds and the other is told the offer is gone, or both succeed (idempotent).
    if (statuses[0] === 200 && statuses[1] === 200) {
      expect((r1.body as ConversationDto).ownerAgentId).toBe('a1');
    } else {
      expect(statuses).toEqual([200, 409]);
      const loser = r1.status === 409 ? r1 : r2;
      expect(loser.body).toMatchObject({ error: { code: 'PARLEY_ERR_NO_OFFER' } });
    }
    const conv = await a1.conversation(c.conversationId);
    expect(conv.status).toBe('active');
    expect(conv.ownerAgentId).toBe('a1');
    expect(conv.participants).toHaveLength(1);
    expect(conv.offer).toBeNull();
    const me = (await a1.desk()).agent;
    expect(me.load.webchat).toBe(1);

    // The customer is told an agent joined.
    await c.waitForFrame('message', (f) => f.message.notice?.code === 'agent_joined');
    await c.waitForFrame('status', (f) => f.status === 'active');

    // After accept the offer is gone for a late accept too.
    const late = await a2.request('POST', `/api/conversations/${c.conversationId}/accept`);
    expect(late.status).toBe(409);
  });

  it('capacity frees only after wrap-up: a full agent gets the next offer once it wraps up', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1'); // webchat capacity 2
    const chats = [await s.customer(), await s.customer()];
    for (const c of chats) {
      await a1.waitFor(is.offer(c.conversationId, 'a1'));
      await a1.accept(c.conversationId);
    }
    const from = a1.mark();
    const c3 = await s.customer();
    await a1.expectNone(is.anyOffer(), from);

    // Ending puts agent1 in wrap-up: still no capacity.
    await a1.end(chats[0]!.conversationId);
    const ended = await a1.conversation(chats[0]!.conversationId);
    expect(ended.status).toBe('ended');
    expect(ended.participants[0]).toMatchObject({ agentId: 'a1', status: 'wrapup' });
    await chats[0]!.waitForFrame('status', (f) => f.status === 'ended');
    await a1.expectNone(is.anyOffer(), from);
    expect((await a1.desk()).agent.load.webchat).toBe(2);
    const waiting = (await a1.call<QueueDto[]>('GET', '/api/queues')).find((q) => q.id === 'q-chat')!;
    expect(waiting.waiting).toBe(1);

    // Wrap-up frees the slot: the waiting chat is offered at once.
    await a1.wrapup(chats[0]!.conversationId, ['resolved']);
    await a1.waitFor(is.offer(c3.conversationId, 'a1'), 2000, from);
    const closed = await a1.conversation(chats[0]!.conversationId);
    expect(closed.status).toBe('closed');
  });

  it('a customer who leaves while the chat is offered withdraws the offer and frees the agent', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    expect((await a1.desk()).agent.load.webchat).toBe(1);
    c.end();
    await a1.waitFor(is.withdrawn(c.conversationId, 'customer-left'));
    await c.waitForFrame('status', (f) => f.status === 'closed');
    // Accepting now: the offer is gone (409, as documented), not a 404.
    const late = await a1.request('POST', `/api/conversations/${c.conversationId}/accept`);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'PARLEY_ERR_NO_OFFER' } });
    const desk = await a1.desk();
    expect(desk.offers).toEqual([]);
    expect(desk.agent.load.webchat ?? 0).toBe(0);
    expect(desk.agent.state).toBe('available');
  });

  it('logging out with an offer pending withdraws it and routes the chat to the next agent', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const a2 = await s.availableAgent('agent2');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await a1.logout();
    await a2.waitFor(is.agentState('a1', 'offline'));
    await a2.waitFor(is.offer(c.conversationId, 'a2'));
    expect((await a1.request('GET', '/api/desk')).status).toBe(401);
    expect((await a2.conversation(c.conversationId)).offer?.agentId).toBe('a2');
  });
});
