import type { Page } from '@playwright/test';
import { accept, agentPage, composer, expectAccessible, shot, thread } from './desktop-helpers';
import { customerSays, expect, onPhone, type SimCustomer, test } from './channel-helpers';
import { hostPage, log, startChat, widgetBox } from './webchat-helpers';

/**
 * Issue 10 points 2 and 3: the agent formats with the toolbar and each channel's customer gets the
 * channel's rendering (WhatsApp markup, Messenger and SMS plain text, HTML in the web chat widget);
 * the emoji picker (search, Recent, keyboard) and the bundled emoji font.
 */

/** Selects `text` in the reply box, as an agent would with the mouse. */
async function select(page: Page, text: string): Promise<void> {
  await composer(page).evaluate((el: HTMLTextAreaElement, t: string) => {
    const at = el.value.indexOf(t);
    el.focus();
    el.setSelectionRange(at, at + t.length);
  }, text);
}

/** Types at the end of the reply box. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await composer(page).evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type(text);
}

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Formatting' });

/** Writes the same formatted reply with the toolbar buttons and shortcuts; returns the authored text. */
async function writeFormatted(page: Page): Promise<string> {
  await composer(page).fill('Your order is ready');
  await select(page, 'ready');
  await toolbar(page).getByRole('button', { name: 'Bold' }).click();
  await select(page, 'Your');
  await page.keyboard.press('Control+I');
  await typeAtEnd(page, 'See map');
  await select(page, 'map');
  await toolbar(page).getByRole('button', { name: 'Link' }).click();
  // The link's address is selected, ready to be typed over.
  await page.keyboard.type('https://ex.com/map');
  await typeAtEnd(page, 'Pick up at desk 4');
  await select(page, 'Pick up at desk 4');
  await toolbar(page).getByRole('button', { name: 'Bulleted list' }).click();
  const authored = '_Your_ order is **ready**\nSee [map](https://ex.com/map)\n- Pick up at desk 4';
  await expect(composer(page)).toHaveValue(authored);
  return authored;
}

const CASES: { who: SimCustomer; expected: string }[] = [
  { who: { channel: 'whatsapp', id: '16505551234', name: 'Maria Lopez' }, expected: '_Your_ order is *ready*\nSee map (https://ex.com/map)\n- Pick up at desk 4' },
  { who: { channel: 'messenger', id: '7001002003004005', name: 'Mark Lee' }, expected: 'Your order is ready\nSee map (https://ex.com/map)\n• Pick up at desk 4' },
];

for (const { who, expected } of CASES) {
  test(`${who.channel}: the toolbar formats, the preview shows the channel's rendering, the customer gets it`, async ({ browser, server, sim }) => {
    const a1 = await agentPage(browser, server.url, 'agent1');
    await customerSays(sim, who, 'Is my order ready?');
    await accept(a1, who.name);
    const names = await toolbar(a1).getByRole('button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
    expect(names).toEqual(['Bold', 'Italic', 'Strikethrough', 'Code', 'Bulleted list', 'Numbered list', 'Link']);
    const authored = await writeFormatted(a1);
    await expect(a1.getByTestId('format-preview')).toContainText(expected.split('\n')[1]!);
    await expectAccessible(a1);
    await shot(a1, `formatting-${who.channel}`);
    await composer(a1).press('Enter');
    await onPhone(sim, who, expected);
    // The agent's thread shows what they wrote, formatted.
    const mine = thread(a1).locator('.msg-out').last();
    await expect(mine.locator('strong')).toHaveText('ready');
    await expect(mine.getByRole('listitem')).toHaveText('Pick up at desk 4');
    await expect(composer(a1)).toHaveValue('');
    expect(authored).toContain('**ready**');
  });
}

test('SMS: no toolbar; markup typed by hand goes out as plain text; an emoji forces UCS-2 and the line says why', async ({ browser, server, sim }) => {
  const sam: SimCustomer = { channel: 'sms', id: '+14155550123', name: 'Sam' };
  const a1 = await agentPage(browser, server.url, 'agent1');
  await customerSays(sim, sam, 'Is my appointment still on?');
  await accept(a1, sam.id);
  await expect(toolbar(a1)).toHaveCount(0);
  await composer(a1).fill('Yes, **tomorrow** at 10 🙂\n- bring your card\n- see [the map](https://ex.com/map)');
  await expect(a1.getByTestId('sms-segments')).toHaveText('2 segments · UCS-2');
  await expect(a1.getByTestId('sms-ucs2')).toHaveText('UCS-2 because of 🙂: 70 characters per SMS instead of 160');
  await expect(a1.getByTestId('format-preview')).toContainText('Yes, tomorrow at 10 🙂');
  await composer(a1).press('Enter');
  await onPhone(sim, sam, 'Yes, tomorrow at 10 🙂\n- bring your card\n- see the map (https://ex.com/map)');
});

test('web chat: the widget shows the formatted reply as HTML (bold, list, a safe link); emoji picker and font', async ({ browser, server }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  const host = await hostPage(server.url);
  const customerPage = await (await browser.newContext()).newPage();
  await customerPage.goto(host.url);
  await startChat(customerPage, 'Carol Diaz');
  await widgetBox(customerPage).fill('Hello, is my order ready?');
  await widgetBox(customerPage).press('Enter');
  await accept(a1, 'Carol Diaz');

  // The toolbar is one tab stop before the text; arrows move along it; `?` lists its shortcuts.
  await composer(a1).focus();
  await a1.keyboard.press('Shift+Tab');
  await expect(toolbar(a1).getByRole('button', { name: 'Bold' })).toBeFocused();
  await a1.keyboard.press('ArrowRight');
  await expect(toolbar(a1).getByRole('button', { name: 'Italic' })).toBeFocused();
  await a1.keyboard.press('Shift+Slash');
  const help = a1.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('row', { name: /Bold \(in the message box\)/ })).toContainText('Ctrl/⌘+B');
  await expect(help.getByRole('row', { name: /Strikethrough/ })).toContainText('Ctrl/⌘+Shift+X');
  await a1.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await writeFormatted(a1);
  const preview = a1.getByTestId('format-preview');
  await expect(preview.locator('strong')).toHaveText('ready');
  await expect(preview.getByRole('link', { name: 'map' })).toHaveAttribute('href', 'https://ex.com/map');
  await composer(a1).press('Enter');

  const reply = log(customerPage).locator('.msg.agent .bubble').last();
  await expect(reply.locator('strong')).toHaveText('ready');
  await expect(reply.locator('em')).toHaveText('Your');
  await expect(reply.getByRole('listitem')).toHaveText('Pick up at desk 4');
  const link = reply.getByRole('link', { name: 'map' });
  await expect(link).toHaveAttribute('href', 'https://ex.com/map');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(reply).not.toContainText('**');

  // Emoji: search by name, Enter on the grid inserts at the caret and the text keeps the focus.
  await composer(a1).fill('Enjoy ');
  await a1.getByRole('button', { name: 'Emoji' }).click();
  const picker = a1.getByRole('dialog', { name: 'Emoji' });
  const grid = picker.getByRole('grid', { name: 'Choose an emoji' });
  await expect(grid.getByRole('button', { name: 'grinning face', exact: true })).toBeFocused();
  await a1.keyboard.type('pizza');
  await expect(picker.getByRole('searchbox', { name: 'Search emoji' })).toHaveValue('pizza');
  await expect(grid.getByRole('button', { name: 'pizza' })).toBeVisible();
  await a1.keyboard.press('ArrowDown');
  await expect(grid.getByRole('button').first()).toBeFocused();
  await expectAccessible(a1);
  await a1.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect(composer(a1)).toHaveValue('Enjoy 🍕');
  await expect(composer(a1)).toBeFocused();

  // Reopened: Recent comes first with the pizza; arrows move, Escape closes and the button has the focus.
  await a1.getByRole('button', { name: 'Emoji' }).click();
  const recent = grid.getByRole('rowgroup', { name: 'Recent' });
  await expect(recent.getByRole('button')).toHaveText(['🍕']);
  await expect(recent.getByRole('button', { name: 'pizza' })).toBeFocused();
  await a1.keyboard.press('ArrowDown');
  await expect(grid.getByRole('button', { name: 'grinning face', exact: true })).toBeFocused();
  await a1.keyboard.press('ArrowRight');
  await expect(grid.getByRole('button', { name: 'grinning face with big eyes' })).toBeFocused();
  await a1.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(a1.getByRole('button', { name: 'Emoji' })).toBeFocused();
  await shot(a1, 'emoji-picker');

  // The emoji font: a sent emoji has width in the thread and the bundled Noto Color Emoji face draws it.
  await composer(a1).press('Enter');
  const sent = thread(a1).locator('.msg-out').filter({ hasText: 'Enjoy 🍕' });
  await expect(sent).toBeVisible();
  const font = await a1.evaluate(async () => {
    await document.fonts.load('16px "Noto Color Emoji"', '🍕');
    // check() alone is true when no face matches at all: the bundled face must be there and loaded.
    const bundled = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Color Emoji' && f.status === 'loaded');
    return { ok: document.fonts.check('16px "Noto Color Emoji"', '🍕'), loaded: bundled.length, family: getComputedStyle(document.querySelector('.msg-out .msg-text') as Element).fontFamily };
  });
  expect(font.ok).toBe(true);
  expect(font.loaded).toBeGreaterThan(0);
  expect(font.family).toContain('Noto Color Emoji');
  const width = await sent.locator('.msg-text').evaluate((el) => {
    const r = document.createRange();
    const text = el.firstChild as Text;
    const at = text.data.indexOf('🍕');
    r.setStart(text, at);
    r.setEnd(text, at + 2);
    return r.getBoundingClientRect().width;
  });
  expect(width).toBeGreaterThan(0);
  await expect(log(customerPage).locator('.msg.agent .bubble').last()).toHaveText('Enjoy 🍕');
  await host.close();
});
