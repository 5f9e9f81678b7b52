/**
 * A workflow's secret and its requests' signatures never reach the logs: a real server process at
 * debug level, with a workflow in its config file (literal secret) and one from the admin API
 * (`{env}`), runs both against a verifying receiver.
 */
import { afterEach, expect, it } from 'vitest';
import { AgentClient, CustomerClient, startServer, startWorkflowReceiver, testConfig, type ServerProcess, type WorkflowReceiver } from '@parley/testkit';

const FILE_SECRET = 'wf-config-file-secret-1212';
const ENV_SECRET = 'wf-env-secret-3434';

let server: ServerProcess | undefined;
let receivers: WorkflowReceiver[] = [];
afterEach(async () => {
  await server?.kill();
  server = undefined;
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

it('runs workflows signed with a config-file and an env secret, and logs neither secret nor signature', { timeout: 60_000 }, async () => {
  const fromFile = await startWorkflowReceiver(FILE_SECRET);
  const fromEnv = await startWorkflowReceiver(ENV_SECRET);
  receivers = [fromFile, fromEnv];
  const config = {
    ...testConfig({ offerTimeoutSeconds: 30 }),
    workflows: [{ id: 'file', name: 'From file', url: `${fromFile.url}/ok`, fields: ['conversation.id'], queues: ['q-chat'], secret: FILE_SECRET }],
  };
  server = await startServer({ config, env: { LOG_LEVEL: 'debug', PARLEY_TEST_WF_SECRET: ENV_SECRET } });
  const admin = await AgentClient.login(server.url, 'admin');
  const put = await admin.request('PUT', '/api/admin/workflows/env', {
    id: 'env', name: 'From env', url: `${fromEnv.url}/ok`, fields: [], queues: ['q-chat'], secret: { env: 'PARLEY_TEST_WF_SECRET' },
  });
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ secret: { set: true, source: 'env:PARLEY_TEST_WF_SECRET' } });

  const agent = await AgentClient.login(server.url, 'agent1');
  await agent.connect();
  await agent.available();
  const customer = await CustomerClient.open(server.url, { name: 'Log Check' });
  await agent.waitFor((e) => e.type === 'offer.created' && e.offer.conversationId === customer.conversationId);
  await agent.accept(customer.conversationId);
  for (const id of ['file', 'env']) {
    const run = await agent.call<{ id: string }>('POST', `/api/conversations/${customer.conversationId}/workflows/${id}/runs`);
    const done = await agent.waitFor((e) => e.type === 'workflow.run' && e.run.id === run.id && e.run.status !== 'running');
    expect(done).toMatchObject({ run: { status: 'succeeded', message: 'Ticket T-42 created' } });
  }
  const signatures = [...fromFile.received, ...fromEnv.received].map((r) => {
    expect(r.verdict).toBe('ok');
    return String(r.headers['parley-signature']).slice(3);
  });
  expect(signatures).toHaveLength(2);
  await customer.close();
  await agent.close();
  await admin.close();
  await server.stop(); // flushes the logs
  const logs = server.logs();
  expect(logs).toContain('workflow run finished');
  for (const secret of [FILE_SECRET, ENV_SECRET, ...signatures]) expect(logs).not.toContain(secret);
});
