/**
 * Entry points' secrets never reach the logs: a real server process at debug level, configured
 * with literal and `{env}` secrets and given more through the admin API (including a rejected
 * PUT), logs none of the values.
 */
import { afterEach, expect, it } from 'vitest';
import { AgentClient, startServer, testConfig, type ServerProcess } from '@parley/testkit';

const SECRETS = {
  fileLiteral: 'EAAG-config-file-literal-token-4242',
  env: 'env-provided-page-token-5151',
  appSecret: 'meta-app-secret-6262',
  admin: 'admin-put-twilio-token-7373',
  rejected: 'rejected-put-token-8484',
};

let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.kill();
  server = undefined;
});

it('a config file with bad entry point settings stops the server with the path and exit code 2, not the secret', { timeout: 60_000 }, async () => {
  const base = testConfig();
  const config = {
    ...base,
    queues: [...base.queues, { id: 'q-sms', name: 'SMS', channel: 'sms', teams: ['team'] }],
    entryPoints: [
      ...base.entryPoints,
      {
        id: 'sms', name: 'SMS', channel: 'sms', queue: 'q-sms',
        settings: { number: '+15550002222', numberKind: 'pager', accountSid: `AC${'1'.repeat(32)}`, authToken: SECRETS.fileLiteral, publicWebhookUrl: 'https://parley.example/sms' },
      },
    ],
  };
  const failure = await startServer({ config }).then(
    (s) => {
      server = s;
      return 'started';
    },
    (e: Error) => e.message,
  );
  expect(failure).toContain('server exited (2)');
  expect(failure).toContain('/entryPoints/2/settings/numberKind');
  expect(failure).not.toContain(SECRETS.fileLiteral);
});

it('a server with entry point secrets in its config and admin API logs none of them', { timeout: 60_000 }, async () => {
  const base = testConfig();
  const config = {
    ...base,
    queues: [...base.queues, { id: 'q-fb', name: 'Messenger', channel: 'messenger', teams: ['team'] }, { id: 'q-sms', name: 'SMS', channel: 'sms', teams: ['team'] }],
    entryPoints: [
      ...base.entryPoints,
      { id: 'wa', name: 'WhatsApp', channel: 'whatsapp', queue: 'q-wa', settings: { wabaId: '1', phoneNumberId: '2', displayNumber: '+15550001111', accessToken: SECRETS.fileLiteral } },
      { id: 'fb', name: 'Page', channel: 'messenger', queue: 'q-fb', settings: { pageId: '3', pageAccessToken: { env: 'PARLEY_TEST_PAGE_TOKEN' } } },
    ],
    providers: { meta: { appSecret: SECRETS.appSecret, verifyToken: 'verify-me-9595' } },
  };
  server = await startServer({ config, env: { LOG_LEVEL: 'debug', PARLEY_TEST_PAGE_TOKEN: SECRETS.env } });
  const admin = await AgentClient.login(server.url, 'admin');
  const sms = {
    id: 'sms', name: 'SMS', channel: 'sms', queue: 'q-sms',
    settings: { number: '+15550002222', numberKind: 'long_code', accountSid: `AC${'1'.repeat(32)}`, authToken: SECRETS.admin, publicWebhookUrl: 'https://parley.example/sms' },
  };
  expect((await admin.request('PUT', '/api/admin/entry-points/sms', sms)).status).toBe(200);
  const rejected = await admin.request('PUT', '/api/admin/entry-points/sms', { ...sms, settings: { ...sms.settings, numberKind: 'bad', authToken: SECRETS.rejected } });
  expect(rejected.status).toBe(400);
  const listed = JSON.stringify((await admin.request('GET', '/api/admin/entry-points')).body);
  await admin.close();
  await server.stop(); // flushes the logs
  const logs = server.logs();
  expect(logs).toContain('/api/admin/entry-points/sms');
  for (const secret of [...Object.values(SECRETS), 'verify-me-9595']) {
    expect(logs).not.toContain(secret);
    expect(listed).not.toContain(secret);
  }
});
