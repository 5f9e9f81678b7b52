import type { Page } from '@playwright/test';
import { httpRequest } from '../packages/testkit/src/index';
import { accept, customer, expect, setAvailable, signIn, test, thread } from './desktop-helpers';

type DeskWindow = Window & typeof globalThis & { __sinceAhead?: boolean; __sockets: WebSocket[]; __frames: string[] };

/** Records the Desktop's event sockets and frame types; while `__sinceAhead`, resumes claim a seq the server never handed out. */
async function instrumentSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as DeskWindow;
    w.__sockets = [];
    w.__frames = [];
    const Native = WebSocket;
    w.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        const u = new URL(String(url));
        if (w.__sinceAhead) u.searchParams.set('since', '999999999');
        super(u, protocols);
        w.__sockets.push(this);
        this.addEventListener('message', (ev) => w.__frames.push(String(JSON.parse(String(ev.data)).type)));
      }
    };
  });
}

test('a Desktop resuming from a seq the server never handed out gets resync, reloads, and keeps receiving live events', async ({ page, server }) => {
  await instrumentSockets(page);
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await accept(page, 'Jane Doe');
  await jane.say('Before the reconnect');
  await expect(thread(page)).toContainText('Before the reconnect');

  // The next resume claims to be far ahead (as after a server reused numbers): the server must say resync.
  const reloaded = page.waitForResponse((r) => r.url().endsWith('/api/desk') && r.ok());
  await page.evaluate(() => {
    const w = window as DeskWindow;
    w.__sinceAhead = true;
    w.__sockets.at(-1)!.close();
  });
  await expect.poll(() => page.evaluate(() => (window as DeskWindow).__frames.includes('resync'))).toBe(true);
  await reloaded;
  await jane.say('After the resync');
  await expect(thread(page)).toContainText('After the resync');
  await jane.close();
});

test('signing out elsewhere (the same token) returns the Desktop to the sign-in page', async ({ page, server }) => {
  await signIn(page, server.url, 'agent1');
  const token = await page.evaluate(() => sessionStorage.getItem('parley.token') ?? '');
  expect(token).not.toBe('');
  const res = await httpRequest(server.url, 'POST', '/api/auth/logout', { token });
  expect(res.status).toBe(204);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
});
