import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNTS, type RunningSimulator, startSimulator } from '../packages/simulator/src/index';
import { FakeParley } from '../packages/simulator/test/fake-parley';
import { expectAccessible } from './axe';

// The provider simulator's customer page, driven by keyboard and mouse, against a fake Parley.
let parley: FakeParley;
let sim: RunningSimulator;
const WA = DEMO_ACCOUNTS.whatsapp;

test.beforeEach(async () => {
  parley = await new FakeParley({ appSecret: DEMO_ACCOUNTS.meta.appSecret, verifyToken: DEMO_ACCOUNTS.meta.verifyToken, twilioAuthToken: DEMO_ACCOUNTS.sms.authToken }).start();
  sim = await startSimulator({ parley: { webhookBase: parley.url }, statusDelayMs: 0 });
});
test.afterEach(async () => {
  await sim.close();
  await parley.close();
});

test('a WhatsApp customer writes, sees the business reply with its status, taps a button and reads it', async ({ page }) => {
  await page.goto(sim.url);
  await page.getByLabel('Phone (digits)').fill('16505551234');
  await page.getByRole('button', { name: 'Use this customer' }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Where is my parcel?');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const [inbound] = await parley.waitFor((r) => r.path === '/webhooks/whatsapp');
  expect(inbound?.signatureOk).toBe(true);
  expect(inbound?.json.entry[0].changes[0].value.messages[0].text.body).toBe('Where is my parcel?');

  const reply = await fetch(`${sim.url}/v23.0/${WA.phoneNumberId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${WA.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      messaging_product: 'whatsapp', to: '16505551234', type: 'interactive',
      interactive: { type: 'button', body: { text: 'Did this solve it?' }, action: { buttons: [{ type: 'reply', reply: { id: 'csat_yes', title: 'Yes' } }] } },
    }),
  });
  expect(reply.status).toBe(200);
  const log = page.getByRole('log', { name: 'Messages with the business' });
  await expect(log.getByText('Did this solve it?')).toBeVisible();
  await expect(log.getByText('status: delivered')).toBeVisible();

  await log.getByRole('button', { name: 'Yes' }).click();
  const hooks = await parley.waitFor((r) => r.path === '/webhooks/whatsapp' && r.json.entry[0].changes[0].value.messages?.[0]?.type === 'interactive');
  expect(hooks[0]?.json.entry[0].changes[0].value.messages[0].interactive.button_reply).toEqual({ id: 'csat_yes', title: 'Yes' });

  await page.getByRole('button', { name: 'Mark as read' }).click();
  await expect(log.getByText('status: read')).toBeVisible();
  await expectAccessible(page);
});

test('failure switches are set from the page and change what the API answers', async ({ page }) => {
  await page.goto(sim.url);
  await page.getByLabel('SMS').check();
  await page.getByLabel('Customer opted out (21610)').check();
  await expect.poll(() => sim.state.failures.sms.optedOut).toBe(true);
  await page.getByLabel('Messenger').check();
  await page.getByLabel('Messaging window (10/2018278)').selectOption('24h');
  await expect.poll(() => sim.state.failures.messenger.window).toBe('24h');
  await page.getByRole('button', { name: "Check Parley's handshake" }).click();
  await expect(page.getByText('OK: Parley echoed the challenge (messenger).')).toBeVisible();
});
