import { expect, test as base } from '@playwright/test';
import { AgentClient, startServer, type ServerProcess } from '../packages/testkit/src/index';

/** The widget when its token's lifetime after the chat closed runs out (1 s here). */
const test = base.extend<{ server: ServerProcess }>({
  server: async ({}, use, testInfo) => {
    const server = await startServer({ env: { PARLEY_WEBCHAT_TOKEN_TTL_SECONDS: '1' } });
    await use(server);
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server.log', { body: server.logs() });
    await server.stop();
  },
});

test('a closed chat whose token expired: the server closes the socket and the widget returns to the pre-chat form', async ({ page, server }) => {
  const agent = await AgentClient.login(server.url, 'agent1');
  await agent.connect();
  await agent.available();
  await page.goto(`${server.url}/webchat/demo`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('Carol Customer');
  await page.getByRole('textbox', { name: 'Email' }).fill('carol@example.com');
  await page.getByRole('button', { name: 'Start chat' }).click();
  const offer = await agent.waitForOffer(undefined, 10_000);
  const id = offer.offer.conversationId;
  await agent.accept(id);
  await agent.end(id);
  await expect(page.getByText('Chat ended', { exact: true }).first()).toBeVisible();
  await agent.wrapup(id, ['resolved']);

  await expect(page.getByText('Your chat session has expired. Please start a new chat.')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeVisible();
  await agent.close();
});
