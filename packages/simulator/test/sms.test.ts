import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Received } from './fake-parley';
import { customerSends, type Pair, SMS, startPair, twilioBasic } from './harness';

const PUBLIC_URL = 'https://helpdesk.example.test/webhooks/sms';
const CUSTOMER = '+14155551234';
let pair: Pair;
beforeEach(async () => {
  pair = await startPair({ publicSmsUrl: PUBLIC_URL });
});
afterEach(() => pair.close());

const messagesPath = `/2010-04-01/Accounts/${SMS.accountSid}/Messages.json`;
const callbackPath = '/webhooks/sms/status';
const sendSms = (fields: Record<string, string>, headers: Record<string, string> = twilioBasic) => pair.call('POST', messagesPath, new URLSearchParams(fields), headers);
const callbacksFor = (sid: string) => (r: Received) => r.path === callbackPath && r.form?.get('MessageSid') === sid;

describe('Twilio Messages API', () => {
  it('posts an inbound SMS form-encoded, signed over the configured public URL', async () => {
    const sent = await customerSends(pair, { channel: 'sms', customer: CUSTOMER, kind: 'text', text: 'Hello é& bye' });
    const [hook] = await pair.parley.waitFor((r) => r.path === '/webhooks/sms');
    expect(hook?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(hook?.signatureOk).toBe(true);
    expect(hook?.raw.toString()).toContain('Body=Hello+%C3%A9%26+bye');
    const f = hook!.form!;
    expect(Object.fromEntries(f)).toMatchObject({ MessageSid: sent.id, SmsSid: sent.id, SmsMessageSid: sent.id, AccountSid: SMS.accountSid, From: CUSTOMER, To: SMS.number, Body: 'Hello é& bye', NumMedia: '0', NumSegments: '1', SmsStatus: 'received', ApiVersion: '2010-04-01' });
    expect(sent.id).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('posts an MMS with MediaUrl0 that serves the file', async () => {
    const sent = await customerSends(pair, { channel: 'sms', customer: CUSTOMER, kind: 'document' });
    expect(sent.id).toMatch(/^MM/);
    const [hook] = await pair.parley.waitFor((r) => r.path === '/webhooks/sms');
    expect(hook?.form?.get('NumMedia')).toBe('1');
    expect(hook?.form?.get('MediaContentType0')).toBe('application/pdf');
    const res = await fetch(hook!.form!.get('MediaUrl0')!);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString().startsWith('%PDF')).toBe(true);
  });

  it('answers a send 201 as documented, then calls back sent, delivered in order, signed (no callback for the initial queued)', async () => {
    const res = await sendSms({ To: CUSTOMER, From: SMS.number, Body: 'Your ticket is resolved.', StatusCallback: `${pair.parley.url}${callbackPath}?parleyMessageId=m1#rc=3` });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ account_sid: SMS.accountSid, api_version: '2010-04-01', body: 'Your ticket is resolved.', direction: 'outbound-api', from: SMS.number, to: CUSTOMER, status: 'queued', num_segments: '1', num_media: '0', error_code: null, price_unit: 'USD' });
    expect(res.body.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(res.body.date_created).toMatch(/\+0000$/);
    const hooks = await pair.parley.waitFor(callbacksFor(res.body.sid), 2);
    expect(hooks.map((h) => h.form?.get('MessageStatus'))).toEqual(['sent', 'delivered']);
    expect(hooks.every((h) => h.signatureOk && h.url.includes('parleyMessageId=m1') && !h.url.includes('#'))).toBe(true);
    expect(hooks[1]?.form?.get('RawDlrDoneDate')).toMatch(/^\d{10}$/);
  });

  it('through a Messaging Service: 201 accepted, then queued, sent, delivered callbacks', async () => {
    const service = 'MG0123456789abcdef0123456789abcdef';
    pair.sim.accounts.sms.messagingServiceSid = service;
    const res = await sendSms({ To: CUSTOMER, MessagingServiceSid: service, Body: 'hi', StatusCallback: `${pair.parley.url}${callbackPath}` });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'accepted', messaging_service_sid: service, num_segments: '0' });
    const hooks = await pair.parley.waitFor(callbacksFor(res.body.sid), 3);
    expect(hooks.map((h) => h.form?.get('MessageStatus'))).toEqual(['queued', 'sent', 'delivered']);
    expect(hooks.every((h) => h.form?.get('MessagingServiceSid') === service)).toBe(true);
  });

  it('refuses bad credentials with 401 / 20003 and validates the fields with Twilio codes', async () => {
    const bad = await sendSms({ To: CUSTOMER, From: SMS.number, Body: 'x' }, { authorization: `Basic ${Buffer.from(`${SMS.accountSid}:wrong`).toString('base64')}` });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    expect((await sendSms({ From: SMS.number, Body: 'x' })).body.code).toBe(21604);
    expect((await sendSms({ To: '12', From: SMS.number, Body: 'x' })).body.code).toBe(21211);
    expect((await sendSms({ To: CUSTOMER, Body: 'x' })).body.code).toBe(21603);
    expect((await sendSms({ To: CUSTOMER, From: '+15550000000', Body: 'x' })).body.code).toBe(21606);
    expect((await sendSms({ To: CUSTOMER, From: SMS.number })).body.code).toBe(21602);
    const long = await sendSms({ To: CUSTOMER, From: SMS.number, Body: 'x'.repeat(1601) });
    expect(long.body).toMatchObject({ code: 21617, status: 400 });
  });

  it('plays opted-out (21610, also after a real STOP) and undelivered (30003 in the callback)', async () => {
    await customerSends(pair, { channel: 'sms', customer: CUSTOMER, kind: 'text', text: 'STOP' });
    const [stop] = await pair.parley.waitFor((r) => r.path === '/webhooks/sms');
    expect(stop?.form?.get('OptOutType')).toBe('STOP');
    const refused = await sendSms({ To: CUSTOMER, From: SMS.number, Body: 'x' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 21610, more_info: 'https://www.twilio.com/docs/errors/21610' });
    await pair.call('PUT', '/_sim/failures/sms', { optedOut: false, undelivered: true });
    const res = await sendSms({ To: CUSTOMER, From: SMS.number, Body: 'x', StatusCallback: `${pair.parley.url}${callbackPath}` });
    expect(res.status).toBe(201);
    const hooks = await pair.parley.waitFor(callbacksFor(res.body.sid), 2);
    expect(hooks.map((h) => h.form?.get('MessageStatus'))).toEqual(['sent', 'undelivered']);
    expect(hooks[1]?.form?.get('ErrorCode')).toBe('30003');
  });

  it('plays a rate limit (429 with Retry-After) and an outage (500)', async () => {
    await pair.call('PUT', '/_sim/failures/sms', { rateLimit: true });
    const limited = await sendSms({ To: CUSTOMER, From: SMS.number, Body: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body).toMatchObject({ code: 20429, status: 429 });
    await pair.call('PUT', '/_sim/failures/sms', { rateLimit: false, outage: 'error' });
    const down = await sendSms({ To: CUSTOMER, From: SMS.number, Body: 'x' });
    expect(down.status).toBe(500);
    expect(down.body.status).toBe(500);
    // Inbound MMS media is served by the same API: down too.
    await pair.call('PUT', '/_sim/failures/sms', { outage: 'off' });
    await customerSends(pair, { channel: 'sms', customer: CUSTOMER, kind: 'image' });
    const [mms] = await pair.parley.waitFor((r) => r.path === '/webhooks/sms');
    await pair.call('PUT', '/_sim/failures/sms', { outage: 'error' });
    expect((await fetch(mms!.form!.get('MediaUrl0')!)).status).toBe(500);
  });

  it('retries once when Parley cannot be reached', async () => {
    await pair.parley.close();
    const sent = await customerSends(pair, { channel: 'sms', customer: CUSTOMER, kind: 'text', text: 'hi' });
    expect(sent.webhook.outcome).toBe('gave_up');
    expect(sent.webhook.attempts).toHaveLength(2);
    expect(sent.webhook.attempts.every((a) => a.status === undefined)).toBe(true);
  });

  it('does not retry a webhook Parley answered (Twilio retries only connection failures)', async () => {
    pair.parley.failNext = 1;
    const sent = await customerSends(pair, { channel: 'sms', customer: CUSTOMER, kind: 'text', text: 'hi' });
    expect(sent.webhook.outcome).toBe('gave_up');
    expect(sent.webhook.attempts.map((a) => a.status)).toEqual([500]);
    const again = await pair.call('POST', '/_sim/replay?wait=1', { channel: 'sms' });
    expect(again.body.outcome).toBe('delivered');
    expect(pair.parley.processed).toEqual([sent.id]);
  });
});
