import { startServer } from '../packages/testkit/src/index';
import { accept, customer, expect, expectAccessible, setAvailable, shot, signIn, test, thread } from './desktop-helpers';

test('connection banner: server stops → banner with Refresh; restart on the same data → resumes and shows what happened meanwhile', async ({
  page,
  server,
  serverConfig,
}) => {
  test.setTimeout(120_000);
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

  const again = await startServer({ port: server.port, dataDir: server.dataDir, config: serverConfig });
  try {
    // Things happen before the Desktop reconnects: the customer writes, a new customer arrives.
    await jane.connect();
    await jane.say('Written while you were away');
    const bob = await customer(again.url, 'Bob Stone');
    await bob.say('New here');
    await banner.getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect(banner).toHaveCount(0, { timeout: 15_000 });
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
