import { AgentClient, CustomerClient, startWorkflowReceiver, type WorkflowReceiver } from '../packages/testkit/src/index';
import { accept, expect, expectAccessible, offerCard, setAvailable, shot, signIn, test } from './desktop-helpers';

/**
 * Workflows from the pane: an admin defines two against a local receiver that verifies each
 * request's signature; the agent runs one and sees its message and link, runs the other and sees
 * why it failed.
 */
const SECRET = 'e2e-workflow-secret';
let receiver: WorkflowReceiver;
test.beforeAll(async () => {
  receiver = await startWorkflowReceiver(SECRET);
});
test.afterAll(() => receiver.close());

test('an agent runs a workflow from the pane and sees the returned message and link; a failing one shows why, a slow one shows it running', async ({ page, server }) => {
  const admin = await AgentClient.login(server.url, 'admin');
  const define = (id: string, name: string, path: string, timeoutSeconds = 10, extra: string[] = []) =>
    admin.call('PUT', `/api/admin/workflows/${id}`, {
      id, name, url: `${receiver.url}${path}`, fields: ['conversation.id', 'customer.name', 'agent.name', ...extra], queues: ['q-chat'], secret: SECRET, timeoutSeconds,
    });
  await define('ticket', 'Create ticket', '/ok', 10, ['input']);
  await define('broken', 'Broken CRM', '/fail');
  await define('slow', 'Slow lookup', '/slow', 3);
  await admin.call('PUT', '/api/admin/workflows/elsewhere', {
    id: 'elsewhere', name: 'Other queue only', url: `${receiver.url}/ok`, fields: [], queues: ['q-chat2'], secret: SECRET,
  });

  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const customer = await CustomerClient.open(server.url, { name: 'Wendy Flow', email: 'wendy@example.com' });
  await customer.say('Please open a ticket');
  await expect(offerCard(page, 'Wendy Flow')).toBeVisible();
  await accept(page, 'Wendy Flow');

  const button = page.getByRole('button', { name: 'Workflows', exact: true });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByRole('region', { name: 'Workflows' });
  await expect(panel.getByRole('button', { name: 'Run Create ticket' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Run Broken CRM' })).toBeVisible();
  // Only what this conversation's queue may run.
  await expect(panel.getByRole('button', { name: 'Run Other queue only' })).toHaveCount(0);
  await expect(panel).toContainText('No runs yet.');

  // Only the workflow that sends `input` asks for it.
  await expect(panel.getByRole('textbox')).toHaveCount(1);
  await panel.getByRole('textbox', { name: 'Input for Create ticket' }).fill('vip, refund');
  await panel.getByRole('button', { name: 'Run Create ticket' }).click();
  const ticketRun = panel.getByRole('listitem', { name: 'Run of Create ticket' });
  await expect(ticketRun).toContainText('Succeeded');
  await expect(ticketRun).toContainText('Ticket T-42 created');
  const link = ticketRun.getByRole('link', { name: 'Open the result (new tab)' });
  await expect(link).toHaveAttribute('href', 'https://tickets.example.com/T-42');
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /noopener/);

  await panel.getByRole('button', { name: 'Run Broken CRM' }).click();
  const brokenRun = panel.getByRole('listitem', { name: 'Run of Broken CRM' });
  await expect(brokenRun).toContainText('Failed: the service answered HTTP 500');
  await expect(brokenRun.getByRole('link')).toHaveCount(0);

  // A receiver that never answers: the run shows as running until its timeout, then why it failed.
  await panel.getByRole('button', { name: 'Run Slow lookup' }).click();
  const slowRun = panel.getByRole('listitem', { name: 'Run of Slow lookup' });
  await expect(slowRun).toContainText('Running…');
  await expect(slowRun).toContainText('Failed: no answer in time');

  // Each request reached the receiver signed (it refuses anything else with 401).
  const conversationId = await page.locator('main.pane').getAttribute('data-conversation');
  const mine = receiver.received.filter((r) => JSON.parse(r.rawBody).conversation?.id === conversationId);
  expect(mine.map((r) => r.verdict)).toEqual(['ok', 'ok', 'ok']);
  expect(JSON.parse(mine[0]!.rawBody)).toMatchObject({ customer: { name: 'Wendy Flow' }, agent: { name: 'Agent One' }, input: 'vip, refund' });

  // Closed and opened again, the panel lists the earlier runs, newest first.
  await button.click();
  await expect(panel).toHaveCount(0);
  await button.click();
  await expect(panel.getByRole('listitem', { name: /^Run of / })).toHaveText([/Slow lookup/, /Broken CRM/, /Create ticket/]);
  await expectAccessible(page);
  await shot(page, 'workflows-pane');

  // 简体中文: the guide's wording (触发工作流程), outcomes translated.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  const zhPanel = page.getByRole('region', { name: '工作流程' });
  await expect(page.getByRole('button', { name: '工作流程', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await expect(zhPanel.getByRole('button', { name: '触发 Create ticket' })).toBeVisible();
  await expect(zhPanel.getByRole('listitem', { name: 'Create ticket 的运行' })).toContainText('成功');
  await expect(zhPanel.getByRole('listitem', { name: 'Broken CRM 的运行' })).toContainText('失败：服务返回 HTTP 500');
  await customer.close();
  await admin.close();
});

test("a supervisor following a conversation sees its agent's workflow runs, earlier ones and new ones live", async ({ page, server }) => {
  const admin = await AgentClient.login(server.url, 'admin');
  for (const [id, name, path] of [['ticket', 'Create ticket', '/ok'], ['broken', 'Broken CRM', '/fail']] as const) {
    await admin.call('PUT', `/api/admin/workflows/${id}`, { id, name, url: `${receiver.url}${path}`, fields: ['conversation.id'], queues: ['q-chat'], secret: SECRET });
  }
  const agent = await AgentClient.login(server.url, 'agent1');
  await agent.connect();
  await agent.available();
  const customer = await CustomerClient.open(server.url, { name: 'Wendy Flow', email: 'wendy@example.com' });
  await agent.waitForOffer(customer.conversationId);
  await agent.accept(customer.conversationId);
  const runs = `/api/conversations/${customer.conversationId}/workflows`;
  await agent.call('POST', `${runs}/ticket/runs`);

  await signIn(page, server.url, 'super');
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Supervisor' }).click();
  await page.getByRole('button', { name: 'Conversations of Chat', exact: true }).click();
  await page.getByRole('button', { name: 'Open the conversation with Wendy Flow' }).click();
  const list = page.getByRole('region', { name: 'Conversation with Wendy Flow' }).getByRole('list', { name: 'Workflow runs' });
  await expect(list.getByRole('listitem', { name: 'Run of Create ticket' })).toContainText('Succeeded');

  // Run while the supervisor watches: it shows without a reload, with why it failed.
  await agent.call('POST', `${runs}/broken/runs`);
  await expect(list.getByRole('listitem', { name: 'Run of Broken CRM' })).toContainText('Failed: the service answered HTTP 500');
  await expect(list.getByRole('listitem')).toHaveText([/Broken CRM/, /Create ticket/]);
  await expectAccessible(page);
  customer.close();
  await agent.close();
  await admin.close();
});
