import { testConfig } from '../packages/testkit/src/index';
import { accept, agentPage, composer, expect, expectAccessible, test, thread } from './desktop-helpers';
import { log, startChat, widgetBox } from './webchat-helpers';

/**
 * A queue outside its business hours (docs/configuration.md, "Business hours"): the customer's widget
 * shows the queue's closed message as soon as the chat starts, once; the chat still waits in the queue
 * and reaches an agent who is working, who sees the same message in the thread.
 */

const CLOSED = 'We are closed right now. Leave your message: we answer Monday to Friday, 9:00–17:30.';
const config = testConfig({ offerTimeoutSeconds: 30 });
// No open ranges: closed whenever the test runs.
Object.assign(config.queues.find((q) => q.id === 'q-chat')!, { hours: { timezone: 'Europe/Paris', open: [], closedMessage: CLOSED } });
test.use({ serverConfig: config });

test('out of hours: the widget shows the closed message once; the chat still reaches a working agent, who sees it too', async ({ browser, page, server }) => {
  const agent = await agentPage(browser, server.url, 'agent1');
  await page.goto(`${server.url}/webchat/demo`);
  await startChat(page, 'Carol Diaz');
  await expect(log(page).getByText(CLOSED)).toHaveCount(1);
  await expectAccessible(page);

  await accept(agent, 'Carol Diaz');
  await expect(thread(agent).getByText(CLOSED)).toHaveCount(1);
  await widgetBox(page).fill('Is anyone there after all?');
  await widgetBox(page).press('Enter');
  await expect(thread(agent).getByText('Is anyone there after all?')).toBeVisible();
  await composer(agent).fill('Yes, I am here.');
  await composer(agent).press('Enter');
  await expect(log(page).getByText('Yes, I am here.')).toBeVisible();
  // Still one closed message on both sides: it answers the chat's start, not every message.
  await expect(log(page).getByText(CLOSED)).toHaveCount(1);
  await expect(thread(agent).getByText(CLOSED)).toHaveCount(1);
});
