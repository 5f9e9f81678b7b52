import type { Locator, Page } from '@playwright/test';
import { AgentClient, CustomerClient, startServer } from '../packages/testkit/src/index';
import { accept, composer, customer, expect, offerCard, setAvailable, shot, signIn, task, test, thread } from './desktop-helpers';

/** The Agent Desktop defects a new user hit, each reproduced in Chromium (hardening issue, point 7). */

const help = (page: Page) => page.getByRole('dialog', { name: 'Keyboard shortcuts' });
const sendButton = (page: Page) => page.getByRole('button', { name: 'Send', exact: true });

test('Accept, by click or Alt+A, puts the cursor in the reply box: what the agent types next lands there', async ({ page, server }) => {
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Hello?');
  // Typing straight after the click, while the accept is still on its way to the server.
  await offerCard(page, 'Jane Doe').getByRole('button', { name: 'Accept', exact: true }).click();
  await page.keyboard.type('?hello');
  await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
  await expect(composer(page)).toBeFocused();
  await expect(composer(page)).toHaveValue('?hello');
  await expect(help(page)).toHaveCount(0);
  // Once there, typing goes on in the reply box.
  await page.keyboard.type(' there');
  await expect(composer(page)).toHaveValue('?hello there');

  const bob = await customer(server.url, 'Bob Stone');
  await bob.say('Me too');
  await expect(offerCard(page, 'Bob Stone')).toBeVisible();
  await page.keyboard.press('Alt+KeyA');
  await page.keyboard.type('?hello');
  await expect(page.getByRole('heading', { level: 1, name: 'Bob Stone' })).toBeVisible();
  await expect(composer(page)).toBeFocused();
  await expect(composer(page)).toHaveValue('?hello');
  await expect(help(page)).toHaveCount(0);
  // Jane's draft is still hers.
  await task(page, 'Jane Doe').getByRole('button').click();
  await expect(composer(page)).toHaveValue('?hello there');
  await jane.close();
  await bob.close();
});

test('a new offer never covers the reply box or Send', async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Hi');
  await accept(page, 'Jane Doe');
  await composer(page).fill('Half a reply');
  const bob = await customer(server.url, 'Bob Stone');
  await bob.say('Hello');
  const card = offerCard(page, 'Bob Stone');
  await expect(card).toBeVisible();
  // Actionability includes "receives the click": a covered element fails these.
  await composer(page).click({ trial: true, timeout: 2000 });
  await sendButton(page).click({ trial: true, timeout: 2000 });
  for (const target of [composer(page), sendButton(page)]) expect(await isOnTop(target)).toBe(true);
  await shot(page, 'h1-offer-beside-the-reply-box');
  // The card itself is still complete and usable.
  await expect(card.getByRole('button', { name: 'Accept', exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Accept', exact: true }).click({ trial: true, timeout: 2000 });
  await jane.close();
  await bob.close();
});

test('Transfer: an Idle agent cannot be chosen; a queue\'s "N available" leaves out the transferring agent', async ({ page, server }) => {
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Billing please');
  await accept(page, 'Jane Doe');
  // Agent Two is signed in but Idle; Agent Three is Available (after Jane was routed to me).
  const two = await AgentClient.login(server.url, 'agent2');
  await two.connect();
  await two.call('PUT', '/api/me/state', { state: 'idle', idleReasonId: 'break' });
  const three = await AgentClient.login(server.url, 'agent3');
  await three.connect();
  await three.available();

  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  const dlg = page.getByRole('dialog', { name: 'Transfer request' });
  // Chat's members who can take it: me (not a target) and Agent Three.
  await expect(dlg.getByRole('radio', { name: /^Chat \d+ waiting/ })).toHaveAccessibleName(/· 1 available$/);
  await dlg.getByRole('radio', { name: 'Agent', exact: true }).check();
  await expect(dlg.getByRole('radio', { name: /Agent Three/ })).toBeEnabled();
  await expect(dlg.getByRole('radio', { name: /Agent Two/ })).toBeDisabled();
  await expect(dlg.locator('.option').filter({ hasText: 'Agent Two' })).toContainText('Idle');
  await jane.close();
  await two.close();
  await three.close();
});

test('a long e-mail address in the offer card and the task card wraps between its parts, never mid-word', async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const email = 'maximilian.featherstonehaugh@customer-services.example.com';
  const max = await CustomerClient.open(server.url, { name: 'Max Feather', site: 'web', email });
  await max.say('hi');
  for (const card of [offerCard(page, 'Max Feather'), task(page, 'Max Feather')]) {
    const dd = card.locator('dd').filter({ hasText: '@' });
    await expect(dd).toHaveText(email);
    const lines = await renderedLines(dd);
    expect(lines.length, 'the address is wider than the card').toBeGreaterThan(1);
    expect(lines.join('')).toBe(email);
    for (let i = 1; i < lines.length; i++) {
      const joint = `${lines[i - 1]?.slice(-1)}${lines[i]?.[0]}`;
      expect(joint, `break inside a word: ${lines.join(' | ')}`).not.toMatch(/^[A-Za-z0-9]{2}$/);
    }
  }
  await max.close();
});

test('the reply draft survives a reload; Send clears it', async ({ page, server }) => {
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Hi');
  await accept(page, 'Jane Doe');
  await composer(page).fill('A long answer, half written');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
  await expect(composer(page)).toHaveValue('A long answer, half written');

  await composer(page).press('Enter');
  await expect(thread(page)).toContainText('A long answer, half written');
  await expect(composer(page)).toHaveValue('');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
  await expect(composer(page)).toHaveValue('');
  await jane.close();
});

test('a message that failed while the server was down is sent again after reconnect, and delivered once', async ({ page, server, serverConfig }) => {
  test.setTimeout(120_000);
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Before the outage');
  await accept(page, 'Jane Doe');

  await server.stop();
  const banner = page.getByRole('alert').filter({ hasText: 'No connection detected' });
  await expect(banner).toBeVisible();
  await composer(page).fill('Written during the outage');
  await composer(page).press('Enter');
  const mine = page.locator('.msg-out').filter({ hasText: 'Written during the outage' });
  await expect(mine).toHaveAttribute('data-status', 'failed');

  const again = await startServer({ port: server.port, dataDir: server.dataDir, config: serverConfig });
  try {
    // The background retry reconnects by itself (backoff at most ~12.5 s).
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    await expect(mine).toHaveAttribute('data-status', /sent|delivered|read/, { timeout: 15_000 });
    await expect(thread(page).locator('.msg-out').filter({ hasText: 'Written during the outage' })).toHaveCount(1);
    // The customer's thread holds it exactly once.
    const snap = await jane.snapshot();
    expect(snap.status).toBe(200);
    expect(snap.body.messages.filter((m) => m.text === 'Written during the outage')).toHaveLength(1);
  } finally {
    await jane.close();
    await again.stop();
  }
});

test('"new message" toasts: none for the chat on screen, one for another chat', async ({ page, server }) => {
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('First');
  await accept(page, 'Jane Doe');
  const bob = await customer(server.url, 'Bob Stone');
  await bob.say('Second');
  await accept(page, 'Bob Stone');
  await task(page, 'Jane Doe').getByRole('button').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();

  await jane.say('Written in the open chat');
  await expect(thread(page)).toContainText('Written in the open chat');
  await bob.say('Written in the other chat');
  // Events arrive in order: once Bob's toast is there, Jane's would be too (checked at once, not
  // retried: toasts expire by themselves).
  await expect(page.locator('.toast').filter({ hasText: 'New message from Bob Stone' })).toBeVisible();
  expect(await page.locator('.toast').allTextContents()).not.toContainEqual(expect.stringContaining('New message from Jane Doe'));
  await jane.close();
  await bob.close();
});

test('a customer attachment is a plain link, without a list bullet', async ({ page, server }) => {
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  const up = await jane.upload('receipt.txt', 'text/plain', 'total 42');
  expect(up.status).toBe(200);
  await jane.say('here is my receipt', { attachmentIds: [up.body.id] });
  await accept(page, 'Jane Doe');
  const link = thread(page).getByRole('link', { name: 'receipt.txt' });
  await expect(link).toBeVisible();
  const item = thread(page).locator('.attachments li').first();
  expect(await item.evaluate((el) => getComputedStyle(el).listStyleType)).toBe('none');
  await jane.close();
});

test('the Desktop has a favicon: linked from the page and served as an image', async ({ page, server }) => {
  await page.goto(server.url);
  const href = (await page.locator('link[rel="icon"]').getAttribute('href')) ?? '';
  expect(href).not.toBe('');
  const url = new URL(href, page.url());
  expect(url.origin).toBe(new URL(server.url).origin);
  const res = await page.request.get(url.href);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^image\//);
});

/** Whether the element is what the page shows (and clicks) at its centre, i.e. nothing covers it. */
async function isOnTop(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === el || el.contains(hit));
  });
}

/** The element's text split into the lines the browser laid it out in. */
async function renderedLines(target: Locator): Promise<string[]> {
  return target.evaluate((el) => {
    const lines: string[] = [];
    let lastTop: number | null = null;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      text.split('').forEach((ch, i) => {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = Math.round(range.getClientRects()[0]?.top ?? 0);
        if (lastTop === null || Math.abs(top - lastTop) > 2) lines.push(ch);
        else lines[lines.length - 1] += ch;
        lastTop = top;
      });
    }
    return lines;
  });
}
