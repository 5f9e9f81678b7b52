/**
 * Conference to a queue (SPEC F6: "WhatsApp: agent or queue") through the HTTP API: the request goes
 * to the queue's first agent able to take it, or waits there; refused where the channel's rules
 * list no queue target, or for a queue of another channel.
 */
import { expect, it } from 'vitest';
import type { AgentDto, ConversationDto, MessageDto } from '@parley/protocol';
import * as store from '@parley/storage';
import { describeBackends, is, useServer, type TestServer } from './harness';

/**
 * An active WhatsApp conversation owned by a1, written into storage as the WhatsApp channel writes
 * it (its inbound webhook is not built yet), then picked up by a restart like any open conversation.
 */
async function activeWhatsappOwnedByA1(s: TestServer): Promise<string> {
  const db = s.server.db.kysely;
  const at = Date.now();
  const phone = '+15550009876';
  const customer = await store.upsertCustomer(db, { channel: 'whatsapp', externalId: phone, name: 'Wanda', phone, createdAt: at });
  const id = store.orderedId();
  const state = {
    id, channel: 'whatsapp', queueId: 'q-wa', status: 'active', ownerAgentId: 'a1',
    participants: [{ agentId: 'a1', role: 'owner', status: 'active', joinedAt: at, leftAt: null }],
    offer: null, createdAt: at, queuedAt: at, maxWaitDeadline: null, acceptedAt: at, abandonDeadline: null,
    endedAt: null, endedBy: null, overflowedFrom: [], conferenceRequest: null,
  };
  await store.upsertConversation(db, {
    id, channel: 'whatsapp', entryPointId: 'wa', queueId: 'q-wa', customerId: customer.id, status: 'active', ownerAgentId: 'a1',
    state, offerDeadline: null, maxWaitDeadline: null, createdAt: at, updatedAt: at, closedAt: null,
  });
  await s.restart();
  return id;
}

function noticeOf(e: unknown): MessageDto['notice'] {
  return (e as { message: MessageDto }).message.notice;
}

describeBackends('conference to a queue', (backend) => {
  const srv = useServer(backend, { offerTimeoutSeconds: 1.5 });

  it('waits in the queue while nobody can take it, then is offered to the first agent who can; accepted, it is a conference', async () => {
    const s = srv();
    const id = await activeWhatsappOwnedByA1(s);
    const a1 = await s.agent('agent1');
    const a2 = await s.agent('agent2'); // idle: nobody in q-wa can take it yet

    const requested = await a1.conferenceWithQueue(id, 'q-wa');
    expect(requested).toMatchObject({ status: 'active', offer: null, conferenceRequest: { queueId: 'q-wa', queueName: 'WhatsApp' } });
    const notice = noticeOf(await a1.waitFor(is.notice(id, 'conference_requested')));
    expect(notice).toEqual({ code: 'conference_requested', queueName: 'WhatsApp' });
    const stored = (await a1.request<{ messages: MessageDto[] }>('GET', `/api/conversations/${id}/messages`)).body.messages;
    expect(stored.find((m) => m.notice?.code === 'conference_requested')?.text).toBe('Conference requested with WhatsApp');

    // One request at a time: no transfer or second conference while it waits.
    const busy = await a1.request('POST', `/api/conversations/${id}/transfer`, { target: 'queue', queueId: 'q-wa' });
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ error: { code: 'PARLEY_ERR_INVALID_STATE' } });

    await a2.available();
    await a2.waitFor(is.offer(id, 'a2', 'conference'));
    const joined = await a2.accept(id);
    expect(joined).toMatchObject({ status: 'conference', ownerAgentId: 'a1', conferenceRequest: null });
    expect(joined.participants.map((p) => [p.agentId, p.role, p.status])).toEqual([
      ['a1', 'owner', 'active'],
      ['a2', 'conferee', 'active'],
    ]);
    await a1.waitFor(is.conversation(id, 'conference'));
    await a1.waitFor(is.notice(id, 'conference_joined'));
  });

  it('offered at once when an agent can take it; unanswered in time it is declined (no RONA) and the owner keeps the chat', async () => {
    const s = srv();
    const id = await activeWhatsappOwnedByA1(s);
    const a1 = await s.agent('agent1');
    const a2 = await s.availableAgent('agent2');
    const requested = await a1.conferenceWithQueue(id, 'q-wa');
    expect(requested.offer).toMatchObject({ agentId: 'a2', kind: 'conference', fromAgentId: 'a1' });
    await a2.waitFor(is.withdrawn(id, 'timeout'), 4000);
    await a1.waitFor(is.notice(id, 'conference_declined'), 2000);
    const conv = await a1.conversation(id);
    expect(conv).toMatchObject({ status: 'active', ownerAgentId: 'a1', offer: null, conferenceRequest: null });
    const agents = (await a2.request<AgentDto[]>('GET', '/api/agents')).body;
    expect(agents.find((a) => a.id === 'a2')?.state).toBe('available');
  });

  it('the owner can cancel a waiting request', async () => {
    const s = srv();
    const id = await activeWhatsappOwnedByA1(s);
    const a1 = await s.agent('agent1');
    const a2 = await s.agent('agent2');
    await a1.conferenceWithQueue(id, 'q-wa');
    const notOwner = await a2.request('POST', `/api/conversations/${id}/conference/cancel`);
    expect(notOwner.status).toBe(403);
    const cancelled = await a1.cancelConference(id);
    expect(cancelled).toMatchObject({ status: 'active', conferenceRequest: null });
    await a1.waitFor(is.notice(id, 'conference_cancelled'));
    const again = await a1.request('POST', `/api/conversations/${id}/conference/cancel`);
    expect(again.body).toMatchObject({ error: { code: 'PARLEY_ERR_INVALID_STATE' } });
    // Nothing is offered once the request is gone (routing is done by the time the answer comes).
    await a2.available();
    expect(await a1.conversation(id)).toMatchObject({ status: 'active', offer: null, conferenceRequest: null });
  });

  it('refused for a queue of another channel, for a web chat (no queue target), and for a body naming both or neither', async () => {
    const s = srv();
    const wa = await activeWhatsappOwnedByA1(s);
    const a1 = await s.availableAgent('agent1');
    const other = await a1.request('POST', `/api/conversations/${wa}/conference`, { queueId: 'q-chat' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: { code: 'PARLEY_ERR_CHANNEL_RULE' } });
    for (const body of [{}, { agentId: 'a2', queueId: 'q-wa' }, { queueId: '' }]) {
      const bad = await a1.request('POST', `/api/conversations/${wa}/conference`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION' } });
    }

    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await a1.accept(c.conversationId);
    const chat = await a1.request<ConversationDto>('POST', `/api/conversations/${c.conversationId}/conference`, { queueId: 'q-chat2' });
    expect(chat.status).toBe(422);
    expect(chat.body).toMatchObject({ error: { code: 'PARLEY_ERR_CHANNEL_RULE' } });
    expect((await a1.conversation(c.conversationId)).conferenceRequest ?? null).toBeNull();
  });
});
