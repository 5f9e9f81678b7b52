import { accept, agentPage, composer, expectAccessible, offerCard, shot, task, thread } from './desktop-helpers';
import { customerSays, expect, onPhone, type SimCustomer, test, wrapUp } from './channel-helpers';

/** An SMS customer, through the provider simulator (Twilio), and agents on the Desktop (issue 8 point 10). */

const sam: SimCustomer = { channel: 'sms', id: '+14155550123', name: 'Sam' };

test('SMS: offer facts, the segments line while typing, a delivered reply, transfer, end and wrap-up', async ({ browser, server, sim }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  await customerSays(sim, sam, 'Is my appointment still on?');

  // SPEC F1: queue, the customer's phone, the number they texted and its kind, timer.
  const card = offerCard(a1, sam.id);
  await expect(card.locator('dt')).toHaveText(['Queue name', 'Phone number', 'Source number', 'Timer']);
  await expect(card.locator('dd')).toContainText(['Text Messages', sam.id, '+15005550006']);
  await expect(card).toContainText('long code');
  await expectAccessible(a1);
  await accept(a1, sam.id);
  await expect(thread(a1)).toContainText('Is my appointment still on?');

  // The segments line follows the text: GSM-7 up to 160 characters, UCS-2 once an emoji is in.
  const segments = a1.getByTestId('sms-segments');
  await composer(a1).fill('Yes, tomorrow at 10');
  await expect(segments).toHaveText('1 segment · GSM-7');
  await composer(a1).fill('a'.repeat(161));
  await expect(segments).toHaveText('2 segments · GSM-7');
  await composer(a1).fill('Yes, tomorrow at 10 🙂');
  await expect(segments).toHaveText('1 segment · UCS-2');
  await composer(a1).fill('Yes, tomorrow at 10 🙂'.repeat(4));
  await expect(segments).toHaveText('2 segments · UCS-2');
  await shot(a1, 'sms-segments');

  // Twilio's status callbacks held back at the gate: Sent (queued at Twilio) until the delivered callback.
  sim.webhooks.hold();
  await composer(a1).fill('Yes, tomorrow at 10 🙂');
  await composer(a1).press('Enter');
  const mine = thread(a1).locator('.msg-out').filter({ hasText: 'Yes, tomorrow at 10 🙂' });
  await expect(mine.getByRole('img', { name: 'Sent' })).toHaveText('✓');
  sim.webhooks.release();
  await expect(mine.getByRole('img', { name: 'Delivered' })).toHaveText('✓✓');
  expect((await onPhone(sim, sam, 'Yes, tomorrow at 10 🙂')).status).toBe('delivered');

  // Transfer to another agent; the first one wraps up with one reason (SMS takes one).
  const a2 = await agentPage(browser, server.url, 'agent2');
  await a1.getByRole('button', { name: 'Transfer', exact: true }).click();
  const transfer = a1.getByRole('dialog', { name: 'Transfer request' });
  await expect(transfer.getByRole('radio', { name: 'Text Billing' })).toBeVisible();
  await expect(transfer.getByRole('radio', { name: 'WhatsApp', exact: true })).toHaveCount(0);
  await transfer.getByRole('radio', { name: 'Agent', exact: true }).check();
  await transfer.getByRole('radio', { name: 'Agent Two' }).check();
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await wrapUp(a1, ['Resolved']);
  await expect(task(a1, sam.id)).toHaveCount(0);
  await expect(offerCard(a2, sam.id)).toContainText('Transfer from Agent One');
  await accept(a2, sam.id);
  await expect(thread(a2)).toContainText('Yes, tomorrow at 10 🙂');

  await customerSays(sim, sam, 'Great, thanks');
  await expect(thread(a2)).toContainText('Great, thanks');
  // SMS has no end signal from the customer: the agent ends.
  await expect(a2.getByTestId('pane-status')).toHaveCount(0);
  await a2.getByRole('button', { name: 'End', exact: true }).click();
  await wrapUp(a2, ['Resolved']);
  await expect(task(a2, sam.id)).toHaveCount(0);
});
