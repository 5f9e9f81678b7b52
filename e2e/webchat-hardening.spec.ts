import type { WebchatServerFrame } from '@parley/protocol';
import { testConfig } from '../packages/testkit/src/index';
import { accept, composer, customer, expect, signIn, setAvailable, test } from './desktop-helpers';
import { acceptNext, availableAgent, log, startChat, widgetBox, widgetSessionClient } from './webchat-helpers';

/** Customer widget hardening: who the header names, transfer failure, counting, plurals, language, long threads. */

const EMOJI_600 = '😀'.repeat(600);
const header = (page: import('@playwright/test').Page) => page.locator('[data-parley-webchat]').locator('#pw-sub');

test('after a conference the header names the agent who remains, also after a reload', async ({ page, server }) => {
  const owner = await availableAgent(server.url, 'agent1');
  const guest = await availableAgent(server.url, 'agent2');
  await guest.setState('idle');
  await page.goto(`${server.url}/webchat/demo`);
  await startChat(page);
  const conv = await acceptNext(owner);
  await expect(header(page)).toHaveText('Chatting with Agent One');

  await guest.available();
  await owner.inviteToConference(conv, guest.id);
  await acceptNext(guest);
  await expect(header(page)).toHaveText('Chatting with Agent One and Agent Two');
  await guest.sendMessage(conv, 'Specialist here');
  await expect(log(page).getByText('Specialist here')).toBeVisible();

  await guest.exitConference(conv);
  await expect(log(page).getByText('Agent Two left the chat')).toBeVisible();
  await expect(header(page)).toHaveText('Chatting with Agent One');
  await page.reload();
  await expect(log(page).getByText('Specialist here')).toBeVisible();
  await expect(header(page)).toHaveText('Chatting with Agent One');
});

test.describe('a transfer nobody accepts', () => {
  test.use({ serverConfig: testConfig({ offerTimeoutSeconds: 2 }) });

  test('the customer reads that the transfer did not go through, then that the chat ended', async ({ page, server }) => {
    const owner = await availableAgent(server.url, 'agent1');
    const target = await availableAgent(server.url, 'agent2');
    await target.setState('idle');
    await page.goto(`${server.url}/webchat/demo`);
    await startChat(page);
    const conv = await acceptNext(owner);
    await expect(header(page)).toHaveText('Chatting with Agent One');

    await target.available();
    await owner.transferToAgent(conv, target.id);
    await expect(log(page).getByText('The transfer did not go through')).toBeVisible();
    await expect(header(page)).toHaveText('Chat ended');
    await expect(page.getByRole('button', { name: 'Start new chat' })).toBeVisible();
  });
});

test('600 emoji count as 600 characters in the widget and the Desktop; too-long text uses plurals', async ({ page, browser, server }) => {
  // Desktop: the agent handles a chat from a protocol customer.
  await signIn(page, server.url);
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await accept(page, 'Jane Doe');
  await composer(page).fill(EMOJI_600);
  await expect(page.getByText('600 / 1000')).toBeVisible();
  await composer(page).fill('x'.repeat(1001));
  await expect(page.getByText('The message is 1 character too long. Remove 1 character to send (limit 1000).')).toBeVisible();
  await composer(page).fill('x'.repeat(1002));
  await expect(page.getByText('The message is 2 characters too long. Remove 2 characters to send (limit 1000).')).toBeVisible();
  await jane.close();

  // Widget: a customer chatting with that agent.
  const ctx = await browser.newContext();
  const shop = await ctx.newPage();
  await shop.goto(`${server.url}/webchat/demo`);
  await startChat(shop);
  await accept(page, 'Carol Diaz');
  await widgetBox(shop).fill(EMOJI_600);
  // The widget shows its counter from 80% of the limit on; its text is what it counted.
  await expect(shop.locator('[data-parley-webchat]').locator('#pw-count')).toHaveText('600 / 1000');
  await expect(widgetBox(shop)).toHaveAttribute('aria-invalid', 'false');
  await expect(shop.getByRole('button', { name: 'Send' })).toBeEnabled();
  await widgetBox(shop).fill('y'.repeat(1001));
  await expect(shop.getByText('Your message is too long. The limit is 1000 characters. Remove 1 character.')).toBeVisible();
  await widgetBox(shop).fill('y'.repeat(1002));
  await expect(shop.getByText('Your message is too long. The limit is 1000 characters. Remove 2 characters.')).toBeVisible();
  // 600 emoji are within the server's limit too: the message arrives.
  await widgetBox(shop).fill(EMOJI_600);
  await widgetBox(shop).press('Enter');
  await expect(page.getByRole('log', { name: 'Messages' }).getByText(EMOJI_600)).toBeVisible();
  await ctx.close();
});

test('a browser set to Chinese gets the Chinese widget when the page has no data-lang', async ({ browser, server }) => {
  const ctx = await browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/webchat/demo`);
  await page.getByRole('button', { name: '打开聊天' }).click();
  await expect(page.getByRole('button', { name: '开始聊天' })).toBeVisible();
  await ctx.close();
});

test.describe('a long chat', () => {
  // The thread is written in one burst, past the per-chat message rate (10, then 1 a second).
  test.use({ serverEnv: { PARLEY_MESSAGE_BURST: '1000' } });

  test('a reloaded 600-message chat loads older messages on scrolling up, keeping the place', async ({ page, server }) => {
    const agent = await availableAgent(server.url, 'agent1');
    await page.goto(`${server.url}/webchat/demo`);
    await startChat(page);
    await acceptNext(agent);
    const c = await widgetSessionClient(page, server.url);
    let last = '';
    for (let i = 1; i <= 600; i++) last = c.sendMessage(`Line ${String(i).padStart(3, '0')}`);
    await c.waitFor((f: WebchatServerFrame) => f.type === 'ack' && f.clientId === last, 60_000);
    await c.close();

    await page.reload();
    const thread = log(page);
    await expect(thread.getByText('Line 600', { exact: true })).toBeVisible();
    await expect(thread.getByText('Line 001', { exact: true })).toHaveCount(0);
    const rows = thread.locator('.msg');
    const before = await rows.count();

    // Scroll to the top: an older page arrives above, and the row that was on top stays in view.
    const topRow = rows.first();
    const topText = (await topRow.locator('.bubble').textContent()) ?? '';
    await thread.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => rows.count()).toBeGreaterThan(before);
    const kept = thread.locator('.msg').filter({ has: page.getByText(topText, { exact: true }) });
    await expect(kept).toBeInViewport();

    // Keep scrolling up until the very first message.
    await expect
      .poll(async () => {
        await thread.evaluate((el) => (el.scrollTop = 0));
        return thread.getByText('Line 001', { exact: true }).count();
      }, { timeout: 30_000 })
      .toBe(1);
  });
});
