import type { Page } from '@playwright/test';
import { accept, composer, customer, expect, expectAccessible, offerCard, setAvailable, shot, signIn, task, test, thread } from './desktop-helpers';

declare global {
  interface Window {
    __notes: { title: string; body?: string }[];
    __beeps: number;
    __unfocused: boolean;
  }
}

/** Records browser notifications and beeps; `window.__unfocused` simulates another window in front. */
async function instrument(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__notes = [];
    window.__beeps = 0;
    window.__unfocused = false;
    class FakeNotification {
      static permission = 'granted';
      static requestPermission() {
        return Promise.resolve('granted');
      }
      onclick: (() => void) | null = null;
      constructor(title: string, opts?: { body?: string }) {
        window.__notes.push({ title, body: opts?.body });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true, writable: true });
    const Real = window.AudioContext;
    class CountingAudioContext extends Real {
      override createOscillator() {
        window.__beeps += 1;
        return super.createOscillator();
      }
    }
    Object.defineProperty(window, 'AudioContext', { value: CountingAudioContext, configurable: true, writable: true });
    Object.defineProperty(document, 'hasFocus', { value: () => !window.__unfocused, configurable: true });
  });
}

test('notifications: toast when focused, browser notification + beep when not; switches are remembered', async ({ page, server }) => {
  await instrument(page);
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('hello');
  await expect(page.locator('.toast').filter({ hasText: 'New request: Jane Doe' })).toBeVisible();
  expect(await page.evaluate(() => window.__notes.length)).toBe(0);
  await accept(page, 'Jane Doe');

  await page.evaluate(() => (window.__unfocused = true));
  await jane.say('are you there?');
  await expect.poll(() => page.evaluate(() => window.__notes.map((n) => n.title))).toContain('New message from Jane Doe');
  await expect.poll(() => page.evaluate(() => window.__beeps)).toBeGreaterThan(0);

  // Switch sound and browser notifications off in Settings.
  await page.evaluate(() => (window.__unfocused = false));
  await page.getByRole('button', { name: 'Settings' }).click();
  const dlg = page.getByRole('dialog', { name: 'Settings' });
  await dlg.getByRole('checkbox', { name: /Sound/ }).uncheck();
  await dlg.getByRole('checkbox', { name: /Browser notifications/ }).uncheck();
  await expectAccessible(page);
  await shot(page, '14-settings');
  await dlg.getByRole('button', { name: 'Close' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('checkbox', { name: /Sound/ })).not.toBeChecked();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
  await page.evaluate(() => (window.__unfocused = true));
  await jane.say('one more');
  await expect(thread(page)).toContainText('one more');
  expect(await page.evaluate(() => [window.__notes.length, window.__beeps])).toEqual([0, 0]);
  await jane.close();
});

test('keyboard only: state, accept, send, next task, help, transfer, end and wrap-up', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('textbox', { name: 'Username' })).toBeFocused();
  await page.keyboard.type('agent1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('pw');
  await page.keyboard.press('Enter');
  const state = page.getByRole('combobox', { name: 'Agent state' });
  await expect(state).toBeVisible();
  await page.keyboard.press('Alt+KeyS');
  await expect(state).toBeFocused();
  await page.keyboard.press('Home');
  await expect(state).toHaveValue('available');

  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('first');
  await expect(offerCard(page, 'Jane Doe')).toBeVisible();
  await page.keyboard.press('Alt+KeyA');
  await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
  await page.keyboard.press('Alt+KeyM');
  await expect(composer(page)).toBeFocused();
  await page.keyboard.type('Typed with the keyboard');
  await page.keyboard.press('Enter');
  await jane.waitFor((f) => f.type === 'message' && f.message.text === 'Typed with the keyboard');

  const bob = await customer(server.url, 'Bob Stone');
  await bob.say('second');
  await expect(offerCard(page, 'Bob Stone')).toBeVisible();
  await page.keyboard.press('Alt+KeyA');
  await expect(page.getByRole('heading', { level: 1, name: 'Bob Stone' })).toBeVisible();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByRole('heading', { level: 1, name: 'Jane Doe' })).toBeVisible();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByRole('heading', { level: 1, name: 'Bob Stone' })).toBeVisible();

  // ? opens the help (not while typing).
  await page.keyboard.press('Alt+KeyM');
  await page.keyboard.press('Shift+Slash');
  await expect(composer(page)).toHaveValue('?');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Slash');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Alt+A');
  await expect(help).toContainText('Alt+T');
  await expectAccessible(page);
  await shot(page, '15-help');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // Alt+T opens the transfer dialog; Escape closes it.
  await page.keyboard.press('Alt+KeyT');
  await expect(page.getByRole('dialog', { name: 'Transfer request' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Transfer request' })).toHaveCount(0);

  // Alt+E ends; the wrap-up dialog opens with focus on its search; choose a reason and submit by keyboard.
  await page.keyboard.press('Alt+KeyE');
  const wrap = page.getByRole('dialog', { name: 'Wrap-up reasons' });
  await expect(wrap).toBeVisible();
  await expect(wrap.getByRole('searchbox')).toBeFocused(); // typing before focus lands would lose keys
  await page.keyboard.type('resol');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(wrap.getByRole('checkbox', { name: 'Resolved' })).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(wrap.getByRole('button', { name: 'Submit wrap-up' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(task(page, 'Bob Stone')).toHaveCount(0);
  await jane.close();
  await bob.close();
});

test('Chinese (zh-CN): wording from the user guide, remembered across reloads', async ({ page, server }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, server.url, 'agent1');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '任务列表' })).toBeVisible();
  await page.getByRole('combobox', { name: '座席状态' }).selectOption({ label: '可用' });
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('你好');
  await expect(page.getByRole('button', { name: '接受', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '接受', exact: true }).click();
  for (const name of ['转接', '会议', '结束']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: '发送', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '任务列表' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: '转接', exact: true }).click();
  const dlg = page.getByRole('dialog', { name: '转接请求' });
  await expect(dlg).toBeVisible();
  await expect(dlg.getByRole('button', { name: '刷新列表' })).toBeVisible();
  await expect(dlg.getByRole('radio', { name: '队列', exact: true })).toBeChecked();
  await expect(dlg.getByRole('radio', { name: '座席', exact: true })).toBeVisible();
  await shot(page, '16-zh-transfer');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '结束', exact: true }).click();
  const wrap = page.getByRole('dialog', { name: '话后处理原因' });
  await expect(wrap.getByRole('checkbox', { name: '已解决' })).toBeVisible();
  await expect(wrap.getByRole('button', { name: '提交话后处理' })).toBeVisible();
  await shot(page, '17-zh-wrapup');
  await jane.close();
});
