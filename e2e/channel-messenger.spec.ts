import { accept, agentPage, composer, expectAccessible, offerCard, shot, task, thread } from './desktop-helpers';
import { customerReads, customerSays, customerSends, expect, onPhone, providerFails, type SimCustomer, test, wrapUp } from './channel-helpers';

/** A Messenger customer, through the provider simulator (Meta), and agents on the Desktop (issue 8 point 10). */

const lee: SimCustomer = { channel: 'messenger', id: '24681357902468', name: 'Lee Park' };
// The webhook names Lee by PSID only: Parley asks Graph for the profile's name.
const shown = lee.name;

test('Messenger: offer facts, a reply delivered then read, a reaction as a chip, transfer, conference, end and wrap-up', async ({ browser, server, sim }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  await customerSays(sim, lee, 'Do you ship to Canada?');

  // SPEC F1: queue name, source page, timer.
  const card = offerCard(a1, shown);
  await expect(card.locator('dt')).toHaveText(['Queue name', 'Source page', 'Timer']);
  await expect(card.locator('dd')).toContainText(['Facebook', 'Parley Page']);
  await expectAccessible(a1);
  await accept(a1, shown);
  await expect(thread(a1)).toContainText('Do you ship to Canada?');

  await composer(a1).fill('We do, in 5 to 7 days');
  await composer(a1).press('Enter');
  const mine = thread(a1).locator('.msg-out').filter({ hasText: 'We do, in 5 to 7 days' });
  await expect(mine.getByRole('img', { name: 'Delivered' })).toHaveText('✓✓');
  const onTheirs = await onPhone(sim, lee, 'We do, in 5 to 7 days');
  // The customer opens the chat: Messenger's read watermark covers the reply.
  await customerReads(sim, lee);
  await expect(mine.getByRole('img', { name: 'Read' })).toHaveText('✓✓');

  // A reaction is a chip on the message it reacts to, not a message of its own.
  const before = await thread(a1).locator('.msg').count();
  await customerSends(sim, lee, { kind: 'reaction', messageId: onTheirs.id, emoji: '❤️' });
  await expect(mine.getByRole('img', { name: 'Reaction ❤️ by customer' })).toBeVisible();
  await expect(thread(a1).locator('.msg')).toHaveCount(before);
  await expectAccessible(a1);
  await shot(a1, 'messenger-reaction');

  // Transfer to another agent; the first wraps up with one reason (Messenger takes one).
  const a2 = await agentPage(browser, server.url, 'agent2');
  await a1.getByRole('button', { name: 'Transfer', exact: true }).click();
  const transfer = a1.getByRole('dialog', { name: 'Transfer request' });
  await expect(transfer.getByRole('radio', { name: 'Facebook Sales' })).toBeVisible();
  await transfer.getByRole('radio', { name: 'Agent', exact: true }).check();
  await transfer.getByRole('radio', { name: 'Agent Two' }).check();
  await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
  await wrapUp(a1, ['Resolved']);
  await expect(task(a1, shown)).toHaveCount(0);
  await accept(a2, shown);

  // Conference with an agent (Messenger invites agents only), who then leaves.
  const a3 = await agentPage(browser, server.url, 'agent3');
  await a2.getByRole('button', { name: 'Conference', exact: true }).click();
  const conference = a2.getByRole('dialog', { name: 'Conference request' });
  await expect(conference.getByRole('radio', { name: 'Queue', exact: true })).toHaveCount(0);
  await conference.getByRole('radio', { name: 'Agent Three' }).check();
  await conference.getByRole('button', { name: 'Conference', exact: true }).click();
  await expect(offerCard(a3, shown)).toContainText('Conference invitation from Agent Two');
  await accept(a3, shown);
  await expect(a2.getByTestId('pane-status')).toHaveText(/^Conference/);
  await expect(a2.getByTestId('pane-status')).not.toContainText('requested');
  await customerSays(sim, lee, 'Thanks both!');
  await expect(thread(a3)).toContainText('Thanks both!');
  await a3.getByRole('button', { name: 'Exit conference' }).click();
  await wrapUp(a3, ['Resolved']);
  await expect(task(a3, shown)).toHaveCount(0);

  await a2.getByRole('button', { name: 'End', exact: true }).click();
  await wrapUp(a2, ['Follow-up needed']);
  await expect(task(a2, shown)).toHaveCount(0);
});

test("Messenger: when Graph doesn't answer the profile lookup, the message still comes in, named by PSID", async ({ browser, server, sim }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  await providerFails(sim, 'messenger', { outage: 'hang' });
  await customerSays(sim, lee, 'Anyone there?');
  await accept(a1, lee.id);
  await expect(thread(a1)).toContainText('Anyone there?');
});
