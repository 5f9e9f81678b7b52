import { writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { type RunningSimulator, startSimulator } from '../packages/simulator/src/index';
import type { ChatEntry } from '../packages/simulator/src/state';
import { startServer, testConfig } from '../packages/testkit/src/index';
import { expect, test as desktopTest } from './desktop-helpers';
import { startWebhookGate, type WebhookGate } from './webhook-gate';

/**
 * Browser journeys on the messaging channels: a Parley server and the provider simulator (playing
 * Meta and Twilio) wired to each other, as `npm start` does (scripts/start.ts). The customer acts
 * through the simulator's API or page; the agent through the Desktop.
 */

const SIM = { whatsapp: '106540352242922', page: '1234567890', sms: '+15005550006' } as const;

/**
 * The test config plus one entry point per messaging channel on the simulator's demo accounts
 * (packages/simulator/src/config.ts), their queues, and the provider base URLs. `publicUrl` is where
 * the providers reach Parley (the webhook gate): Twilio signs inbound SMS over it and posts status
 * callbacks to it, as to a Parley behind a proxy.
 */
export function channelConfig(simulatorUrl: string, publicUrl: string) {
  const base = testConfig({ offerTimeoutSeconds: 30 });
  const queue = (id: string, name: string, channel: string) => ({ id, name, channel, offerTimeoutSeconds: 30, maxWaitSeconds: 600, teams: ['team'] });
  return {
    ...base,
    queues: [...base.queues, queue('q-wa2', 'WhatsApp Experts', 'whatsapp'), queue('q-sms', 'Text Messages', 'sms'), queue('q-sms2', 'Text Billing', 'sms'), queue('q-fb', 'Facebook', 'messenger'), queue('q-fb2', 'Facebook Sales', 'messenger')],
    entryPoints: [
      ...base.entryPoints,
      {
        id: 'wa', name: 'WhatsApp line', channel: 'whatsapp', queue: 'q-wa',
        settings: { wabaId: '102290129340398', phoneNumberId: SIM.whatsapp, displayNumber: '+15550783881', accessToken: 'sim-whatsapp-token' },
      },
      { id: 'fb', name: 'Parley Page', channel: 'messenger', queue: 'q-fb', settings: { pageId: SIM.page, pageAccessToken: 'sim-page-token' } },
      {
        id: 'sms', name: 'Support number', channel: 'sms', queue: 'q-sms',
        settings: { number: SIM.sms, numberKind: 'long_code', accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'sim-twilio-auth-token', publicWebhookUrl: `${publicUrl}/webhooks/sms` },
      },
    ],
    providers: {
      meta: { appSecret: 'sim-meta-app-secret', verifyToken: 'sim-verify-token', graphBaseUrl: simulatorUrl, apiVersion: 'v23.0' },
      twilio: { apiBaseUrl: simulatorUrl },
    },
  };
}

/** The simulator, with the gate its webhooks pass on their way to Parley. */
export type Simulator = RunningSimulator & { webhooks: WebhookGate };

export const test = desktopTest.extend<{ sim: Simulator }>({
  // The simulator starts first; its webhooks go through the gate, whose target is set once the server listens.
  sim: async ({}, use) => {
    const webhooks = await startWebhookGate();
    const sim = await startSimulator({ parley: { webhookBase: webhooks.url }, statusDelayMs: 0 });
    await use(Object.assign(sim, { webhooks }));
    await sim.close();
    await webhooks.close();
  },
  server: async ({ sim }, use, testInfo) => {
    // Every provider reaches Parley through the gate, whose URL is known first: the server starts on port 0.
    const server = await startServer({ config: channelConfig(sim.url, sim.webhooks.url) });
    sim.webhooks.target = server.url;
    await use(server);
    if (testInfo.status !== testInfo.expectedStatus) {
      writeFileSync(testInfo.outputPath('server.log'), server.logs());
      await testInfo.attach('server.log', { path: testInfo.outputPath('server.log') });
    }
    await server.stop();
  },
});

export { expect };

export type SimChannel = 'whatsapp' | 'messenger' | 'sms';

/** A customer of one channel at the simulator (a WhatsApp number in digits, a PSID, an E.164 number). */
export interface SimCustomer {
  channel: SimChannel;
  id: string;
  name: string;
}

async function simPost(sim: Simulator, method: string, path: string, body: unknown): Promise<unknown> {
  const r = await fetch(`${sim.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await r.json();
  expect(r.ok, `${method} ${path} → ${r.status} ${JSON.stringify(json)}`).toBe(true);
  return json;
}

/**
 * The customer sends something (`kind` text, image, document, reaction …) through the simulator's API;
 * resolves once Parley acknowledged the webhook, and with the provider's id of the message.
 */
export async function customerSends(sim: Simulator, who: SimCustomer, action: Record<string, unknown>): Promise<string> {
  const res = (await simPost(sim, 'POST', '/_sim/customer/send?wait=1', { channel: who.channel, customer: who.id, name: who.name, ...action })) as { id: string; webhook: { outcome: string } };
  expect(res.webhook.outcome).toBe('delivered');
  return res.id;
}

export const customerSays = (sim: Simulator, who: SimCustomer, text: string) => customerSends(sim, who, { kind: 'text', text });

/** The customer opens the chat on their phone: WhatsApp read statuses, or a Messenger read watermark. */
export async function customerReads(sim: Simulator, who: SimCustomer): Promise<void> {
  await simPost(sim, 'POST', '/_sim/customer/read?wait=1', { channel: who.channel, customer: who.id });
}

/** Sets a failure switch of a channel (packages/simulator/README.md, Failure switches). */
export async function providerFails(sim: Simulator, channel: SimChannel, switches: Record<string, unknown>): Promise<void> {
  await simPost(sim, 'PUT', `/_sim/failures/${channel}`, switches);
}

/** The conversation as the customer's phone shows it: the simulator's chat entries for this customer. */
export function phone(sim: Simulator, who: SimCustomer): ChatEntry[] {
  return sim.state.chat.filter((e) => e.channel === who.channel && e.customer === who.id);
}

/** The entry on the customer's phone holding `text` (polls the simulator's state until it is there). */
export async function onPhone(sim: Simulator, who: SimCustomer, text: string, direction: 'in' | 'out' = 'out'): Promise<ChatEntry> {
  await expect.poll(() => phone(sim, who).some((e) => e.direction === direction && e.text === text), { message: `"${text}" on the ${who.channel} customer's phone` }).toBe(true);
  return phone(sim, who).find((e) => e.direction === direction && e.text === text)!;
}

/** Submits the wrap-up dialog with these reasons (checkboxes where the channel takes several, else radios). */
export async function wrapUp(page: Page, reasons: string[]): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Wrap-up reasons' });
  await expect(dialog).toBeVisible();
  const role = (await dialog.getByRole('checkbox').count()) > 0 ? 'checkbox' : 'radio';
  for (const reason of reasons) await dialog.getByRole(role, { name: reason }).check();
  await dialog.getByRole('button', { name: 'Submit wrap-up' }).click();
  await expect(dialog).toHaveCount(0);
}
