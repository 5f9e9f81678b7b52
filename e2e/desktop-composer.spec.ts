import type { Route } from '@playwright/test';
import { accept, composer, customer, expect, expectAccessible, setAvailable, shot, signIn, task, test, thread } from './desktop-helpers';

test('composer: Enter/Shift+Enter, statuses pending → sent → read, failed + retry, limit, drafts per task', async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Hello there');
  await accept(page, 'Jane Doe');

  // Shift+Enter adds a line; Enter sends.
  const box = composer(page);
  await box.click();
  await box.pressSequentially('First line');
  await box.press('Shift+Enter');
  await box.pressSequentially('second line');
  await expect(box).toHaveValue('First line\nsecond line');
  // The customer sees the agent typing.
  await jane.waitFor((f) => f.type === 'typing' && f.typing === true);

  // Hold the POST so "pending" is visible, then let it through.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/conversations/*/messages', async (route: Route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    await held;
    return route.fallback();
  });
  await box.press('Enter');
  await expect(box).toHaveValue('');
  await jane.waitFor((f) => f.type === 'typing' && f.typing === false);
  const mine = page.locator('.msg-out').filter({ hasText: 'second line' });
  await expect(mine).toHaveAttribute('data-status', 'pending');
  await expect(mine).toContainText('Sending…');
  release();
  await expect(mine).toHaveAttribute('data-status', /sent|delivered/);
  const delivered = await jane.waitFor((f) => f.type === 'message' && f.message.text.includes('second line'));
  if (delivered.type !== 'message') throw new Error('no message');
  jane.send({ type: 'read', messageIds: [delivered.message.id] });
  await expect(mine).toHaveAttribute('data-status', 'read');
  await expect(mine).toContainText('Read');
  await page.unroute('**/api/conversations/*/messages');

  // A failed send shows the reason and a retry.
  await page.route('**/api/conversations/*/messages', (route: Route) =>
    route.request().method() === 'POST' ? route.abort('connectionrefused') : route.fallback(),
  );
  await box.fill('This one fails first');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const failed = page.locator('.msg-out').filter({ hasText: 'This one fails first' });
  await expect(failed).toHaveAttribute('data-status', 'failed');
  await expect(failed).toContainText('No connection');
  await shot(page, '05-failed-retry');
  await page.unroute('**/api/conversations/*/messages');
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(failed).toHaveAttribute('data-status', /sent|delivered/);
  await jane.waitFor((f) => f.type === 'message' && f.message.text === 'This one fails first');

  // Limit (1000 for web chat): Send disabled, red message says how many to remove.
  await box.fill('x'.repeat(1005));
  const send = page.getByRole('button', { name: 'Send', exact: true });
  await expect(send).toBeDisabled();
  const err = page.locator('.composer-error');
  await expect(err).toContainText('Remove 5 characters');
  expect(await err.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(180, 35, 24)');
  await shot(page, '06-too-long');
  await box.fill('x'.repeat(1000));
  await expect(send).toBeEnabled();
  await expect(err).toHaveCount(0);

  // Drafts survive switching tasks.
  await box.fill('Draft for Jane');
  const bob = await customer(server.url, 'Bob Stone');
  await bob.say('Me too');
  await accept(page, 'Bob Stone');
  await expect(composer(page)).toHaveValue('');
  await composer(page).fill('Draft for Bob');
  await task(page, 'Jane Doe').getByRole('button').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
  await expect(composer(page)).toHaveValue('Draft for Jane');
  await task(page, 'Bob Stone').getByRole('button').click();
  await expect(composer(page)).toHaveValue('Draft for Bob');

  // Unread badge for a message in the other conversation.
  await jane.say('Are you still there?');
  await expect(task(page, 'Jane Doe')).toContainText('1 new');
  await expectAccessible(page);
  await jane.close();
  await bob.close();
});

test('templates: system params filled, replaceable params gate Send, locked templates are read-only', async ({ page, server }) => {
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Where is my order?');
  await accept(page, 'Jane Doe');
  const box = composer(page);

  // Plain template with system parameters: inserted into the box, filled.
  await page.getByRole('button', { name: 'Templates' }).click();
  const picker = page.getByRole('dialog', { name: 'Templates' });
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('button')).toHaveCount(3);
  await picker.getByRole('button', { name: /Hello/ }).click();
  await expect(box).toHaveValue('Hello Jane Doe, I am Agent One.');
  await box.fill('');

  // Template with a replaceable parameter: Send is disabled until it is filled.
  await page.keyboard.press('Alt+KeyP');
  await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: /Order/ }).click();
  const send = page.getByRole('button', { name: 'Send', exact: true });
  await expect(send).toBeDisabled();
  await page.getByRole('textbox', { name: /Template field: order/ }).fill('A-42');
  await expect(page.getByTestId('template-text')).toHaveText('Order A-42 ships soon.');
  await expect(send).toBeEnabled();
  await send.click();
  await jane.waitFor((f) => f.type === 'message' && f.message.text === 'Order A-42 ships soon.');

  // Locked template: read-only text (not in the editable box), sent as is.
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: /Bye/ }).click();
  await expect(page.locator('.template-block[data-locked="true"]')).toContainText('Goodbye from Chat.');
  await expect(box).toHaveValue('');
  await shot(page, '07-locked-template');
  await expectAccessible(page);
  await send.click();
  await jane.waitFor((f) => f.type === 'message' && f.message.text === 'Goodbye from Chat.');
  await expect(thread(page)).toContainText('Goodbye from Chat.');
  await jane.close();
});
