import nodemailer from 'nodemailer';
import type { Page } from '@playwright/test';
import type { DeskConfig } from '@parley/protocol';
import { startServer, startSmtpRelay, type SmtpRelay } from '../packages/testkit/src/index';
import { accept, composer, expectAccessible, setAvailable, shot, signIn, thread, customer as webchatCustomer } from './desktop-helpers';
import { channelConfig, customerSays, expect, onPhone, type SimCustomer, test as channelTest } from './channel-helpers';

/**
 * Templates on every channel, in the Desktop against one server and the provider simulator: a
 * system template with a fallback, a replaceable one (Send waits for its field), a locked one (read
 * only, sent as written) and, past WhatsApp's window, only the approved one (sent as a WhatsApp
 * template message). Email: the template replaces the editor's text.
 */

const MAILBOX = 'support@support.example.com';
const maria: SimCustomer = { channel: 'whatsapp', id: '16505551234', name: 'Maria Lopez' };
const lee: SimCustomer = { channel: 'messenger', id: '24681357902468', name: 'Lee Park' };
const sam: SimCustomer = { channel: 'sms', id: '+14155550123', name: 'Sam' };
const ALL = ['webchat', 'whatsapp', 'messenger', 'sms', 'email'];

const TEMPLATES = [
  { id: 'greet', name: 'Greeting', category: 'Greetings', channels: ALL, body: 'Hello {{customer.name|there}}, this is {{agent.name}} from {{queue.name}}.' },
  { id: 'order', name: 'Order update', category: 'Orders', channels: ALL, body: 'Your order {{param:order number}} has shipped.' },
  { id: 'close', name: 'Closing', category: 'Closing', channels: ALL, locked: true, body: 'Thank you for contacting {{entryPoint.name}}. Goodbye!' },
  { id: 'sales', name: 'Sales only', category: 'Orders', channels: ALL, queues: ['q-fb2', 'q-sms2', 'q-wa2'], body: 'Sales team here.' },
  {
    id: 'shipped',
    name: 'Shipped (approved)',
    category: 'Orders',
    channels: ['whatsapp'],
    body: 'Hi {{customer.name}}, order {{param:order}} is on its way.',
    providerTemplate: { name: 'order_shipped', language: 'en_US', category: 'UTILITY', header: { format: 'image', url: 'https://cdn.example.com/box.png' } },
  },
];

const test = channelTest.extend<{ relay: SmtpRelay }>({
  relay: async ({}, use) => {
    const relay = await startSmtpRelay();
    await use(relay);
    await relay.close();
  },
  server: async ({ sim, relay }, use) => {
    const base = channelConfig(sim.url, sim.webhooks.url);
    const mail = { id: 'mail', name: 'Support mail', channel: 'email', queue: 'q-email', settings: { address: MAILBOX, inbound: 'smtp', smtpHost: '127.0.0.1', smtpPort: relay.port, smtpSecure: false } };
    const server = await startServer({
      config: { ...base, entryPoints: [...base.entryPoints, mail], templates: TEMPLATES },
      // Port 0: the listener binds a free port and prints it (server.smtpPort).
      env: { PARLEY_SMTP_HOST: '127.0.0.1', PARLEY_SMTP_PORT: '0' },
    });
    sim.webhooks.target = server.url;
    await use(server);
    await server.stop();
  },
});

const picker = (page: Page) => page.getByRole('dialog', { name: 'Templates' });
const sendButton = (page: Page) => page.getByRole('button', { name: 'Send', exact: true });

/** Opens the picker with its shortcut, searches, and chooses the template by name. */
async function chooseTemplate(page: Page, search: string, name: string): Promise<void> {
  await composer(page).focus();
  await page.keyboard.press('Alt+P');
  await expect(picker(page)).toBeVisible();
  await picker(page).getByRole('searchbox', { name: 'Search templates' }).fill(search);
  await picker(page).getByRole('button', { name: new RegExp(name) }).click();
  await expect(picker(page)).toHaveCount(0);
}

async function openTask(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Task List' }).getByRole('listitem').filter({ hasText: name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('every template kind on every channel; past WhatsApp’s window only the approved one, sent as a template message', async ({ page, server, sim, relay }) => {
  test.setTimeout(180_000);
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);

  // Web chat: the picker by its button lists this queue's templates by category; the replaceable one gates Send.
  const jane = await webchatCustomer(server.url, 'Jane Doe');
  await accept(page, 'Jane Doe');
  await page.getByRole('button', { name: 'Templates' }).click();
  const groups = picker(page).getByRole('region');
  await expect(groups).toHaveCount(3);
  await expect(picker(page).getByRole('region', { name: 'Orders' }).getByRole('button')).toHaveText([/Order update/]); // not "Sales only": another queue
  // Keyboard: down from the search box walks the list.
  await picker(page).getByRole('searchbox', { name: 'Search templates' }).press('ArrowDown');
  await expect(picker(page).getByRole('button', { name: /Greeting/ })).toBeFocused();
  await expectAccessible(page);
  await shot(page, 'templates-picker');
  await page.keyboard.press('Escape');
  await chooseTemplate(page, 'shipped', 'Order update');
  await expect(sendButton(page)).toBeDisabled();
  await page.getByRole('textbox', { name: 'Template field: order number' }).fill('A-42');
  await expect(page.getByTestId('template-text')).toHaveText('Your order A-42 has shipped.');
  await sendButton(page).click();
  await jane.waitForFrame('message', (f) => f.message.text === 'Your order A-42 has shipped.');

  // WhatsApp: a system template with a fallback (no field: it goes into the box as text).
  await customerSays(sim, maria, 'Where is my parcel?');
  await accept(page, 'Maria Lopez');
  await chooseTemplate(page, 'greet', 'Greeting');
  await expect(composer(page)).toHaveValue('Hello Maria Lopez, this is Agent One from WhatsApp.');
  await composer(page).press('Enter');
  await onPhone(sim, maria, 'Hello Maria Lopez, this is Agent One from WhatsApp.');

  // Messenger: the replaceable template.
  await customerSays(sim, lee, 'Any news on my order?');
  await accept(page, 'Lee Park');
  await chooseTemplate(page, 'Orders', 'Order update');
  await expect(sendButton(page)).toBeDisabled();
  await page.getByRole('textbox', { name: 'Template field: order number' }).fill('M-7');
  await sendButton(page).click();
  await onPhone(sim, lee, 'Your order M-7 has shipped.');

  // SMS: the locked template is read only (nothing typed joins it), and goes exactly as written.
  await customerSays(sim, sam, 'Thanks, bye');
  await accept(page, sam.id);
  await chooseTemplate(page, 'goodbye', 'Closing');
  const locked = page.locator('.template-block[data-locked="true"]');
  await expect(locked).toContainText('Thank you for contacting Support number. Goodbye!');
  await expect(composer(page)).toHaveAttribute('readonly', '');
  await expectAccessible(page);
  await shot(page, 'templates-locked');
  // Removing it returns to free text; chosen again, it goes as written.
  await page.getByRole('button', { name: 'Remove template' }).click();
  await expect(locked).toHaveCount(0);
  await expect(composer(page)).not.toHaveAttribute('readonly', '');
  await chooseTemplate(page, 'goodbye', 'Closing');
  const posted = page.waitForRequest((r) => r.method() === 'POST' && /\/api\/conversations\/[^/]+\/messages$/.test(r.url()));
  await sendButton(page).click();
  // No text of its own: the server renders a locked template as it sends it.
  expect((await posted).postDataJSON()).toMatchObject({ text: '', template: { id: 'close', params: {}, locale: 'en' } });
  await onPhone(sim, sam, 'Thank you for contacting Support number. Goodbye!');
  await expect(composer(page)).not.toHaveAttribute('readonly', '');

  // Email: the template replaces the editor's text, and goes out in the reply.
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, secure: false, ignoreTLS: true, logger: false });
  await t.sendMail({ from: `Ann Smith <ann@customer.example>`, to: MAILBOX, subject: 'Lid', messageId: '<lid-9@customer.example>', text: 'Where is the lid?' });
  t.close();
  await accept(page, 'Ann Smith');
  const body = page.getByRole('textbox', { name: 'Email body' });
  await body.click();
  await page.keyboard.type('Some draft');
  // A template with a field to fill waits above the editor until it is filled, then replaces the text.
  await page.getByRole('button', { name: 'Templates' }).click();
  await picker(page).getByRole('button', { name: /Order update/ }).click();
  await expect(body).toHaveText('Some draft');
  await page.getByRole('textbox', { name: 'Template field: order number' }).fill('A-77');
  await expect(body).toHaveText('Your order A-77 has shipped.');
  await page.getByRole('button', { name: 'Templates' }).click();
  await picker(page).getByRole('button', { name: /Greeting/ }).click();
  await expect(body).toHaveText('Hello Ann Smith, this is Agent One from Email.');
  await sendButton(page).click();
  await expect.poll(() => relay.received.length, { message: 'the reply reached the relay' }).toBe(1);
  expect(relay.received[0]!.text).toContain('Hello Ann Smith, this is Agent One from Email.');
  // A locked template by email: the editor shows it read-only, and it goes out as written.
  await page.getByRole('button', { name: 'Templates' }).click();
  await picker(page).getByRole('button', { name: /Closing/ }).click();
  await expect(body).toHaveText('Thank you for contacting Support mail. Goodbye!');
  await expect(body).toHaveAttribute('contenteditable', 'false');
  await expect(page.getByText('This template is sent exactly as written.', { exact: false })).toBeVisible();
  await sendButton(page).click();
  await expect.poll(() => relay.received.length, { message: 'the locked reply reached the relay' }).toBe(2);
  expect(relay.received[1]!.text).toContain('Thank you for contacting Support mail. Goodbye!');
  await expect(body).toHaveAttribute('contenteditable', 'true');

  // Past WhatsApp's window (its 24 hours shown as 0 here; the server's own check is in the server
  // tests): only the approved template is offered, and it reaches the phone as a template message.
  await page.route('**/api/config', async (route) => {
    const res = await route.fetch();
    const config = (await res.json()) as DeskConfig;
    config.channels = config.channels.map((r) => (r.channel === 'whatsapp' ? { ...r, replyWindow: { hours: 0, outside: 'templates' } } : r));
    await route.fulfill({ response: res, json: config });
  });
  await page.reload();
  await openTask(page, 'Maria Lopez');
  await page.getByRole('button', { name: 'Choose a template' }).click();
  await expect(picker(page).locator('.template-item')).toHaveText([/Shipped \(approved\)/]);
  await picker(page).getByRole('button', { name: /Shipped/ }).click();
  await expect(sendButton(page)).toBeDisabled();
  await page.getByRole('textbox', { name: 'Template field: order' }).fill('A-42');
  await expect(page.getByTestId('template-text')).toHaveText('Hi Maria Lopez, order A-42 is on its way.');
  await sendButton(page).click();
  await onPhone(sim, maria, '[template order_shipped (en_US)] Maria Lopez · A-42');
  await expect(thread(page).getByText('Hi Maria Lopez, order A-42 is on its way.')).toBeVisible();
});
