import { field, openAdmin, openKind } from './admin-helpers';
import { expect, test } from './desktop-helpers';

/** Forms check what they can before sending, tie each message to its field, and show what the server refuses. */

test('a form names each problem at its field and focuses the first; the server’s refusals show as an alert', async ({ page, server }) => {
  await openAdmin(page, server.url);
  await openKind(page, 'Queues');
  await page.getByRole('link', { name: 'New queue' }).click();
  await field(page, 'Offer timeout (seconds)').fill('0');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: '3 fields need attention.' })).toBeVisible();
  await expect(field(page, 'ID')).toBeFocused();
  await expect(field(page, 'ID')).toHaveAttribute('aria-invalid', 'true');
  await expect(field(page, 'ID')).toHaveAccessibleDescription(/Required\./);
  await expect(field(page, 'Name')).toHaveAccessibleDescription(/Required\./);
  await expect(field(page, 'Offer timeout (seconds)')).toHaveAccessibleDescription(/Enter a number greater than 0, at most 3600\./);

  // An id already used; business hours with a range the wrong way round and no message.
  await field(page, 'ID').fill('q-chat');
  await field(page, 'Name').fill('Another chat');
  await field(page, 'Offer timeout (seconds)').fill('20');
  await page.getByLabel('Open only during business hours').check();
  const monday = page.getByRole('group', { name: 'Monday' });
  await monday.getByLabel('From').fill('18:00');
  await monday.getByLabel('To').fill('09:00');
  await page.keyboard.press('Enter');
  await expect(field(page, 'ID')).toHaveAccessibleDescription(/This ID is already used\./);
  await expect(monday.getByLabel('From')).toHaveAccessibleDescription(/The end must be after the start\./);
  await expect(field(page, 'Out-of-hours message')).toHaveAccessibleDescription(/Write what customers are told out of hours\./);

  // A new agent needs a password.
  await openKind(page, 'Agents');
  await page.getByRole('link', { name: 'New agent' }).click();
  await field(page, 'ID').fill('a9');
  await field(page, 'Username').fill('agent1');
  await field(page, 'Display name').fill('Nine');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(field(page, 'Username')).toHaveAccessibleDescription(/Another agent has this username\./);
  await expect(field(page, 'Password')).toHaveAccessibleDescription(/A new agent needs a password\./);

  // What only the server knows: an unknown placeholder (400), shown next to the form.
  await openKind(page, 'Templates');
  await page.getByRole('link', { name: 'New template' }).click();
  await field(page, 'ID').fill('oops');
  await field(page, 'Name').fill('Oops');
  await field(page, 'Text').fill('Hello {{customer.shoeSize}}');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Not saved:');
  await expect(page.getByRole('alert')).toContainText('customer.shoeSize');
});

test('deleting a queue in use is refused with why; Escape closes the confirmation; deleting one not in use works', async ({ page, server }) => {
  await openAdmin(page, server.url);
  await openKind(page, 'Queues');
  await page.getByRole('link', { name: 'q-chat', exact: true }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete q-chat?' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Not saved: Queue "q-chat" is in use: routed to by entry points "web"');
  await expect(page.getByRole('heading', { level: 2, name: 'Queue q-chat' })).toBeVisible();

  // A team nobody uses goes.
  await openKind(page, 'Teams');
  await page.getByRole('link', { name: 'New team' }).click();
  await field(page, 'ID').fill('night');
  await field(page, 'Name').fill('Night shift');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Team night' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: 'Delete night?' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted night.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'night', exact: true })).toHaveCount(0);
});
