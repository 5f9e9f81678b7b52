import type { Page } from '@playwright/test';
import { type RunningSimulator, startSimulator } from '../packages/simulator/src/index';
import { testConfig } from '../packages/testkit/src/index';
import { expectAccessible } from './axe';
import { expect, test as desktopTest, setAvailable, signIn } from './desktop-helpers';

/**
 * Email played through the provider simulator, as in `npm start`: the customer writes on the
 * simulator's page, which mails Parley's SMTP listener; the agent answers from the Desktop's email
 * pane, Parley relays it to the simulator's SMTP sink, and it shows in the customer's mailbox there;
 * the customer's Reply joins the same conversation.
 */
const MAILBOX = 'support@parley.example';

const test = desktopTest.extend<{ sim: RunningSimulator }>({
  // Started before the server, whose email entry point relays to its SMTP sink.
  sim: async ({}, use) => {
    const sim = await startSimulator({ parley: { webhookBase: 'http://127.0.0.1:9' }, accounts: { email: { address: MAILBOX } } });
    await use(sim);
    await sim.close();
  },
  serverConfig: async ({ sim }, use) => {
    const base = testConfig({ offerTimeoutSeconds: 30 });
    await use({
      ...base,
      entryPoints: [
        ...base.entryPoints,
        { id: 'mail', name: 'Support mail', channel: 'email', queue: 'q-email', settings: { address: MAILBOX, inbound: 'smtp', smtpHost: '127.0.0.1', smtpPort: sim.smtpPort, smtpSecure: false } },
      ] as typeof base.entryPoints,
    });
  },
  serverEnv: async ({}, use) => use({ PARLEY_SMTP_HOST: '127.0.0.1', PARLEY_SMTP_PORT: '0' }),
});

const mailbox = (simPage: Page) => simPage.getByRole('list', { name: 'Your mailbox' });

test('email through the simulator: the customer writes on its page, the agent replies, the customer’s Reply joins the conversation', async ({ page, server, sim, context }) => {
  test.setTimeout(120_000);
  sim.parley.smtp = { host: '127.0.0.1', port: server.smtpPort! };
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);

  // The customer, on the simulator's page.
  const simPage = await context.newPage();
  await simPage.goto(sim.url);
  await simPage.getByRole('radio', { name: 'Email' }).check();
  await simPage.getByLabel('Name').fill('Ann Smith');
  await simPage.getByLabel('Email address').fill('ann@customer.example');
  await simPage.getByRole('button', { name: 'Use this customer' }).click();
  await expect(simPage.getByText(`To ${MAILBOX}`)).toBeVisible();
  await simPage.getByRole('textbox', { name: 'Subject' }).fill('Broken lid');
  await simPage.getByRole('textbox', { name: 'Email body' }).fill('The lid of my teapot is broken.');
  await simPage.getByLabel('Attach a file (up to 5 MB)').setInputFiles({ name: 'order.txt', mimeType: 'text/plain', buffer: Buffer.from('Order 1234') });
  await simPage.getByRole('button', { name: 'Send email' }).click();
  const sent = mailbox(simPage).getByRole('article', { name: 'Sent: Broken lid' });
  await expect(sent.getByText('status: delivered')).toBeVisible();
  await expect(sent.getByText('📎 order.txt')).toBeVisible();

  // The agent gets the offer and answers from the email pane.
  const offer = page.getByRole('region', { name: 'Incoming requests' }).getByRole('article', { name: 'New Email request' });
  await expect(offer).toContainText('ann@customer.example');
  await offer.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ann Smith' })).toBeVisible();
  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'To', exact: true })).toHaveValue('ann@customer.example');
  await page.getByRole('textbox', { name: 'Email body' }).click();
  await page.keyboard.type('A new lid is on its way.');
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  // The reply reaches the customer's mailbox in the simulator, as text.
  const received = mailbox(simPage).getByRole('article', { name: /^Received: Re: Broken lid \[#P-[A-Z0-9]+\]$/ });
  await expect(received.getByText('A new lid is on its way.')).toBeVisible();
  await expect(received).toContainText(`From ${MAILBOX}`);
  await expect(received).not.toContainText('<p>');
  await expectAccessible(simPage);

  // The customer replies; Parley threads it into the same conversation.
  await received.getByRole('button', { name: /^Reply to Re: Broken lid/ }).click();
  await expect(simPage.getByRole('textbox', { name: 'Subject' })).toHaveValue(/^Re: Broken lid \[#P-[A-Z0-9]+\]$/);
  await simPage.getByRole('textbox', { name: 'Email body' }).fill('Thank you, it arrived!');
  await simPage.getByRole('button', { name: 'Send email' }).click();
  await expect(mailbox(simPage).getByRole('article', { name: /^Sent: Re: Broken lid/ }).getByText('status: delivered')).toBeVisible();

  const blocks = page.getByRole('log', { name: 'Messages' }).getByRole('article');
  await expect(blocks).toHaveCount(3);
  await expect(page.getByRole('log', { name: 'Messages' })).toContainText('Thank you, it arrived!');
  await expect(page.getByRole('navigation', { name: 'Task List' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Incoming requests' }).getByRole('article')).toHaveCount(0);
});
