/**
 * One source of truth for configuration: the database. The config file seeds a database once
 * (audited, actor null); a restart never undoes an admin's change (the bug: a changed
 * admin password came back as the file's); each start reports how the file differs, secrets only
 * as "differs"; `applyConfig` (`--apply-config`, `npm run config:apply`) makes the file win, audited.
 */
import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { AuditPage } from '@parley/protocol';
import { AgentClient, httpRequest, testConfig } from '@parley/testkit';
import { describeBackends, useServer, type TestServer } from './harness';
import { capturedLogger } from './captured-logger';

const NEW_PASSWORD = 'a-new-admin-password-5150';

const login = (url: string, username: string, password: string) => httpRequest(url, 'POST', '/api/auth/login', { body: { username, password } });

/** What an admin changes that the file disagrees with: the admin's password, a queue's timer, a new queue. */
async function adminEdits(s: TestServer): Promise<void> {
  const admin = await s.agent('admin', { connect: false });
  const me = await admin.call<Record<string, unknown>>('GET', '/api/admin/agents/adm');
  await admin.call('PUT', '/api/admin/agents/adm', { ...me, password: NEW_PASSWORD });
  const chat = await admin.call<Record<string, unknown>>('GET', '/api/admin/queues/q-chat');
  await admin.call('PUT', '/api/admin/queues/q-chat', { ...chat, offerTimeoutSeconds: 45 });
  await admin.call('PUT', '/api/admin/queues/q-vip', { id: 'q-vip', name: 'VIP', channel: 'webchat' });
}

describeBackends('config source of truth', (backend) => {
  const log = capturedLogger();
  const srv = useServer(backend, { logger: log.logger });

  it('the first start seeds the database from the file: audited with actor null, and nothing left to report', async () => {
    const s = srv();
    expect(s.server.configFile).toMatchObject({ applied: true });
    expect(s.server.configFile?.changes).toContain('queue "q-chat" only in the file');
    const admin = await s.agent('admin', { connect: false });
    const page = await admin.call<AuditPage>('GET', '/api/admin/audit?limit=200');
    expect(page.items[0]).toMatchObject({ actor: null, kind: 'config', entityId: 'file', action: 'apply', reason: 'first start: the config file seeded the database' });
    const queue = page.items.find((e) => e.kind === 'queue' && e.entityId === 'q-chat');
    expect(queue).toMatchObject({ actor: null, action: 'apply', before: null, after: { id: 'q-chat', offerTimeoutSeconds: 10, teams: ['team'] } });
    const agent = page.items.find((e) => e.kind === 'agent' && e.entityId === 'adm');
    expect(agent?.after).toEqual({ id: 'adm', username: 'admin', displayName: 'Admin', role: 'admin', teams: [], capacity: {}, secretsChanged: ['password'] });

    // Started again with the same file: nothing differs, nothing is written.
    await s.restart();
    expect(s.server.configFile).toEqual({ applied: false, changes: [] });
    const again = await (await s.agent('admin', { connect: false })).call<AuditPage>('GET', '/api/admin/audit?limit=200');
    expect(again.items.length).toBe(page.items.length);
  });

  it("a restart keeps the admin's changes (the admin password too); the start reports each difference, secrets only as differing", async () => {
    const s = srv();
    await adminEdits(s);
    // The file gains an agent the database doesn't have.
    const cfg = testConfig({ offerTimeoutSeconds: 10 });
    writeFileSync(s.configPath, stringify({ ...cfg, agents: [...cfg.agents, { id: 'zoe', username: 'zoe', displayName: 'Zoe', password: 'pw' }] }));

    await s.restart();
    expect((await login(s.url, 'admin', NEW_PASSWORD)).status).toBe(200);
    expect((await login(s.url, 'admin', 'pw')).status).toBe(401);
    expect((await login(s.url, 'zoe', 'pw')).status).toBe(401);
    const after = s.track(await AgentClient.login(s.url, 'admin', NEW_PASSWORD));
    expect(await after.call('GET', '/api/admin/queues/q-chat')).toMatchObject({ offerTimeoutSeconds: 45 });

    expect(s.server.configFile?.applied).toBe(false);
    expect(s.server.configFile?.changes).toEqual([
      'agent "adm" password differs',
      'agent "zoe" only in the file',
      'queue "q-chat" offerTimeoutSeconds: file 10, database 45',
      'queue "q-vip" only in the database',
    ]);
    const logged = log.text();
    expect(logged).toContain('config file differs from the database; the database wins (change it in the admin area, or run npm run config:apply): agent \\"adm\\" password differs');
    expect(logged).not.toContain(NEW_PASSWORD);
  });

  it('applyConfig makes the file win for what it names, audited with actor null; entries it does not name stay', async () => {
    const s = srv();
    await adminEdits(s);

    await s.restart(undefined, { applyConfig: true });
    expect(s.server.configFile).toMatchObject({ applied: true });
    expect((await login(s.url, 'admin', 'pw')).status).toBe(200);
    expect((await login(s.url, 'admin', NEW_PASSWORD)).status).toBe(401);
    const back = await s.agent('admin', { connect: false });
    expect(await back.call('GET', '/api/admin/queues/q-chat')).toMatchObject({ offerTimeoutSeconds: 10 });
    expect(await back.call('GET', '/api/admin/queues/q-vip')).toMatchObject({ name: 'VIP' });

    const queue = await back.call<AuditPage>('GET', '/api/admin/audit?kind=queue&entityId=q-chat');
    expect(queue.items[0]).toMatchObject({ actor: null, action: 'apply', before: { offerTimeoutSeconds: 45 }, after: { offerTimeoutSeconds: 10 } });
    const agent = await back.call<AuditPage>('GET', '/api/admin/audit?kind=agent&entityId=adm');
    expect(agent.items[0]).toMatchObject({ actor: null, action: 'apply', after: { secretsChanged: ['password'] } });
    expect(JSON.stringify(agent)).not.toMatch(/scrypt|5150/);

    // The next plain start has nothing to report.
    await s.restart();
    expect(s.server.configFile?.changes).toEqual(['queue "q-vip" only in the database']);
  });
});
