/**
 * An admin's change reaches every connected Desk as a `config.updated` event (stored, so a Desk that
 * was away gets it on resume): Desks re-read their configuration without a reload.
 */
import { expect, it } from 'vitest';
import { describeBackends, useServer } from './harness';

describeBackends('config.updated', (backend) => {
  const srv = useServer(backend);

  it('every agent hears of an admin change, including one that reconnects after it', async () => {
    const s = srv();
    const a1 = await s.agent('agent1');
    const a2 = await s.agent('agent2', { connect: false });
    const hello = await a2.connect();
    await a2.disconnect();
    const admin = await s.agent('admin', { connect: false });
    await admin.call('PUT', '/api/admin/wrapup-reasons/callback', { id: 'callback', label: 'Call back' });
    await a1.waitForEvent('config.updated');
    await a2.connect({ since: hello.head, epoch: hello.epoch });
    await a2.waitForEvent('config.updated');
  });

  it('a refused change (validation error) tells no one', async () => {
    const s = srv();
    const a1 = await s.agent('agent1');
    const admin = await s.agent('admin', { connect: false });
    const bad = await admin.request('PUT', '/api/admin/queues/q-x', { id: 'q-x', name: 'X', channel: 'webchat', overflowQueue: 'q-x', offerTimeoutSeconds: -1 });
    expect(bad.status).toBe(400);
    await a1.expectNone((e) => e.type === 'config.updated');
  });
});
