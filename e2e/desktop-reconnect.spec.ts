import { startServer } from '../packages/testkit/src/index';
import type { Page } from '@playwright/test';
import { accept, customer, expect, expectAccessible, setAvailable, shot, signIn, test, thread } from './desktop-helpers';

test('connection banner: server stops → banner with Refresh; restart on the same data → resumes and shows what happened meanwhile', async ({
  page,
  server,
  serverConfig,
}) => {
  test.setTimeout(120_000);
  await holdNetworkUntilRefresh(page);
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Before the outage');
  await accept(page, 'Jane Doe');
  await expect(thread(page)).toContainText('Before the outage');

  await server.stop();
  const banner = page.getByRole('alert').filter({ hasText: 'No connection detected. Trying to connect in the background.' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Refresh', exact: true })).toBeVisible();
  await expectAccessible(page);
  await shot(page, '12-offline-banner');
  // Refresh while the server is still down: the banner stays.
  await banner.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(banner).toBeVisible();

  // From here only a Refresh click can reach the server: the background retry cannot reconnect
  // first while the server restarts and the customers write.
  await page.evaluate(() => ((window as WindowWithNetworkSwitch).__deskNetworkOut = true));
  const again = await startServer({ port: server.port, dataDir: server.dataDir, config: serverConfig });
  try {
    // Things happen before the Desktop reconnects: the customer writes, a new customer arrives.
    await jane.connect();
    await jane.say('Written while you were away');
    const bob = await customer(again.url, 'Bob Stone');
    await bob.say('New here');
    await banner.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(banner).toHaveCount(0, { timeout: 15_000 });
    await page.evaluate(() => ((window as WindowWithNetworkSwitch).__deskNetworkOut = false));
    await expect(thread(page)).toContainText('Written while you were away');
    await expect(page.locator('.offer-card').filter({ hasText: 'Bob Stone' })).toBeVisible();
    await shot(page, '13-reconnected');

    // Background retry without Refresh: stop again briefly, restart, the banner goes away by itself.
    await again.stop();
    await expect(banner).toBeVisible();
    const third = await startServer({ port: server.port, dataDir: server.dataDir, config: serverConfig });
    try {
      await jane.connect();
      await jane.say('Second outage message');
      await expect(banner).toHaveCount(0, { timeout: 20_000 });
      await expect(thread(page)).toContainText('Second outage message');
    } finally {
      await jane.close();
      await bob.close();
      await third.stop();
    }
  } finally {
    await again.stop();
  }
});

type WindowWithNetworkSwitch = Window & typeof globalThis & { __deskNetworkOut?: boolean; __deskRefreshing?: boolean };

/**
 * While `window.__deskNetworkOut` is set, the Desktop's WebSockets go to a closed port (a refused
 * connection, as when the network is out) — except a socket opened by a Refresh click itself, so
 * only Refresh can reconnect and a background retry cannot win the race.
 */
async function holdNetworkUntilRefresh(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as WindowWithNetworkSwitch;
    const Native = WebSocket;
    w.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(w.__deskNetworkOut && !w.__deskRefreshing ? 'ws://127.0.0.1:9/' : url, protocols);
      }
    };
    document.addEventListener(
      'click',
      (e) => {
        const button = (e.target as Element | null)?.closest('button');
        if (button?.textContent?.trim() !== 'Refresh') return;
        w.__deskRefreshing = true; // for the click's own handlers only
        setTimeout(() => (w.__deskRefreshing = false));
      },
      true,
    );
  });
}
