import type { Locator, Page, WebSocketRoute } from '@playwright/test';
import { AgentClient, testConfig } from '../packages/testkit/src/index';
import { accept, composer, customer as chatCustomer, expect, expectAccessible, offerCard, setAvailable, signIn, test } from './desktop-helpers';
import { hostPage, startChat, widgetBox } from './webchat-helpers';

/**
 * The supervisor live view in a real browser: queue figures move as web chat customers arrive and an
 * agent (another browser) takes them, a conversation is followed read-only as it happens, and an
 * agent who left is logged out with a reason that the agent's Desk shows at once.
 */

const queues = (page: Page) => page.getByRole('table', { name: 'Queues' });
const agents = (page: Page) => page.getByRole('table', { name: /^Agents/ });
const queueRow = (page: Page, id: string) => queues(page).locator(`tr[data-queue="${id}"]`);
const cell = (row: Locator, col: string) => row.locator(`[data-col="${col}"]`);

async function openSupervisor(page: Page, url: string): Promise<void> {
  await signIn(page, url, 'super');
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Supervisor' }).click();
  await expect(queues(page)).toBeVisible();
}

test('a supervisor watches a queue move as chats arrive and are accepted, follows one live, and logs an agent out with a reason', async ({ browser, page, server }) => {
  await openSupervisor(page, server.url);
  const chat = queueRow(page, 'q-chat');
  await expect(cell(chat, 'waiting')).toHaveText('0');
  await expect(cell(chat, 'available')).toHaveText('0');

  // The agent signs in (idle) in another browser; the customer opens the widget on a shop's page.
  const agentCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const agent = await agentCtx.newPage();
  await signIn(agent, server.url, 'agent1');
  const shop = await hostPage(server.url);
  const customerCtx = await browser.newContext();
  const customer = await customerCtx.newPage();
  try {
    await customer.goto(shop.url);
    await startChat(customer, 'Carol Diaz');
    await expect(cell(chat, 'waiting')).toHaveText('1');
    // Longest wait ticks in the browser from the server's timestamp.
    await expect(cell(chat, 'longest-wait')).toHaveText(/^00:0[1-9]$/);

    // Follow the waiting chat: what the customer writes shows up live, read-only.
    await page.getByRole('button', { name: 'Conversations of Chat', exact: true }).click();
    await page.getByRole('button', { name: 'Open the conversation with Carol Diaz' }).click();
    const followed = page.getByRole('region', { name: 'Conversation with Carol Diaz' });
    await expect(followed).toContainText('Waiting');
    await expect(followed.getByRole('textbox')).toHaveCount(0);
    await widgetBox(customer).fill('Where is my parcel?');
    await widgetBox(customer).press('Enter');
    await expect(followed.getByRole('log')).toContainText('Where is my parcel?');

    // The agent becomes available: the chat is offered, then accepted.
    await setAvailable(agent);
    await expect(offerCard(agent, 'Carol Diaz')).toBeVisible();
    await expect(cell(chat, 'offered')).toHaveText('1');
    await expect(cell(chat, 'waiting')).toHaveText('0');
    await accept(agent, 'Carol Diaz');
    await expect(cell(chat, 'active')).toHaveText('1');
    await expect(cell(chat, 'offered')).toHaveText('0');
    const agentOne = agents(page).getByRole('row', { name: /Agent One/ });
    await expect(cell(agentOne, 'state')).toHaveText(/Available/);
    await expect(cell(agentOne, 'conversations')).toContainText('WebChat 1/2');
    await expect(followed).toContainText('Active');
    await expect(followed).toContainText('Handled by Agent One');
    await composer(agent).fill('It left our warehouse today.');
    await composer(agent).press('Enter');
    await expect(followed.getByRole('log')).toContainText('It left our warehouse today.');
    await expectAccessible(page);

    // Agent One walks away: the supervisor logs them out, saying why.
    await agentOne.getByRole('button', { name: 'Change state of Agent One' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change the state of Agent One' });
    await dialog.getByRole('combobox', { name: 'New state' }).selectOption('offline');
    await dialog.getByRole('button', { name: 'Change state' }).click();
    await expect(dialog.getByText('Say why: the reason is required.')).toBeVisible();
    await expectAccessible(page);
    await dialog.getByRole('textbox', { name: /Why/ }).fill('Left for the day without signing out');
    await dialog.getByRole('button', { name: 'Change state' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Agent One is now Offline.' })).toBeVisible();
    await expect(cell(agentOne, 'state')).toHaveText(/Offline/);
    // The agent's Desk shows it live; the accepted chat stays with them.
    await expect(agent.getByRole('combobox', { name: 'Agent state' })).toHaveValue('offline');
    await expect(cell(chat, 'active')).toHaveText('1');
  } finally {
    await customerCtx.close();
    await agentCtx.close();
    await shop.close();
  }
});

test('the supervisor area is keyboard usable and bilingual, and filters agents by search and channel', async ({ page, server }) => {
  await openSupervisor(page, server.url);
  await expect(agents(page).getByRole('row')).toHaveCount(6);
  await page.getByRole('searchbox', { name: 'Search agents' }).fill('two');
  await expect(agents(page).getByRole('row', { name: /Agent Two/ })).toBeVisible();
  await expect(agents(page).getByRole('row')).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Search agents' }).fill('');
  await page.getByRole('combobox', { name: 'Channel' }).selectOption('whatsapp');
  await expect(queues(page).getByRole('row')).toHaveCount(2);
  await expect(queueRow(page, 'q-wa')).toBeVisible();
  // The agents' figures narrow to that channel too.
  await expect(cell(agents(page).getByRole('row', { name: /Agent Two/ }), 'conversations')).toHaveText('WhatsApp 0/2');

  // The state dialog by keyboard: open, Escape closes it and focus returns to its button.
  const button = page.getByRole('button', { name: 'Change state of Agent Two' });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Change the state of Agent Two' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(button).toBeFocused();

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('table', { name: '队列' })).toBeVisible();
  await expect(page.getByRole('table', { name: /^座席/ })).toBeVisible();
  await expectAccessible(page);
});

test('after a lost connection the view comes back by itself with what happened meanwhile, in the followed conversation too', async ({ page, server }) => {
  // The supervisor socket passes through a switch: the test cuts it, and refuses reconnects until told.
  let refuse = false;
  let live: WebSocketRoute | undefined;
  await page.routeWebSocket(/\/api\/supervisor\/ws/, (ws) => {
    if (refuse) return void ws.close({ code: 1006 });
    live = ws;
    ws.connectToServer();
  });
  await openSupervisor(page, server.url);
  const dana = await chatCustomer(server.url, 'Dana Fox');
  try {
    await dana.say('First question');
    await page.getByRole('button', { name: 'Conversations of Chat', exact: true }).click();
    await page.getByRole('button', { name: 'Open the conversation with Dana Fox' }).click();
    const followed = page.getByRole('region', { name: 'Conversation with Dana Fox' });
    await expect(followed.getByRole('log')).toContainText('First question');

    refuse = true;
    await live!.close({ code: 1006 });
    await expect(page.getByRole('status').filter({ hasText: 'Live view disconnected: reconnecting…' })).toBeVisible();
    await dana.say('Written while you were away');
    const late = await chatCustomer(server.url, 'Eli Moss');
    refuse = false;

    await expect(page.getByRole('status').filter({ hasText: 'reconnecting' })).toHaveCount(0, { timeout: 20_000 });
    await expect(followed.getByRole('log')).toContainText('Written while you were away');
    await expect(cell(queueRow(page, 'q-chat'), 'waiting')).toHaveText('2');
    await late.close();
  } finally {
    await dana.close();
  }
});

/** The usual test floor plus 1,000 agents in the Chat queue's team (a stored hash: no 1,000 password hashings at start). */
function thousandAgents() {
  const cfg = testConfig({ offerTimeoutSeconds: 30 });
  const passwordHash = 'scrypt$16384$8$1$ZJLJdpyCgXV_NcxYkmdjbQ$4uni8uzrSGy-wt1M3FRZva85o0N2uybKX4fZq-dhUHQ'; // "pw"
  const more = Array.from({ length: 1000 }, (_, i) => {
    const n = String(i).padStart(4, '0');
    return { id: `f${n}`, username: `floor${n}`, displayName: `Floor ${n}`, passwordHash, teams: ['team'], capacity: { webchat: 3 } };
  });
  return { ...cfg, agents: [...cfg.agents, ...more] } as typeof cfg;
}

test.describe('a floor of 1,000 agents', () => {
  test.use({ serverConfig: thousandAgents() });
  test('only the agent rows in view are in the page; search and scrolling reach any of them', async ({ page, server }) => {
    await openSupervisor(page, server.url);
    const table = agents(page);
    await expect(table).toHaveAttribute('aria-rowcount', '1006');
    await expect(table.getByRole('caption')).toContainText('1,005 agents of 1,005');
    const rendered = await table.locator('tbody tr').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    // Scrolling to the end brings the last rows in (and drops the first).
    await page.locator('.sup-agents-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(table.getByRole('row', { name: /Sue Pervisor/ })).toBeVisible();
    await expect(table.getByRole('row', { name: /Admin @admin/ })).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Search agents' }).fill('floor0999');
    await expect(table.getByRole('row', { name: /Floor 0999/ })).toBeVisible();
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expectAccessible(page);
  });
});

test("a supervisor finds a customer's past conversation by address and status and reads it", async ({ page, server }) => {
  const agent = await AgentClient.login(server.url, 'agent1');
  await agent.connect();
  await agent.available();
  const jane = await chatCustomer(server.url, 'Jane Doe');
  await jane.say('My order never came');
  await agent.waitForOffer(jane.conversationId);
  await agent.accept(jane.conversationId);
  await agent.sendMessage(jane.conversationId, 'A new one is on its way');
  await agent.end(jane.conversationId);
  await agent.wrapup(jane.conversationId, ['resolved']);
  jane.close();

  await openSupervisor(page, server.url);
  await page.getByRole('button', { name: 'Find a conversation' }).click();
  const find = page.getByRole('region', { name: 'Find a conversation' });
  await find.getByLabel("Customer's address").fill('jane.doe@example.com');
  await find.getByLabel('Status').selectOption({ label: 'Closed' });
  await find.getByRole('button', { name: 'Search' }).click();
  const found = find.getByRole('list', { name: 'Conversations found' }).getByRole('listitem');
  await expect(found).toHaveCount(1);
  await expectAccessible(page);
  await found.getByRole('button', { name: 'Open the conversation with Jane Doe' }).click();
  const thread = page.getByRole('region', { name: 'Conversation with Jane Doe' }).getByRole('log');
  await expect(thread).toContainText('My order never came');
  await expect(thread).toContainText('A new one is on its way');

  // Nobody else matches: said so, not an empty list.
  await find.getByLabel("Customer's address").fill('nobody@example.com');
  await find.getByRole('button', { name: 'Search' }).click();
  await expect(find.getByRole('status')).toHaveText('No conversation matches.');
  await agent.close();
});
