/**
 * The admin API's queue resource: the offer timer has one name and one unit (seconds) in the
 * config file, PUT and GET; every resource answers GET /api/admin/<kind>/:id. And the agent's
 * queue list counts the other agents who could take a transfer, not the one asking.
 */
import { expect, it } from 'vitest';
import type { QueueDto } from '@parley/protocol';
import { describeBackends, useServer } from './harness';

describeBackends('admin API: queues', (backend) => {
  const srv = useServer(backend);

  it('offerTimeoutSeconds and maxWaitSeconds round-trip through PUT and GET (list and one)', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const queue = { id: 'q-vip', name: 'VIP', channel: 'webchat', offerTimeoutSeconds: 45, maxWaitSeconds: 900, agents: ['a1'] };
    const put = await admin.call<QueueDto>('PUT', '/api/admin/queues/q-vip', queue);
    expect(put).toMatchObject({ id: 'q-vip', offerTimeoutSeconds: 45, maxWaitSeconds: 900 });
    expect(put).not.toHaveProperty('offerTimeoutMs');

    const one = await admin.call<QueueDto>('GET', '/api/admin/queues/q-vip');
    expect(one).toEqual(put);
    const listed = await admin.call<QueueDto[]>('GET', '/api/admin/queues');
    expect(listed.find((q) => q.id === 'q-vip')).toEqual(put);
    // A queue from the config file reads back in the file's unit too (the harness says 10 s).
    expect(await admin.call<QueueDto>('GET', '/api/admin/queues/q-chat')).toMatchObject({ offerTimeoutSeconds: 10 });

    // Changing the timer is what GET then shows.
    await admin.call('PUT', '/api/admin/queues/q-vip', { ...queue, offerTimeoutSeconds: 12.5 });
    expect(await admin.call<QueueDto>('GET', '/api/admin/queues/q-vip')).toMatchObject({ offerTimeoutSeconds: 12.5 });
  });

  it('GET /api/admin/<kind>/:id: 404 for an unknown id, supervisors may read, agents may not', async () => {
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    const a1 = await s.agent('agent1', { connect: false });
    const missing = await sup.request('GET', '/api/admin/queues/no-such-queue');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'PARLEY_ERR_NOT_FOUND' } });
    expect(await sup.call('GET', '/api/admin/agents/a2')).toMatchObject({ id: 'a2', username: 'agent2' });
    expect(await sup.call('GET', '/api/admin/entry-points/web')).toMatchObject({ id: 'web', queue: 'q-chat' });
    const forbidden = await a1.request('GET', '/api/admin/queues/q-chat');
    expect(forbidden.status).toBe(403);
  });

  it('GET /api/queues: availableAgents leaves out the agent asking', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const a2 = await s.availableAgent('agent2');
    const count = async (who: typeof a1) =>
      (await who.call<QueueDto[]>('GET', '/api/queues?channel=webchat')).find((q) => q.id === 'q-chat')?.availableAgents;
    // Both are Available members of q-chat: each sees one other.
    expect(await count(a1)).toBe(1);
    expect(await count(a2)).toBe(1);
    await a2.call('PUT', '/api/me/state', { state: 'idle', idleReasonId: 'break' });
    expect(await count(a1)).toBe(0);
    expect(await count(a2)).toBe(1);
  });
});
