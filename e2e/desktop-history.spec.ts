import { AgentClient, CustomerClient } from '../packages/testkit/src/index';
import { accept, expect, expectAccessible, offerCard, setAvailable, shot, signIn, test, thread } from './desktop-helpers';

/** A returning customer: the agent handling their second chat sees the first one above the thread. */
test('a returning customer: "Earlier conversations" shows the first chat\'s messages, read-only', async ({ page, server }) => {
  const email = 'dana.returning@example.com';
  // The first chat, handled by Agent Two through the API before Agent One is available.
  const a2 = await AgentClient.login(server.url, 'agent2');
  await a2.connect();
  await a2.available();
  const first = await CustomerClient.open(server.url, { name: 'Dana Returning', email });
  await first.say('My parcel never came');
  await a2.waitFor((e) => e.type === 'offer.created' && e.offer.conversationId === first.conversationId);
  const { createdAt } = await a2.accept(first.conversationId);
  await a2.sendMessage(first.conversationId, 'Sorry about that, a new one is on its way');
  await a2.end(first.conversationId);
  await a2.wrapup(first.conversationId, ['resolved']);
  await a2.setState('idle', 'break');
  await first.close();

  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const second = await CustomerClient.open(server.url, { name: 'Dana Returning', email });
  await second.say('It came broken this time');
  await expect(offerCard(page, 'Dana Returning')).toBeVisible();
  await accept(page, 'Dana Returning');
  await expect(thread(page)).toContainText('It came broken this time');

  const toggle = page.getByRole('button', { name: 'Earlier conversations (1)' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByText('My parcel never came')).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  const date = await page.evaluate((at) => new Date(at).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' }), createdAt);
  const block = page.getByRole('region', { name: date });
  await expect(block).toContainText('My parcel never came');
  await expect(block).toContainText('Sorry about that, a new one is on its way');
  await expect(block).toContainText('Handled by Agent Two');
  // Earlier messages are not part of the current thread.
  await expect(thread(page)).not.toContainText('My parcel never came');
  await expectAccessible(page);
  await shot(page, 'history-expanded');

  await toggle.click();
  await expect(block).toBeHidden();
  await second.close();
  await a2.close();
});

test('"Show older" pages through a long history, five conversations at a time', async ({ page, server }) => {
  const email = 'olga.often@example.com';
  const a2 = await AgentClient.login(server.url, 'agent2');
  await a2.connect();
  await a2.available();
  for (let i = 1; i <= 6; i++) {
    const c = await CustomerClient.open(server.url, { name: 'Olga Often', email });
    await c.say(`Visit number ${i}`);
    await a2.waitFor((e) => e.type === 'offer.created' && e.offer.conversationId === c.conversationId);
    await a2.accept(c.conversationId);
    await a2.end(c.conversationId);
    await a2.wrapup(c.conversationId, ['resolved']);
    await c.close();
  }
  await a2.setState('idle', 'break');

  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const now = await CustomerClient.open(server.url, { name: 'Olga Often', email });
  await now.say('Visit number 7');
  await expect(offerCard(page, 'Olga Often')).toBeVisible();
  await accept(page, 'Olga Often');

  await page.getByRole('button', { name: 'Earlier conversations (6)' }).click();
  const history = page.getByTestId('history');
  const blocks = history.locator('.history-block');
  await expect(blocks).toHaveCount(5);
  // The oldest shown at the top, the newest just above the current thread.
  await expect(blocks.first()).toContainText('Visit number 2');
  await expect(blocks.last()).toContainText('Visit number 6');
  // Opened at the bottom: the conversation just before this one is in view.
  await expect(blocks.last()).toBeInViewport();
  await history.getByRole('button', { name: 'Show older' }).click();
  await expect(blocks).toHaveCount(6);
  await expect(blocks.first()).toContainText('Visit number 1');
  await expect(history.getByRole('button', { name: 'Show older' })).toHaveCount(0);
  await expectAccessible(page);
  await now.close();
  await a2.close();
});
