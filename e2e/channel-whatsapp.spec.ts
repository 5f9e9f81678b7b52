import { accept, agentPage, composer, expectAccessible, offerCard, shot, task, thread } from './desktop-helpers';
import { customerSays, expect, onPhone, phone, providerFails, type SimCustomer, test, wrapUp } from './channel-helpers';

/** WhatsApp customers, through the provider simulator, and agents on the Desktop (issue 8 point 10). */

const maria: SimCustomer = { channel: 'whatsapp', id: '16505551234', name: 'Maria Lopez' };

test('a customer writes from the simulator page: offer facts, letter C and times, read marks, ticks sent → delivered → read, an image preview', async ({ browser, server, sim }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  const customerPage = await (await browser.newContext()).newPage();
  await customerPage.goto(sim.url);
  await customerPage.getByLabel('Name').fill(maria.name);
  await customerPage.getByLabel('Phone (digits)').fill(maria.id);
  await customerPage.getByRole('button', { name: 'Use this customer' }).click();
  await customerPage.getByRole('textbox', { name: 'Message' }).fill('Hi, my parcel is late');
  await customerPage.getByRole('textbox', { name: 'Message' }).press('Enter');

  // SPEC F1: customer name, customer phone, the number they wrote to, queue, timer.
  const card = offerCard(a1, 'Maria Lopez');
  await expect(card.locator('dt')).toHaveText(['Customer name', 'Customer phone number', 'Source number', 'Queue name', 'Timer']);
  await expect(card.locator('dd')).toContainText(['Maria Lopez', '+16505551234', '+15550783881', 'WhatsApp']);
  await expectAccessible(a1);
  await accept(a1, 'Maria Lopez');
  await expect(a1.locator('.pane-facts')).toContainText('+15550783881');

  const theirs = thread(a1).locator('.msg-in').filter({ hasText: 'Hi, my parcel is late' });
  await expect(theirs.locator('.avatar')).toHaveText('C');
  await expect(theirs.locator('time')).toHaveCount(1);
  // The agent has seen it: Parley marks it read at WhatsApp (blue ticks on the customer's phone).
  await expect.poll(() => phone(sim, maria).find((e) => e.direction === 'in')?.status).toBe('read');

  // Receipts held back at the gate: the reply shows Sent until WhatsApp's delivered status arrives.
  sim.webhooks.hold();
  await composer(a1).fill('Sorry about that, let me check');
  await composer(a1).press('Enter');
  const mine = thread(a1).locator('.msg-out').filter({ hasText: 'Sorry about that, let me check' });
  await expect(mine.getByRole('img', { name: 'Sent' })).toHaveText('✓');
  await expect(mine.locator('time')).toHaveCount(1);
  sim.webhooks.release();
  await expect(mine.getByRole('img', { name: 'Delivered' })).toHaveText('✓✓');
  const log = customerPage.getByRole('log', { name: 'Messages with the business' });
  await expect(log.getByText('Sorry about that, let me check')).toBeVisible();
  expect((await onPhone(sim, maria, 'Sorry about that, let me check')).status).toBe('delivered');

  await customerPage.getByRole('button', { name: 'Mark as read' }).click();
  await expect(mine.getByRole('img', { name: 'Read' })).toHaveText('✓✓');
  await expect(mine).toHaveAttribute('data-status', 'read');

  await customerPage.getByRole('button', { name: 'Send an image' }).click();
  const picture = thread(a1).locator('.msg-in').getByRole('img').last();
  await expect(picture).toBeVisible();
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expectAccessible(a1);
  await shot(a1, 'whatsapp-chat');
});

test('transfer to an agent, conference with an agent and with a queue, end and wrap-up with several reasons', async ({ browser, server, sim }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  await customerSays(sim, maria, 'I need to change my order');
  await accept(a1, 'Maria Lopez');
  const a2 = await agentPage(browser, server.url, 'agent2');

  await a1.getByRole('button', { name: 'Transfer', exact: true }).click();
  const transfer = a1.getByRole('dialog', { name: 'Transfer request' });
  await transfer.getByRole('radio', { name: 'Agent', exact: true }).check();
  await transfer.getByRole('radio', { name: 'Agent Two' }).check();
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await wrapUp(a1, ['Resolved', 'Follow-up needed']);
  await expect(task(a1, 'Maria Lopez')).toHaveCount(0);
  await expect(offerCard(a2, 'Maria Lopez')).toContainText('Transfer from Agent One');
  await accept(a2, 'Maria Lopez');
  await expect(thread(a2)).toContainText('I need to change my order');
  await composer(a2).fill('Agent Two here, I have your order');
  await composer(a2).press('Enter');
  await onPhone(sim, maria, 'Agent Two here, I have your order');

  // Conference with an agent: Agent Three joins, then leaves; the chat goes on.
  const a3 = await agentPage(browser, server.url, 'agent3');
  await a2.getByRole('button', { name: 'Conference', exact: true }).click();
  const conference = a2.getByRole('dialog', { name: 'Conference request' });
  await conference.getByRole('radio', { name: 'Agent', exact: true }).check();
  await conference.getByRole('radio', { name: 'Agent Three' }).check();
  await conference.getByRole('button', { name: 'Conference', exact: true }).click();
  await expect(offerCard(a3, 'Maria Lopez')).toContainText('Conference invitation from Agent Two');
  await accept(a3, 'Maria Lopez');
  await expect(a2.getByTestId('pane-status')).toHaveText(/^Conference/);
  await expect(thread(a3)).toContainText('Agent Two here, I have your order');
  await a3.getByRole('button', { name: 'Exit conference' }).click();
  await wrapUp(a3, ['Resolved']);
  await a3.getByRole('combobox', { name: 'Agent state' }).selectOption('idle:break');

  // Conference with a queue: the request waits there and is offered to its available agent.
  await a2.getByRole('button', { name: 'Conference', exact: true }).click();
  await conference.getByRole('radio', { name: 'Queue', exact: true }).check();
  await conference.getByRole('radio', { name: 'WhatsApp Experts' }).check();
  await conference.getByRole('button', { name: 'Conference', exact: true }).click();
  await expect(offerCard(a1, 'Maria Lopez')).toBeVisible();
  await accept(a1, 'Maria Lopez');
  await expect(a2.getByTestId('pane-status')).toHaveText(/^Conference/);
  await expect(a2.getByTestId('pane-status')).not.toContainText('requested');
  await shot(a2, 'whatsapp-conference');

  // The owner ends the conference, which ends the conversation (SPEC F6): both wrap up with several reasons.
  await a2.getByRole('button', { name: 'End conference' }).click();
  await wrapUp(a1, ['Resolved', 'Spam']);
  await wrapUp(a2, ['Resolved', 'Follow-up needed']);
  await expect(task(a2, 'Maria Lopez')).toHaveCount(0);
  await expect(task(a1, 'Maria Lopez')).toHaveCount(0);
});

test("past WhatsApp's 24-hour window the reply fails with the provider's 131047 reason, even when that beats the send's answer", async ({ browser, server, sim }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  await customerSays(sim, maria, 'Hello?');
  await accept(a1, 'Maria Lopez');
  await providerFails(sim, 'whatsapp', { window: 'status' });
  const reply = thread(a1).locator('.msg-out').filter({ hasText: 'Are you still there?' });
  // A fast provider: the failed status reaches the Desktop before the answer to the agent's send.
  const sends = '**/api/conversations/*/messages';
  await a1.route(sends, async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    const answer = await route.fetch();
    await expect(reply).toHaveAttribute('data-status', 'failed');
    await route.fulfill({ response: answer });
  });
  const answered = a1.waitForResponse((r) => r.request().method() === 'POST' && /\/messages$/.test(r.url()));
  await composer(a1).fill('Are you still there?');
  await composer(a1).press('Enter');
  await (await answered).finished();
  await a1.unroute(sends);
  // Anything the Desktop hears after the answer comes after it was handled: the failure must still show.
  await customerSays(sim, maria, 'Hello again');
  await expect(thread(a1)).toContainText('Hello again');
  await expect(reply).toHaveAttribute('data-status', 'failed');
  await expect(reply.getByRole('img', { name: /^Failed: .*131047/ })).toBeVisible();
  await expect(reply).toContainText('131047');
  await expectAccessible(a1);
  await shot(a1, 'whatsapp-window-failed');
  await a1.getByRole('button', { name: 'End', exact: true }).click();
  await wrapUp(a1, ['Follow-up needed', 'Spam']);
  await expect(task(a1, 'Maria Lopez')).toHaveCount(0);
});
