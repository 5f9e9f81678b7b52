import { auditRow, field, openAdmin, openKind, save } from './admin-helpers';
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

test('business hours set in the queue form are saved, read back, and audited', async ({ page, server }) => {
  await openAdmin(page, server.url);
  await openKind(page, 'Queues');
  await page.getByRole('link', { name: 'q-chat2', exact: true }).click();
  await page.getByLabel('Open only during business hours').check();
  await field(page, 'Time zone').selectOption('Europe/Paris');
  const friday = page.getByRole('group', { name: 'Friday' });
  await friday.getByRole('button', { name: 'Remove these hours on Friday' }).click();
  await page.getByRole('button', { name: 'Add hours on Saturday' }).click();
  const saturday = page.getByRole('group', { name: 'Saturday' });
  await saturday.getByLabel('From').fill('10:00');
  await saturday.getByLabel('To').fill('24:00');
  await page.getByRole('button', { name: 'Add a closed date' }).click();
  await field(page, 'Closed on').fill('2026-12-25');
  await field(page, 'Out-of-hours message').fill('We are closed. We answer from 9:00.');
  await save(page);

  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Queue q-chat2' })).toBeVisible();
  await expect(page.getByLabel('Open only during business hours')).toBeChecked();
  await expect(field(page, 'Time zone')).toHaveValue('Europe/Paris');
  await expect(page.getByRole('group', { name: 'Friday' }).getByLabel('From')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Saturday' }).getByLabel('To')).toHaveValue('24:00');
  await expect(field(page, 'Closed on')).toHaveValue('2026-12-25');
  await expect(field(page, 'Out-of-hours message')).toHaveValue('We are closed. We answer from 9:00.');

  await openKind(page, 'Audit log');
  await expect(auditRow(page, 'Updated queue q-chat2')).toContainText('hours: before: — → after: {"timezone":"Europe/Paris"');
});

test('an entry point’s credentials are write-only: set once, shown only as set, kept when left empty, never in the audit log', async ({ page, server }) => {
  await openAdmin(page, server.url);
  await openKind(page, 'Entry points');
  await page.getByRole('link', { name: 'New entry point' }).click();
  await field(page, 'ID').fill('wa2');
  await field(page, 'Name').fill('WhatsApp line');
  await field(page, 'Channel').selectOption({ label: 'WhatsApp' });
  await expect(field(page, 'Queue')).toHaveValue('q-wa');
  const settings = page.getByRole('group', { name: 'WhatsApp settings' });
  await settings.getByLabel('wabaId').fill('1234');
  await settings.getByLabel('phoneNumberId').fill('5678');
  await settings.getByLabel('displayNumber').fill('555-0100');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(settings.getByLabel('displayNumber')).toHaveAccessibleDescription(/Not valid: The number customers see, E\.164\./);
  await expect(settings.getByLabel('accessToken')).toHaveAccessibleDescription(/Required\./);
  await settings.getByLabel('displayNumber').fill('+15550100');
  await settings.getByLabel('accessToken').fill('EAAG-very-secret-token');
  await save(page, 'Create');

  // Shown only as set; an edit that leaves it empty keeps it.
  const token = page.getByRole('group', { name: 'WhatsApp settings' }).getByLabel('accessToken');
  await expect(token).toHaveValue('');
  await expect(token).toHaveAttribute('type', 'password');
  await expect(token).toHaveAccessibleDescription(/Set \(literal\)\. Leave empty to keep it\./);
  await field(page, 'Name').fill('WhatsApp sales');
  await save(page);
  await expect(token).toHaveAccessibleDescription(/Set \(literal\)/);

  await openKind(page, 'Audit log');
  await expect(auditRow(page, 'Updated entry point wa2')).toContainText('name: before: WhatsApp line → after: WhatsApp sales');
  await expect(auditRow(page, 'Updated entry point wa2')).not.toContainText('accessToken');
  await expect(page.getByRole('main', { name: 'Admin' })).not.toContainText('EAAG-very-secret-token');
});
