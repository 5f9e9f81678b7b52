/**
 * The bug, as an operator meets it, with real server processes: an admin changes the admin
 * password through the API; the server restarts with the same config file; the new password works
 * and the old one doesn't, and the banner lists how the file differs (no secret). Then
 * `config:apply` (the script behind `npm run config:apply`) makes the file win, audited.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { AuditPage } from '@parley/protocol';
import { AgentClient, httpRequest, startServer, testConfig, type ServerProcess } from '@parley/testkit';

const ROOT = resolve(import.meta.dirname, '../../..');
const NEW_PASSWORD = 'changed-through-the-api-8086';

let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.kill();
  server = undefined;
});

const login = (url: string, password: string) => httpRequest(url, 'POST', '/api/auth/login', { body: { username: 'admin', password } });

function configApply(dataDir: string, configPath: string): Promise<{ code: number | null; out: string }> {
  const env = { ...process.env, PARLEY_DATA_DIR: dataDir, LOG_LEVEL: 'warn' } as Record<string, string>;
  delete env.DATABASE_URL;
  delete env.PARLEY_CONFIG;
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/config-apply.ts', '--config', configPath], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, out })));
}

it('a password changed through the admin API survives a restart with the config file; config:apply restores the file', { timeout: 120_000 }, async () => {
  const config = testConfig();
  server = await startServer({ config });
  const { dataDir, configPath } = server;
  const admin = await AgentClient.login(server.url, 'admin');
  const me = await admin.call<Record<string, unknown>>('GET', '/api/admin/agents/adm');
  await admin.call('PUT', '/api/admin/agents/adm', { ...me, password: NEW_PASSWORD });
  const chat = await admin.call<Record<string, unknown>>('GET', '/api/admin/queues/q-chat');
  await admin.call('PUT', '/api/admin/queues/q-chat', { ...chat, offerTimeoutSeconds: 45 });
  await server.stop();

  server = await startServer({ config, dataDir });
  expect((await login(server.url, NEW_PASSWORD)).status).toBe(200);
  expect((await login(server.url, 'pw')).status).toBe(401);
  const banner = server.logs();
  expect(banner).toContain('config file differs from the database; the database wins (change it in the admin area, or run npm run config:apply):');
  expect(banner).toContain('    - agent "adm" password differs\n');
  expect(banner).toContain('    - queue "q-chat" offerTimeoutSeconds: file 3, database 45\n');
  expect(banner).not.toContain(NEW_PASSWORD);
  await server.stop();

  const applied = await configApply(dataDir, configPath);
  expect(applied).toEqual({ code: 0, out: expect.stringContaining('  - queue "q-chat" offerTimeoutSeconds: file 3, database 45\n') });
  expect(applied.out).toContain('  - agent "adm" password differs\n');

  server = await startServer({ config, dataDir });
  expect((await login(server.url, 'pw')).status).toBe(200);
  expect(server.logs()).not.toContain('config file differs');
  const back = await AgentClient.login(server.url, 'admin');
  const audit = await back.call<AuditPage>('GET', '/api/admin/audit?kind=queue&entityId=q-chat');
  expect(audit.items.map((e) => [e.action, e.actor?.id ?? null])).toEqual([['apply', null], ['update', 'adm'], ['apply', null]]);
  expect(audit.items[0]).toMatchObject({ reason: `config:apply ${configPath}`, before: { offerTimeoutSeconds: 45 }, after: { offerTimeoutSeconds: 3 } });
});
