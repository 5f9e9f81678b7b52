import { startServer } from '../packages/testkit/src/index';
import { field, openAdmin, openKind, save } from './admin-helpers';
import { expect, signIn, test } from './desktop-helpers';

const rowOf = (page: import('@playwright/test').Page, id: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: id, exact: true }) });

/** An admin's edits live in the database: a restart with the same config file does not undo them. */
test('edits made in the admin area survive a restart on the same data with the same config file', async ({ page, browser, server, serverConfig }) => {
  await openAdmin(page, server.url);
  await openKind(page, 'Queues');
  await page.getByRole('link', { name: 'q-chat', exact: true }).click();
  await field(page, 'Name').fill('Chat (edited)');
  await field(page, 'Offer timeout (seconds)').fill('45');
  await save(page);
  await openKind(page, 'Idle reasons');
  await page.getByRole('link', { name: 'break', exact: true }).click();
  await field(page, 'Label').fill('Coffee break');
  await save(page);
  await openKind(page, 'Agents');
  await page.getByRole('link', { name: 'a1', exact: true }).click();
  await field(page, 'Password').fill('changed-pw');
  await save(page);

  await server.stop();
  const again = await startServer({ config: serverConfig, dataDir: server.dataDir });
  try {
    await openAdmin(page, again.url);
    await openKind(page, 'Queues');
    await expect(rowOf(page, 'q-chat')).toContainText('Chat (edited)');
    await page.getByRole('link', { name: 'q-chat', exact: true }).click();
    await expect(field(page, 'Offer timeout (seconds)')).toHaveValue('45');
    await openKind(page, 'Idle reasons');
    await expect(rowOf(page, 'break')).toContainText('Coffee break');

    // The changed password is the one that works, not the config file's.
    const ctx = await browser.newContext();
    try {
      const agent = await ctx.newPage();
      await signIn(agent, again.url, 'agent1', 'changed-pw');
    } finally {
      await ctx.close();
    }
  } finally {
    await again.stop();
  }
});
