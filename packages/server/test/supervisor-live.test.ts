/**
 * The supervisor live view: the floor socket (snapshot, deltas as chats arrive and are accepted, who
 * may open it), following a conversation read-only, and a supervisor changing an agent's state with
 * a reason recorded in the audit log.
 */
import { expect, it } from 'vitest';
import type { AgentDto, AuditPage, LiveConversationRow } from '@parley/protocol';
import { SupervisorLiveClient, httpRequest, type AgentClient } from '@parley/testkit';
import { describeBackends, is, useServer, type TestServer } from './harness';

async function watch(s: TestServer, username = 'super'): Promise<{ sup: AgentClient; live: SupervisorLiveClient }> {
  const sup = await s.agent(username, { connect: false });
  const live = s.track(await SupervisorLiveClient.connect(s.url, sup.token));
  await live.waitForFrame((f) => f.type === 'snapshot');
  return { sup, live };
}

describeBackends('supervisor live view: the floor', (backend) => {
  const srv = useServer(backend);

  it('only supervisors and admins may open it: an agent is told why and closed, an unknown token too', async () => {
    const s = srv();
    const agent = await s.agent('agent1', { connect: false });
    const refused = s.track(await SupervisorLiveClient.connect(s.url, agent.token));
    expect(await refused.waitForClose()).toMatchObject({ code: 4403 });
    expect(refused.frames).toEqual([{ type: 'error', code: 'PARLEY_ERR_FORBIDDEN', message: expect.any(String) }]);
    const forged = s.track(await SupervisorLiveClient.connect(s.url, 'forged'));
    expect(await forged.waitForClose()).toMatchObject({ code: 4401 });
    for (const [method, path, body] of [
      ['GET', '/api/supervisor/live/conversations?queueId=q-chat', undefined],
      ['POST', '/api/supervisor/agents/a2/state', { state: 'offline', reason: 'x' }],
    ] as const) {
      expect((await agent.request(method, path, body)).status, path).toBe(403);
      expect((await httpRequest(s.url, method, path, { body })).status, path).toBe(401);
    }
    for (const username of ['super', 'admin']) {
      const { live } = await watch(s, username);
      expect(live.queue('q-chat')).toMatchObject({ name: 'Chat', channel: 'webchat', waiting: 0 });
    }
  });

  it('a snapshot, then the queue and agent rows move as a chat waits, is offered and is accepted', async () => {
    const s = srv();
    const { live } = await watch(s);
    expect(live.queue('q-chat')).toEqual({
      id: 'q-chat', name: 'Chat', channel: 'webchat', waiting: 0, longestWaitSince: null, offered: 0, active: 0, availableAgents: 0,
    });
    expect(live.agent('a1')).toMatchObject({ displayName: 'Agent One', state: 'offline', conversations: {}, capacity: { webchat: 2 }, queueIds: ['q-chat', 'q-chat2', 'q-email', 'q-wa'] });

    const c = await s.customer();
    await live.waitFor((f) => f.queues.get('q-chat')?.waiting === 1, 'one waiting');
    const since = live.queue('q-chat')!.longestWaitSince;
    expect(since).toEqual(expect.any(Number));

    const a1 = await s.availableAgent('agent1');
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await live.waitFor((f) => f.queues.get('q-chat')?.offered === 1, 'offered');
    expect(live.queue('q-chat')).toMatchObject({ waiting: 0, longestWaitSince: null, offered: 1, active: 0, availableAgents: 1 });
    await live.waitFor((f) => f.agents.get('a1')?.load.webchat === 1, 'a1 offered');
    expect(live.agent('a1')).toMatchObject({ state: 'available', conversations: {} });

    const beforeAccept = live.frames.length;
    await a1.accept(c.conversationId);
    await live.waitFor((f) => f.queues.get('q-chat')?.active === 1 && f.agents.get('a1')?.conversations.webchat === 1, 'accepted');
    expect(live.queue('q-chat')).toMatchObject({ waiting: 0, offered: 0, active: 1 });

    // Only changed rows travel: accepting changes the chat's queue and its agent, nothing else.
    const deltas = live.frames.slice(beforeAccept).filter((f) => f.type === 'delta');
    expect(deltas.length).toBeGreaterThan(0);
    for (const d of deltas) {
      expect(d.queues.map((q) => q.id)).toEqual(['q-chat']);
      expect(d.agents.map((a) => a.id)).toEqual(['a1']);
    }

    const rows = await s.agent('super', { connect: false }).then((sup) =>
      sup.call<{ conversations: LiveConversationRow[]; total: number }>('GET', '/api/supervisor/live/conversations?agentId=a1'),
    );
    expect(rows.total).toBe(1);
    expect(rows.conversations).toEqual([expect.objectContaining({ id: c.conversationId, status: 'active', ownerAgentId: 'a1', customerName: expect.any(String) })]);
  });

  it('an admin change (a new queue) reaches viewers at once as a fresh snapshot', async () => {
    const s = srv();
    const { live } = await watch(s);
    const admin = await s.agent('admin', { connect: false });
    const from = live.frames.length;
    await admin.call('PUT', '/api/admin/queues/q-vip', { id: 'q-vip', name: 'VIP', channel: 'webchat', offerTimeoutSeconds: 30, maxWaitSeconds: 600, agents: ['a1'] });
    await live.waitForFrame((f) => f.type === 'snapshot', from);
    expect(live.queue('q-vip')).toMatchObject({ name: 'VIP', waiting: 0 });
    expect(live.agent('a1')?.queueIds).toContain('q-vip');
  });

  it('a new snapshot after reconnecting shows what happened meanwhile', async () => {
    const s = srv();
    const { sup, live } = await watch(s);
    await live.close();
    await s.customer();
    await s.customer();
    const again = s.track(await SupervisorLiveClient.connect(s.url, sup.token));
    await again.waitForFrame((f) => f.type === 'snapshot');
    expect(again.queue('q-chat')).toMatchObject({ waiting: 2 });
  });
});

describeBackends('supervisor live view: following a conversation', (backend) => {
  const srv = useServer(backend);

  it('a supervisor follows a queued chat and sees its messages and status change live, and cannot write in it', async () => {
    const s = srv();
    const { sup, live } = await watch(s);
    const c = await s.customer({ name: 'Quinn' });
    expect(await live.follow(c.conversationId)).toEqual({ type: 'following', conversationId: c.conversationId });

    // Waiting with no agent in it: the supervisor still sees what the customer writes.
    await c.say('Anyone there?');
    const created = await live.waitForFollowed((e) => e.event.type === 'message.created' && e.event.message.text === 'Anyone there?');
    expect(created.conversationId).toBe(c.conversationId);

    const a1 = await s.availableAgent('agent1');
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await live.waitForFollowed((e) => e.event.type === 'conversation.updated' && e.event.conversation.status === 'offered');
    await a1.accept(c.conversationId);
    await live.waitForFollowed((e) => e.event.type === 'conversation.updated' && e.event.conversation.status === 'active');
    await live.waitForFollowed((e) => e.event.type === 'message.created' && e.event.message.notice?.code === 'agent_joined');
    await a1.sendMessage(c.conversationId, 'Hello Quinn');
    await live.waitForFollowed((e) => e.event.type === 'message.created' && e.event.message.text === 'Hello Quinn');

    // Read-only: the thread takes nothing from the supervisor.
    const write = await sup.request('POST', `/api/conversations/${c.conversationId}/messages`, { clientId: 'sup-1', text: 'I am watching' });
    expect(write.status).toBeGreaterThanOrEqual(400);
    const thread = await sup.call<{ messages: { text: string }[] }>('GET', `/api/supervisor/conversations/${c.conversationId}/messages`);
    expect(thread.messages.map((m) => m.text)).not.toContain('I am watching');

    // Unfollowed: nothing more arrives for it.
    live.send({ type: 'unfollow', conversationId: c.conversationId });
    const pinged = live.frames.length;
    live.send({ type: 'ping', t: 1 });
    await live.waitForFrame((f) => f.type === 'pong', pinged);
    const before = live.followed.length;
    await a1.sendMessage(c.conversationId, 'After unfollow');
    await c.waitFor((f) => f.type === 'message' && f.message.text === 'After unfollow');
    const pinged2 = live.frames.length;
    live.send({ type: 'ping', t: 2 });
    await live.waitForFrame((f) => f.type === 'pong', pinged2);
    expect(live.followed.length).toBe(before);
  });

  it('following an unknown conversation, or a bad frame, is answered with an error and the socket stays open', async () => {
    const s = srv();
    const { live } = await watch(s);
    expect(await live.follow('no-such-id')).toMatchObject({ type: 'error', code: 'PARLEY_ERR_NOT_FOUND', conversationId: 'no-such-id' });
    const from = live.frames.length;
    live.send({ type: 'follow' } as never);
    expect(await live.waitForFrame((f) => f.type === 'error', from)).toMatchObject({ code: 'PARLEY_ERR_VALIDATION' });
    live.send({ type: 'ping', t: 3 });
    await live.waitForFrame((f) => f.type === 'pong');
    expect(live.closed).toBeNull();
  });
});

describeBackends('supervisor live view: changing an agent state', (backend) => {
  const srv = useServer(backend);
  const path = (id: string) => `/api/supervisor/agents/${id}/state`;

  it('logging out an agent who left: offers go to someone else, conversations stay, the desk hears it, the audit log says who and why', async () => {
    const s = srv();
    const { sup, live } = await watch(s);
    const a1 = await s.availableAgent('agent1');
    const first = await s.customer();
    await a1.waitFor(is.offer(first.conversationId, 'a1'));
    await a1.accept(first.conversationId);
    const second = await s.customer();
    await a1.waitFor(is.offer(second.conversationId, 'a1'));
    const a2 = await s.availableAgent('agent2');

    const after = await sup.call<AgentDto>('POST', path('a1'), { state: 'offline', reason: 'Went home without logging out' });
    expect(after).toMatchObject({ id: 'a1', state: 'offline' });
    await a1.waitFor(is.agentState('a1', 'offline'));
    await a1.waitFor(is.withdrawn(second.conversationId, 'cancelled'));
    await a2.waitFor(is.offer(second.conversationId, 'a2'));
    // The conversation the agent had accepted is kept (as the agent's own logout does).
    expect((await a1.conversation(first.conversationId)).status).toBe('active');
    await live.waitFor((f) => f.agents.get('a1')?.state === 'offline', 'a1 offline');

    const admin = await s.agent('admin', { connect: false });
    const audit = await admin.call<AuditPage>('GET', '/api/admin/audit?kind=agent-state');
    expect(audit.items).toEqual([
      expect.objectContaining({
        actor: { id: 'sup', name: 'Sue Pervisor' },
        kind: 'agent-state',
        entityId: 'a1',
        action: 'state',
        before: { state: 'available', idleReasonId: null },
        after: { state: 'offline', idleReasonId: null },
        reason: 'Went home without logging out',
      }),
    ]);

    // Idle with a reason; the same state again changes nothing and records nothing.
    await sup.call('POST', path('a2'), { state: 'idle', idleReasonId: 'break', reason: 'Team meeting' });
    await a2.waitFor(is.agentState('a2', 'idle'));
    await sup.call('POST', path('a2'), { state: 'idle', idleReasonId: 'break', reason: 'Again' });
    const audit2 = await admin.call<AuditPage>('GET', '/api/admin/audit?kind=agent-state');
    expect(audit2.items.map((e) => [e.entityId, e.reason, e.after])).toEqual([
      ['a2', 'Team meeting', { state: 'idle', idleReasonId: 'break' }],
      ['a1', 'Went home without logging out', { state: 'offline', idleReasonId: null }],
    ]);
  });

  it('refuses with a clear error: no reason, an unknown reason or agent, and available for someone not signed in', async () => {
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    await s.agent('agent2');
    const cases: [string, unknown, number, string, RegExp][] = [
      ['a2', { state: 'offline' }, 400, 'PARLEY_ERR_VALIDATION', /reason/],
      ['a2', { state: 'offline', reason: '' }, 400, 'PARLEY_ERR_VALIDATION', /reason/],
      ['a2', { state: 'offline', reason: '   ' }, 400, 'PARLEY_ERR_VALIDATION', /reason/],
      ['a2', { state: 'offline', reason: 'x'.repeat(501) }, 400, 'PARLEY_ERR_VALIDATION', /reason/],
      ['a2', { state: 'rona', reason: 'x' }, 400, 'PARLEY_ERR_VALIDATION', /state/],
      ['a2', { state: 'idle', idleReasonId: 'nap', reason: 'x' }, 400, 'PARLEY_ERR_VALIDATION', /idle reason "nap"/],
      ['nobody', { state: 'offline', reason: 'x' }, 404, 'PARLEY_ERR_NOT_FOUND', /agent/],
      ['a3', { state: 'available', reason: 'Cover the queue' }, 409, 'PARLEY_ERR_CONFLICT', /not signed in/],
    ];
    for (const [id, body, status, code, message] of cases) {
      const r = await sup.request('POST', path(id), body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body, JSON.stringify(body)).toMatchObject({ error: { code, message: expect.stringMatching(message) } });
    }
    // A signed-in agent may be made available by a supervisor.
    expect(await sup.call('POST', path('a2'), { state: 'available', reason: 'Cover the queue' })).toMatchObject({ state: 'available' });
  });
});
