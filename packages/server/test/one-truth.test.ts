/**
 * One truth in memory: agents' runtime state has one owner (the engine), and removing a queue
 * never lets memory and the database part ways. A queue with
 * an open conversation cannot be removed (409); one removed behind the server's back (while it was
 * down) does not break the next RONA tick. Memory == database is checked by restarting and
 * comparing what the API shows.
 */
import { expect, it } from 'vitest';
import type { AgentDto, ConversationDto, QueueDto } from '@parley/protocol';
import { CustomerClient } from '@parley/testkit';
import { deleteQueue, openDatabase } from '@parley/storage';
import { describeBackends, is, useServer, type TestServer } from './harness';

const VIP_QUEUE = { id: 'q-vip', name: 'VIP', channel: 'webchat', offerTimeoutSeconds: 1, agents: ['a1'] };
const VIP_ENTRY = { id: 'vip', name: 'VIP site', channel: 'webchat', queue: 'q-vip' };

describeBackends('one truth in memory', (backend) => {
  const srv = useServer(backend);

  /** a1 available in q-vip, with a VIP chat offered to it. */
  async function offeredVipChat(s: TestServer) {
    const admin = await s.agent('admin', { connect: false });
    await admin.call('PUT', '/api/admin/queues/q-vip', VIP_QUEUE);
    await admin.call('PUT', '/api/admin/entry-points/vip', VIP_ENTRY);
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer({ site: 'vip' });
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    return { admin, a1, c };
  }

  /** What the API shows of the agents, the conversation and the queues. */
  async function views(s: TestServer, conversationId: string) {
    const sup = await s.agent('super', { connect: false });
    const agents = await sup.call<AgentDto[]>('GET', '/api/agents');
    return {
      agents: agents.map(({ id, state, idleReasonId, stateChangedAt, load }) => ({ id, state, idleReasonId, stateChangedAt, load })),
      conversation: await sup.call<ConversationDto>('GET', `/api/conversations/${conversationId}`),
      queues: await sup.call<QueueDto[]>('GET', '/api/queues'),
    };
  }

  it('a queue with an offered chat is not removed (409); RONA then fires normally and memory equals the database', async () => {
    const s = srv();
    const { admin, a1, c } = await offeredVipChat(s);

    const routed = await admin.request('DELETE', '/api/admin/queues/q-vip');
    expect(routed.status).toBe(409);
    expect(routed.body).toMatchObject({
      error: { code: 'PARLEY_ERR_CONFLICT', message: 'Queue "q-vip" is in use: routed to by entry points "vip"; 1 open conversation' },
    });
    // Its entry point neither: replies to the open chat go out through it.
    const entry = await admin.request('DELETE', '/api/admin/entry-points/vip');
    expect(entry.status).toBe(409);
    expect(entry.body).toMatchObject({ error: { code: 'PARLEY_ERR_CONFLICT', message: 'Entry point "vip" is in use: 1 open conversation' } });

    // The offer's deadline passes: RONA, and the chat waits in the queue it still has.
    await a1.waitFor(is.withdrawn(c.conversationId, 'timeout'));
    await a1.waitFor(is.agentState('a1', 'rona'));
    const before = await views(s, c.conversationId);
    expect(before.conversation).toMatchObject({ status: 'queued', queueId: 'q-vip', offer: null });
    expect(before.agents.find((a) => a.id === 'a1')).toMatchObject({ state: 'rona' });
    expect(before.queues.find((q) => q.id === 'q-vip')).toMatchObject({ waiting: 1 });

    await s.restart();
    expect(await views(s, c.conversationId)).toEqual(before);

    // Once its last conversation has ended, the queue goes.
    const back = s.track(new CustomerClient(s.url, c.token, c.conversationId));
    await back.connect();
    back.end();
    await back.waitForFrame('status', (f) => f.status === 'closed');
    expect((await admin.request('DELETE', '/api/admin/entry-points/vip')).status).toBe(204);
    expect((await admin.request('DELETE', '/api/admin/queues/q-vip')).status).toBe(204);
    expect((await views(s, c.conversationId)).queues.map((q) => q.id)).not.toContain('q-vip');
  });

  it('a queue removed while the server was down: the pending offer times out into RONA and the chat ends, no throw', async () => {
    const s = srv();
    const { a1, c } = await offeredVipChat(s);
    await s.restart(async ({ dataDir, databaseUrl }) => {
      const db = await openDatabase({ url: databaseUrl, dataDir });
      try {
        expect(await deleteQueue(db.kysely, 'q-vip')).toBe(true);
      } finally {
        await db.close();
      }
    });
    const from = a1.mark();
    await a1.connect({ since: a1.lastSeq });
    await a1.waitFor(is.withdrawn(c.conversationId, 'timeout'), 5000, from);
    await a1.waitFor(is.notice(c.conversationId, 'no_agent_available'), 5000, from);
    await a1.waitFor(is.agentState('a1', 'rona'), 5000, from);
    const before = await views(s, c.conversationId);
    expect(before.conversation).toMatchObject({ status: 'closed', endedBy: 'system', offer: null });
    expect(before.agents.find((a) => a.id === 'a1')).toMatchObject({ state: 'rona' });
    expect(before.agents.find((a) => a.id === 'a1')?.load).toEqual({});

    await s.restart();
    expect(await views(s, c.conversationId)).toEqual(before);
  });

  it('agent runtime state has one owner: the directory keeps definitions only, and a config change keeps the live state', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const a1 = await s.availableAgent('agent1');
    const profile = s.server.parley.core.directory.agents.get('a1')!;
    for (const runtime of ['state', 'idleReasonId', 'stateChangedAt', 'readySince']) expect(profile).not.toHaveProperty(runtime);
    await admin.call('PUT', '/api/admin/agents/a1', { id: 'a1', username: 'agent1', displayName: 'Agent Uno', teams: ['team'], capacity: { webchat: 2 } });
    const after = await a1.call<AgentDto[]>('GET', '/api/agents');
    expect(after.find((a) => a.id === 'a1')).toMatchObject({ displayName: 'Agent Uno', state: 'available' });
  });
});
