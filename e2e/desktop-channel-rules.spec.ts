import type { Page } from '@playwright/test';
import type { ChannelRules, DeskConfig } from '@parley/protocol';
import { accept, composer, customer, expect, expectAccessible, offerCard, setAvailable, shot, signIn, test, thread } from './desktop-helpers';

/** The Desktop shows each channel as its rules say (web chat here; other channels' traffic comes with the pipeline). */

const fieldLabels = (page: Page, name: string) => offerCard(page, name).locator('dt');

/** Serves the real config with web chat's rules changed: what the Desktop shows must follow. */
/** `approved`: templates shown as approved by the provider (what WhatsApp takes past its window). */
async function overrideWebchatRules(page: Page, change: Partial<ChannelRules>, approved: string[] = []): Promise<void> {
  await page.route('**/api/config', async (route) => {
    const res = await route.fetch();
    const config = (await res.json()) as DeskConfig;
    config.channels = config.channels.map((r) => (r.channel === 'webchat' ? { ...r, ...change } : r));
    config.templates = config.templates.map((t) => (approved.includes(t.id) ? { ...t, providerTemplate: { name: t.id, language: 'en' } } : t));
    await route.fulfill({ response: res, json: config });
  });
}

test('web chat by its default rules: offer and pane fields, initials, no timestamps, ticks, emoji and formatting; viewed messages reported read', async ({ page, server }) => {
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  const hello = await jane.say('Hello there');
  await expect(fieldLabels(page, 'Jane Doe')).toHaveText(['Customer name', 'Email', 'Queue name', 'Timer']);

  const read = page.waitForRequest((r) => r.method() === 'POST' && /\/api\/conversations\/[^/]+\/read$/.test(r.url()));
  await accept(page, 'Jane Doe');
  // The open, visible thread reports the customer's message read (the server may not have the endpoint yet: 404 is fine).
  expect((await read).postDataJSON()).toEqual({ messageIds: [hello.id] });

  await expect(page.locator('.pane-facts dt')).toContainText(['Email']);
  const theirs = thread(page).locator('.msg-in').filter({ hasText: 'Hello there' });
  await expect(theirs.locator('.avatar')).toHaveText('JD');
  await expect(thread(page).locator('.msg time')).toHaveCount(0);
  // Every channel can carry emoji; web chat shows HTML, so the formatting toolbar is there too.
  await expect(page.getByRole('button', { name: 'Emoji' })).toHaveCount(1);
  await expect(page.getByRole('toolbar', { name: 'Formatting' })).toHaveCount(1);

  await composer(page).fill('How can I help?');
  await composer(page).press('Enter');
  const mine = thread(page).locator('.msg-out').filter({ hasText: 'How can I help?' });
  await expect(mine.getByRole('img', { name: /^(Sent|Delivered)$/ })).toBeVisible();
  const got = await jane.waitFor((f) => f.type === 'message' && f.message.text === 'How can I help?');
  if (got.type !== 'message') throw new Error('no message');
  jane.send({ type: 'read', messageIds: [got.message.id] });
  await expect(mine.getByRole('img', { name: 'Read' })).toHaveText('✓✓');
  await expectAccessible(page);

  // A send the server refuses (a closed reply window) fails with the server's own message.
  const refusal = 'More than 24 hours since the customer wrote: only an approved template can be sent';
  await page.route('**/api/conversations/*/messages', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 422, json: { error: { code: 'PARLEY_ERR_WINDOW_CLOSED', message: refusal } } })
      : route.fallback(),
  );
  await composer(page).fill('Are you still there?');
  await composer(page).press('Enter');
  const refused = thread(page).locator('.msg-out').filter({ hasText: 'Are you still there?' });
  await expect(refused).toHaveAttribute('data-status', 'failed');
  await expect(refused.getByRole('img', { name: `Failed: ${refusal}` })).toBeVisible();
  await expect(refused).toContainText(refusal);
  await page.unroute('**/api/conversations/*/messages');
  await shot(page, 'webchat-default-rules');
  await jane.close();
});

test('changed rules change the Desktop: offer fields, letter avatar, timestamps, UTF-16 counting, emoji picker', async ({ page, server }) => {
  await overrideWebchatRules(page, {
    offerFields: ['queue', 'customerName'],
    paneFields: [],
    customerAvatar: { kind: 'letter', letter: 'C' },
    messageTimestamps: true,
    emoji: true,
    textCounting: 'utf16',
    maxMessageLength: 12,
  });
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Hello there');
  await expect(fieldLabels(page, 'Jane Doe')).toHaveText(['Queue name', 'Customer name', 'Timer']);
  await accept(page, 'Jane Doe');
  await expect(page.locator('.pane-facts dt')).not.toContainText(['Email']);
  const theirs = thread(page).locator('.msg-in').filter({ hasText: 'Hello there' });
  await expect(theirs.locator('.avatar')).toHaveText('C');
  await expect(theirs.locator('time')).toHaveCount(1);

  // Emoji: the button opens a grid, arrows move, Enter inserts at the caret, the text keeps the focus.
  const box = composer(page);
  await box.fill('Hi there');
  await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(2, 2));
  await page.getByRole('button', { name: 'Emoji' }).click();
  const grid = page.getByRole('grid', { name: 'Choose an emoji' });
  await expect(grid).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(grid).toHaveCount(0);
  await expect(box).toHaveValue('Hi😃 there');
  await expect(box).toBeFocused();
  // Escape closes without inserting and gives the focus back to the button.
  await page.getByRole('button', { name: 'Emoji' }).click();
  await expect(grid).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(grid).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Emoji' })).toBeFocused();

  // UTF-16 counting: "Hi😃 there" is 10 units; two more emoji make 14 > 12.
  await expect(page.locator('.composer-bar .count')).toHaveText('10 / 12');
  await box.fill('Hi😃 there😃😃');
  await expect(page.locator('.composer-bar .count')).toHaveText('14 / 12');
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  await expect(page.locator('.composer-error')).toContainText('Remove 2 characters');
  await shot(page, 'webchat-changed-rules');
  await jane.close();
});

test('past the reply window with templates only (the WhatsApp rule): the note, the picker, a template alone can go', async ({ page, server }) => {
  // A 0-hour window has passed as soon as the customer wrote: the rule, not the channel, decides.
  await overrideWebchatRules(page, { replyWindow: { hours: 0, outside: 'templates' } }, ['hello']);
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Hello there');
  await accept(page, 'Jane Doe');
  await jane.say('Anyone?');
  const note = page.getByTestId('window-note');
  await expect(note).toContainText("More than 0 hours since the customer's last message: WebChat only allows an approved template.");
  const send = page.getByRole('button', { name: 'Send', exact: true });
  await composer(page).fill('Free text');
  await expect(send).toBeDisabled();
  await composer(page).fill('');

  // The note's button opens the picker, which offers only approved templates; the chosen one stays a template and can be sent.
  await note.getByRole('button', { name: 'Choose a template' }).click();
  const picker = page.getByRole('dialog', { name: 'Templates' });
  await expect(picker.getByRole('button', { name: /Order/ })).toHaveCount(0);
  await picker.getByRole('button', { name: /Hello/ }).click();
  await expect(page.getByTestId('template-text')).toHaveText('Hello Jane Doe, I am Agent One.');
  await expect(composer(page)).toHaveValue('');
  await expect(send).toBeEnabled();
  // Sent as the provider approved it: nothing typed can join it.
  await expect(composer(page)).toHaveAttribute('readonly', '');
  await send.click();
  await jane.waitFor((f) => f.type === 'message' && f.message.text === 'Hello Jane Doe, I am Agent One.');
  await shot(page, 'window-templates-only');
  await jane.close();
});

test('past the reply window with the HUMAN_AGENT tag: a note with the closing date, Send still on', async ({ page, server }) => {
  await overrideWebchatRules(page, { replyWindow: { hours: 0, outside: 'human_agent_tag', humanAgentHours: 168 } });
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Hello there');
  await accept(page, 'Jane Doe');
  await jane.say('Anyone?');
  await expect(page.getByTestId('window-note')).toContainText('replies are sent with the HUMAN_AGENT tag until');
  await composer(page).fill('Yes, here');
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
  await jane.close();
});

test('SMS counting: a live segments line, GSM-7 until a character outside it makes the text UCS-2', async ({ page, server }) => {
  await overrideWebchatRules(page, { textCounting: 'sms_segments', maxMessageLength: 1600 });
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Hello there');
  await accept(page, 'Jane Doe');
  const line = page.getByTestId('sms-segments');
  await composer(page).fill('a'.repeat(160));
  await expect(line).toHaveText('1 segment · GSM-7');
  await composer(page).fill('a'.repeat(161));
  await expect(line).toHaveText('2 segments · GSM-7');
  await composer(page).fill('Thanks 🙂');
  await expect(line).toHaveText('1 segment · UCS-2');
  await expect(page.locator('.composer-bar .count')).toHaveText('9 / 1600');
  await jane.close();
});
