/**
 * A password an admin changes ends the agent's old sessions: whoever holds a token from before is
 * signed out (its API calls 401, its sockets closed with 4401) and the agent goes offline, as at a
 * logout. An admin changing their own password keeps the session they changed it from.
 */
import { expect, it } from 'vitest';
import { AgentClient } from '@parley/testkit';
import { describeBackends, useServer } from './harness';

const A1 = { id: 'a1', username: 'agent1', displayName: 'Agent One', teams: ['team'], capacity: { webchat: 2 } };

describeBackends('admin password change', (backend) => {
  const srv = useServer(backend);

  it("a new password signs the agent out everywhere; the old one no longer works, the new one does", async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const other = await AgentClient.login(s.url, 'agent1', 'pw');
    const admin = await s.agent('admin', { connect: false });

    await admin.call('PUT', '/api/admin/agents/a1', { ...A1, password: 'a-brand-new-pass-42' });
    expect((await a1.waitForClose()).code).toBe(4401);
    expect((await a1.request('GET', '/api/desk')).status).toBe(401);
    expect((await other.request('GET', '/api/desk')).status).toBe(401);
    expect(s.server.parley.core.engine.getAgent('a1')?.state).toBe('offline');

    await expect(AgentClient.login(s.url, 'agent1', 'pw')).rejects.toThrow();
    const back = await AgentClient.login(s.url, 'agent1', 'a-brand-new-pass-42');
    expect((await back.request('GET', '/api/desk')).status).toBe(200);
  });

  it('a change without a new password (or with the same one) signs no one out', async () => {
    const s = srv();
    const a1 = await s.agent('agent1');
    const admin = await s.agent('admin', { connect: false });
    await admin.call('PUT', '/api/admin/agents/a1', { ...A1, displayName: 'Agent Uno' });
    await admin.call('PUT', '/api/admin/agents/a1', { ...A1, password: 'pw' });
    expect((await a1.request('GET', '/api/desk')).status).toBe(200);
  });

  it('an admin changing their own password stays signed in here, and is signed out elsewhere', async () => {
    const s = srv();
    const here = await s.agent('admin', { connect: false });
    const elsewhere = await AgentClient.login(s.url, 'admin', 'pw');
    const me = await here.call<{ id: string; username: string; displayName: string; role: string }>('GET', '/api/admin/agents/adm');
    await here.call('PUT', '/api/admin/agents/adm', { ...me, password: 'admins-new-pass-77' });
    expect((await here.request('GET', '/api/admin/agents')).status).toBe(200);
    expect((await elsewhere.request('GET', '/api/admin/agents')).status).toBe(401);
  });
});
