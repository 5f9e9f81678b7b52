/**
 * Transfers (to a queue, to an agent — accepted or not, per the queue's fallback) and conferences.
 */
import { expect, it } from 'vitest';
import type { ConversationDto } from '@parley/protocol';
import type { AgentClient, CustomerClient } from '@parley/testkit';
import { describeBackends, is, useServer, type TestServer } from './harness';

/** `owner` takes a new chat from `site`; the other agents log in (idle) and connect. */
async function chatOwnedBy(s: TestServer, site = 'web') {
  const a1 = await s.availableAgent('agent1');
  const a2 = await s.agent('agent2');
  const a3 = await s.agent('agent3');
  const c = await s.customer({ site });
  await a1.waitFor(is.offer(c.conversationId, 'a1'));
  await a1.accept(c.conversationId);
  await c.waitForFrame('status', (f) => f.status === 'active');
  return { a1, a2, a3, c, id: c.conversationId };
}

async function expectWrapup(a: AgentClient, id: string) {
  const conv = await a.conversation(id);
  expect(conv.participants.find((p) => p.agentId === a.id)?.status).toBe('wrapup');
}

describeBackends('transfer and conference', (backend) => {
  const srv = useServer(backend, { offerTimeoutSeconds: 1.5 });

  it('transfer to a queue: the caller wraps up, the chat is offered in the new queue', async () => {
    const { a1, a2, c, id } = await chatOwnedBy(srv());
    await a2.available();
    const res = await a1.transferToQueue(id, 'q-chat2');
    expect(res).toMatchObject({ id, queueId: 'q-chat2', ownerAgentId: null });
    await expectWrapup(a1, id);

    const offer = await a2.waitFor(is.offer(id, 'a2', 'route'));
    if (offer.type !== 'offer.created') throw new Error('unreachable');
    expect(offer.conversation.queueId).toBe('q-chat2');
    await a2.accept(id);
    const conv = await a2.conversation(id);
    expect(conv).toMatchObject({ status: 'active', ownerAgentId: 'a2', queueName: 'Chat Two' });
    expect(conv.participants.map((p) => [p.agentId, p.status])).toEqual([['a1', 'wrapup'], ['a2', 'active']]);
    await c.waitForFrame('message', (f) => f.message.notice?.code === 'transferred');
    await c.waitForFrame('message', (f) => f.message.notice?.code === 'agent_joined' && f.message.notice.agentName === 'Agent Two');

    // The new owner chats with the customer; the previous owner no longer can.
    await a2.sendMessage(id, 'Agent Two here');
    await c.waitForFrame('message', (f) => f.message.text === 'Agent Two here');
    const stale = await a1.request('POST', `/api/conversations/${id}/messages`, { clientId: 'x1', text: 'still me?' });
    expect(stale.status).toBe(403);
    expect(stale.body).toMatchObject({ error: { code: 'PARLEY_ERR_NOT_PARTICIPANT' } });
  });

  it('transfer to an agent who accepts: ownership moves, the caller wraps up', async () => {
    const { a1, a2, c, id } = await chatOwnedBy(srv());
    await a2.available();
    await a1.transferToAgent(id, 'a2');
    const offer = await a2.waitFor(is.offer(id, 'a2', 'transfer'));
    if (offer.type !== 'offer.created') throw new Error('unreachable');
    expect(offer.offer.fromAgentId).toBe('a1');
    await expectWrapup(a1, id);
    const accepted = await a2.accept(id);
    expect(accepted).toMatchObject({ status: 'active', ownerAgentId: 'a2' });
    await a1.waitFor(is.conversation(id, 'active'));
    await c.waitForFrame('message', (f) => f.message.notice?.code === 'agent_joined' && f.message.notice.agentName === 'Agent Two');
  });

  it('transfer to an agent who does not accept, on a drop queue (q-chat): the chat ends', async () => {
    const { a1, a2, c, id } = await chatOwnedBy(srv());
    await a2.available();
    await a1.transferToAgent(id, 'a2');
    await a2.waitFor(is.offer(id, 'a2', 'transfer'));
    await a2.waitFor(is.withdrawn(id, 'timeout'), 4000);
    await a2.waitFor(is.agentState('a2', 'rona'));
    const ended = await a1.waitFor(is.conversation(id, 'ended'), 2000);
    if (ended.type !== 'conversation.updated') throw new Error('unreachable');
    expect(ended.conversation.endedBy).toBe('system');
    await a1.waitFor(is.notice(id, 'transfer_failed'));
    await c.waitForFrame('status', (f) => f.status === 'ended');
    // The caller still has its wrap-up to do, then the conversation closes.
    await a1.wrapup(id, ['follow-up']);
    expect((await a1.conversation(id)).status).toBe('closed');
  });

  it('transfer to an agent who does not accept, on a requeue queue (q-chat2): back in line and offered again', async () => {
    const { a1, a2, a3, c, id } = await chatOwnedBy(srv(), 'web2');
    await a2.available();
    const a1From = a1.mark();
    await a1.transferToAgent(id, 'a2');
    const cFrom = c.mark();
    await a2.waitFor(is.offer(id, 'a2', 'transfer'));
    await a3.available();
    await a2.waitFor(is.agentState('a2', 'rona'), 4000);
    // Requeued in q-chat2: not to a1 (still wrapping up it), not to a2 (RONA), but to a3.
    const offer = await a3.waitFor(is.offer(id, 'a3', 'route'), 2000);
    if (offer.type !== 'offer.created') throw new Error('unreachable');
    expect(offer.conversation.queueId).toBe('q-chat2');
    const conv = await a3.conversation(id);
    expect(conv).toMatchObject({ status: 'offered', queueId: 'q-chat2', ownerAgentId: null, offer: { agentId: 'a3', kind: 'route' } });
    expect(conv.participants.map((p) => [p.agentId, p.status])).toEqual([['a1', 'wrapup']]);
    expect(a1.events.slice(a1From).some(is.anyOffer())).toBe(false);
    await a1.waitFor(is.notice(id, 'transfer_failed'), 2000, a1From);
    await c.waitForFrame('status', (f) => f.status === 'offered', 2000, cFrom);
  });

  it('conference: invite, accept, conferee cannot end, conferee exits, owner ends for everyone', async () => {
    const { a1, a2, c, id } = await chatOwnedBy(srv());
    await a2.available();
    const requested = await a1.inviteToConference(id, 'a2');
    expect(requested.offer).toMatchObject({ agentId: 'a2', kind: 'conference' });
    await a2.waitFor(is.offer(id, 'a2', 'conference'));
    const joined = await a2.accept(id);
    expect(joined.status).toBe('conference');
    await a1.waitFor(is.conversation(id, 'conference'));
    await c.waitForFrame('message', (f) => f.message.notice?.code === 'conference_joined');

    // Both agents see the customer; the customer sees both.
    await c.say('hi both');
    await a1.waitFor(is.message(id, (m) => m.text === 'hi both'));
    await a2.waitFor(is.message(id, (m) => m.text === 'hi both'));
    await a2.sendMessage(id, 'I am the specialist');
    await c.waitForFrame('message', (f) => f.message.text === 'I am the specialist');

    // Only the owner ends.
    for (const path of ['end', 'conference/end']) {
      const r = await a2.request('POST', `/api/conversations/${id}/${path}`);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ error: { code: 'PARLEY_ERR_NOT_OWNER' } });
    }
    // The owner cannot "exit" (it ends instead).
    expect((await a1.request('POST', `/api/conversations/${id}/conference/exit`)).status).toBe(409);

    // The conferee exits: back to a one-agent chat, the conferee wraps up.
    await a2.exitConference(id);
    await a1.waitFor(is.notice(id, 'conference_left'));
    let conv: ConversationDto = await a1.conversation(id);
    expect(conv.status).toBe('active');
    expect(conv.participants.map((p) => [p.agentId, p.role, p.status])).toEqual([['a1', 'owner', 'active'], ['a2', 'conferee', 'wrapup']]);
    await a2.wrapup(id, ['resolved']);

    // Invite again; this time the owner ends the conference for everyone.
    const again = a2.mark();
    await a1.inviteToConference(id, 'a2');
    await a2.waitFor(is.offer(id, 'a2', 'conference'), 5000, again);
    await a2.accept(id);
    await a1.endConference(id);
    await a1.waitFor(is.notice(id, 'conference_ended'));
    conv = await a1.conversation(id);
    expect(conv.status).toBe('ended');
    expect(conv.participants.filter((p) => p.status === 'wrapup').map((p) => p.agentId).sort()).toEqual(['a1', 'a2']);
    await c.waitForFrame('status', (f) => f.status === 'ended');
    await a1.wrapup(id, ['resolved']);
    await a2.wrapup(id, ['resolved']);
    expect((await a1.conversation(id)).status).toBe('closed');
  });

  it('a conference request not accepted in time is declined; the owner keeps the chat', async () => {
    const { a1, a2, id } = await chatOwnedBy(srv());
    await a2.available();
    await a1.inviteToConference(id, 'a2');
    await a2.waitFor(is.withdrawn(id, 'timeout'), 4000);
    await a1.waitFor(is.notice(id, 'conference_declined'), 2000);
    const conv = await a1.conversation(id);
    expect(conv).toMatchObject({ status: 'active', ownerAgentId: 'a1', offer: null });
    expect(conv.participants).toHaveLength(1);
  });
});

export type { CustomerClient };
