/**
 * The three provider channels wired for tests: entry points for WhatsApp, Messenger and SMS whose
 * provider base URLs point at a local fake (provider-fake.ts), and the signatures Meta and Twilio put
 * on their webhooks, computed here from the providers' documentation (not with @parley/channels, so
 * a bug in Parley's verifiers is not mirrored).
 */
import { createHmac } from 'node:crypto';
import { testConfig } from './server-process';

export const CHANNEL_FIXTURE = {
  meta: { appSecret: 'test-meta-app-secret', verifyToken: 'test-verify-token', apiVersion: 'v23.0' },
  whatsapp: { entryPointId: 'wa', queueId: 'q-wa', wabaId: '102290129340398', phoneNumberId: '106540352242922', displayNumber: '+15550783881', accessToken: 'test-wa-token' },
  messenger: { entryPointId: 'fb', queueId: 'q-fb', pageId: '1234567890', pageAccessToken: 'test-page-token' },
  sms: {
    entryPointId: 'sms',
    queueId: 'q-sms',
    number: '+15005550006',
    accountSid: 'AC0123456789abcdef0123456789abcdef',
    authToken: 'test-twilio-auth-token',
    /** What was entered in Twilio's console: a public https URL, not the test server's address. */
    publicWebhookUrl: 'https://parley.example.com/webhooks/sms',
  },
} as const;

/** testConfig() plus a queue and an entry point per provider channel, and `providers:` at `providerBaseUrl`. */
export function channelTestConfig(providerBaseUrl: string, overrides: { offerTimeoutSeconds?: number; maxWaitSeconds?: number } = {}) {
  const base = testConfig({ offerTimeoutSeconds: overrides.offerTimeoutSeconds ?? 30, maxWaitSeconds: overrides.maxWaitSeconds ?? 86_400 });
  const { whatsapp: wa, messenger: fb, sms } = CHANNEL_FIXTURE;
  const timers = { offerTimeoutSeconds: overrides.offerTimeoutSeconds ?? 30, maxWaitSeconds: overrides.maxWaitSeconds ?? 86_400, teams: ['team'] };
  return {
    ...base,
    queues: [
      ...base.queues.filter((q) => q.id !== wa.queueId),
      { id: wa.queueId, name: 'WhatsApp', channel: 'whatsapp', ...timers },
      { id: fb.queueId, name: 'Messenger', channel: 'messenger', ...timers },
      { id: sms.queueId, name: 'SMS', channel: 'sms', ...timers },
    ],
    entryPoints: [
      ...base.entryPoints,
      {
        id: wa.entryPointId,
        name: 'WhatsApp (test)',
        channel: 'whatsapp',
        queue: wa.queueId,
        settings: { wabaId: wa.wabaId, phoneNumberId: wa.phoneNumberId, displayNumber: wa.displayNumber, accessToken: wa.accessToken },
      },
      { id: fb.entryPointId, name: 'Messenger (test)', channel: 'messenger', queue: fb.queueId, settings: { pageId: fb.pageId, pageAccessToken: fb.pageAccessToken } },
      {
        id: sms.entryPointId,
        name: 'SMS (test)',
        channel: 'sms',
        queue: sms.queueId,
        settings: { number: sms.number, numberKind: 'long_code', accountSid: sms.accountSid, authToken: sms.authToken, publicWebhookUrl: sms.publicWebhookUrl },
      },
    ],
    providers: {
      meta: { appSecret: CHANNEL_FIXTURE.meta.appSecret, verifyToken: CHANNEL_FIXTURE.meta.verifyToken, graphBaseUrl: providerBaseUrl, apiVersion: CHANNEL_FIXTURE.meta.apiVersion },
      twilio: { apiBaseUrl: providerBaseUrl },
    },
  };
}

/** `X-Hub-Signature-256` (Meta): `sha256=` + hex HMAC-SHA256 of the exact body bytes with the app secret. */
export function metaSignature(body: string | Buffer, appSecret: string = CHANNEL_FIXTURE.meta.appSecret): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * `X-Twilio-Signature`: base64 HMAC-SHA1 (auth token) of the URL followed by every POST parameter's
 * name and value, sorted by name (Twilio's "Webhooks security" page).
 */
export function twilioSignature(url: string, params: URLSearchParams, authToken: string = CHANNEL_FIXTURE.sms.authToken): string {
  const pairs = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHmac('sha1', authToken)
    .update(url + pairs.map(([k, v]) => k + v).join(''), 'utf8')
    .digest('base64');
}

/**
 * Meta's body serialisation: non-ASCII characters as `\uXXXX` and `/` as `\/` (what Meta sends, and
 * why a verifier must hash the raw bytes, never a re-serialisation).
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

export type WebhookChannel = 'whatsapp' | 'messenger' | 'sms';

export interface PostWebhookOptions {
  /** Default: a correct signature. `null`: no signature header at all. */
  signature?: string | null;
  /** The query string appended to the webhook path (e.g. `?parleyMessageId=…`), signed with it for SMS. */
  query?: string;
  /** SMS: the URL the signature is computed over (default: the configured public URL + query). */
  signedUrl?: string;
}

/** POSTs a signed provider webhook to a Parley server: JSON (Meta) as given, SMS as a form. */
export async function postWebhook(serverUrl: string, channel: WebhookChannel, body: string | URLSearchParams, opts: PostWebhookOptions = {}): Promise<{ status: number; text: string }> {
  const query = opts.query ?? '';
  const raw = typeof body === 'string' ? body : body.toString();
  const headers: Record<string, string> = {};
  if (channel === 'sms') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    const signedUrl = opts.signedUrl ?? `${CHANNEL_FIXTURE.sms.publicWebhookUrl}${query}`;
    const signature = opts.signature === undefined ? twilioSignature(signedUrl, new URLSearchParams(raw)) : opts.signature;
    if (signature !== null) headers['x-twilio-signature'] = signature;
  } else {
    headers['content-type'] = 'application/json';
    const signature = opts.signature === undefined ? metaSignature(raw) : opts.signature;
    if (signature !== null) headers['x-hub-signature-256'] = signature;
  }
  const res = await fetch(`${serverUrl}/webhooks/${channel}${query}`, { method: 'POST', headers, body: raw });
  return { status: res.status, text: await res.text() };
}
