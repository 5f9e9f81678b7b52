import { adminNav, auditRow, field, openAdmin, openKind, save } from './admin-helpers';
import { accept, customer, expect, offerCard, setAvailable, signIn, test } from './desktop-helpers';

/**
 * Issue 11: an admin creates a queue, an agent and an entry point in the browser; the new agent signs
 * in and gets an offer from a web chat customer of that entry point, without a restart; every change
 * is in the audit log (who, what, before/after), and a password never is.
 */
test('an admin creates an agent, a queue and an entry point; the new agent gets offers from it at once; the audit log shows each change', async ({ page, browser, server }) => {
  await openAdmin(page, server.url);
  await expect(page).toHaveURL(/#\/admin\/entry-points$/);

  await openKind(page, 'Agents');
  await page.getByRole('link', { name: 'New agent' }).click();
  await field(page, 'ID').fill('a-new');
  await field(page, 'Username').fill('nina');
  await field(page, 'Display name').fill('Nina New');
  await field(page, 'Password').fill('nina-secret-pw');
  await page.getByRole('group', { name: 'Capacity per channel' }).getByLabel('WebChat').fill('1');
  await save(page, 'Create');
  await expect(page.getByRole('heading', { level: 2, name: 'Agent a-new' })).toBeVisible();
  await expect(field(page, 'Password')).toHaveValue('');

  await openKind(page, 'Queues');
  await page.getByRole('link', { name: 'New queue' }).click();
  await field(page, 'ID').fill('q-vip');
  await field(page, 'Name').fill('VIP');
  await page.getByRole('group', { name: 'Member agents' }).getByLabel('Nina New').check();
  await save(page, 'Create');
  await expect(page.getByRole('heading', { level: 2, name: 'Queue q-vip' })).toBeVisible();

  await openKind(page, 'Entry points');
  await page.getByRole('link', { name: 'New entry point' }).click();
  await field(page, 'ID').fill('vip');
  await field(page, 'Name').fill('VIP site');
  await field(page, 'Queue').selectOption({ label: 'VIP' });
  await save(page, 'Create');

  // The new agent, in another browser, with no restart in between.
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const nina = await ctx.newPage();
  await signIn(nina, server.url, 'nina', 'nina-secret-pw');
  await setAvailable(nina);
  const vera = await customer(server.url, 'Vera Vip', 'vip');
  try {
    await expect(offerCard(nina, 'Vera Vip')).toBeVisible();
    await accept(nina, 'Vera Vip');
  } finally {
    vera.close();
    await ctx.close();
  }

  // An edit, then the audit log: who, what, and the fields before/after.
  await openKind(page, 'Queues');
  await page.getByRole('link', { name: 'q-vip', exact: true }).click();
  await field(page, 'Name').fill('VIP customers');
  await save(page);
  await openKind(page, 'Audit log');
  const updated = auditRow(page, 'Updated queue q-vip');
  await expect(updated).toContainText('Admin');
  await expect(updated).toContainText('name: before: VIP → after: VIP customers');
  for (const what of ['Created agent a-new', 'Created queue q-vip', 'Created entry point vip']) {
    await expect(auditRow(page, what)).toContainText('Admin');
  }
  await expect(auditRow(page, 'Created queue q-vip')).toContainText('agents: before: — → after: ["a-new"]');
  await expect(page.getByRole('main', { name: 'Admin' })).not.toContainText('nina-secret-pw');
  // Newest first.
  await expect(page.getByRole('rowheader').first()).toHaveText('Updated queue q-vip');
  // Filtered by kind.
  await page.getByLabel('Show changes to').selectOption({ label: 'agent' });
  await expect(page.getByRole('rowheader').first()).toHaveText('Created agent a-new');
  // The config file seeded the others at first start: its entries name it as the author.
  await expect(auditRow(page, 'Applied agent a1')).toContainText('Config file');
  await expect(adminNav(page).getByRole('link', { name: 'Audit log' })).toHaveAttribute('aria-current', 'page');
});
