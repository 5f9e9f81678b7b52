import { describe, expect, it } from 'vitest';
import type { ProviderRequest } from '../pipeline/http';
import type { OutboundMessage, SendPlan } from '../pipeline/outbound';
import { interpretSmsSendResponse, planSmsSend, type TwilioConfig } from './send';

const cfg: TwilioConfig = {
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  auth: { username: 'AC0123456789abcdef0123456789abcdef', password: 'token-secret' },
  from: '+15005550006',
  statusCallbackUrl: 'https://helpdesk.example.test/webhooks/twilio/status',
};
const base: OutboundMessage = { messageId: 'msg 7', to: '+14155551234' };
const only = (plan: SendPlan): ProviderRequest => {
  if (!plan.ok || !plan.requests[0]) throw new Error(plan.ok ? 'no request' : plan.reason);
  return plan.requests[0];
};
const twilioError = (status: number, code: number, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body: JSON.stringify({ code, message: `error ${code}`, more_info: `https://www.twilio.com/docs/errors/${code}`, status }),
});

describe('planSmsSend (wire-formats §3.5)', () => {
  it('posts a form to Messages.json with Basic auth, our id on the status callback', () => {
    const req = only(planSmsSend(cfg, { ...base, text: 'Your ticket #1042 is resolved.' }));
    expect(req).toMatchObject({
      method: 'POST',
      url: 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json',
      headers: { authorization: `Basic ${Buffer.from('AC0123456789abcdef0123456789abcdef:token-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([...new URLSearchParams(req.body)]).toEqual([
      ['To', '+14155551234'],
      ['From', '+15005550006'],
      ['Body', 'Your ticket #1042 is resolved.'],
      ['StatusCallback', 'https://helpdesk.example.test/webhooks/twilio/status?parleyMessageId=msg%207'],
    ]);
  });

  it('uses the Messaging Service instead of From, repeats MediaUrl, keeps callback fragments last', () => {
    const req = only(
      planSmsSend(
        { ...cfg, apiBaseUrl: 'http://127.0.0.1:4020/', messagingServiceSid: 'MG1', statusCallbackUrl: 'https://h.test/s?a=1#rc=3' },
        { ...base, media: [{ url: 'https://files.example.test/a.jpg', mimeType: 'image/jpeg' }, { url: 'https://files.example.test/b.pdf', mimeType: 'application/pdf' }] },
      ),
    );
    expect(req.url).toBe('http://127.0.0.1:4020/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json');
    expect([...new URLSearchParams(req.body)]).toEqual([
      ['To', '+14155551234'],
      ['MessagingServiceSid', 'MG1'],
      ['MediaUrl', 'https://files.example.test/a.jpg'],
      ['MediaUrl', 'https://files.example.test/b.pdf'],
      ['StatusCallback', 'https://h.test/s?a=1&parleyMessageId=msg%207#rc=3'],
    ]);
  });

  it('refuses what Twilio would reject, permanently', () => {
    expect(planSmsSend(cfg, base)).toMatchObject({ ok: false, code: 'invalid_request', retryable: false });
    expect(planSmsSend({ ...cfg, from: undefined }, { ...base, text: 'x' })).toMatchObject({ ok: false, reason: expect.stringContaining('sender') });
    expect(planSmsSend(cfg, { ...base, text: 'a'.repeat(1601) })).toMatchObject({ ok: false, reason: expect.stringContaining('1600') });
    expect(planSmsSend(cfg, { ...base, text: '€'.repeat(801) })).toMatchObject({ ok: false });
    expect(planSmsSend(cfg, { ...base, text: 'a'.repeat(1600) }).ok).toBe(true);
    expect(planSmsSend(cfg, { ...base, media: Array.from({ length: 11 }, () => ({ url: 'https://x.test/a.png', mimeType: 'image/png' })) }).ok).toBe(false);
    expect(planSmsSend(cfg, { ...base, media: [{ providerMediaId: 'ME1', mimeType: 'image/png' }] }).ok).toBe(false);
  });
});

describe('interpretSmsSendResponse', () => {
  it('takes the sid from 201 Created', () => {
    const body = JSON.stringify({ sid: 'SM9876543210fedcba9876543210fedcba', status: 'queued', num_segments: '1', error_code: null });
    expect(interpretSmsSendResponse({ status: 201, body })).toEqual({ ok: true, providerId: 'SM9876543210fedcba9876543210fedcba' });
  });

  it.each([
    [400, 21610, 'opted_out', false],
    [400, 21211, 'invalid_recipient', false],
    [400, 21614, 'invalid_recipient', false],
    [400, 21612, 'recipient_unavailable', false],
    [400, 21408, 'permission', false],
    [400, 21617, 'invalid_request', false],
    [401, 20003, 'auth', false],
    [429, 20429, 'rate_limited', true],
    [400, 63016, 'window_closed', false],
    [500, 20500, 'transient', true],
    [503, 99999, 'transient', true],
    [400, 99999, 'unknown', false],
  ] as const)('HTTP %i code %i → %s, retryable %s', (status, code, expected, retryable) => {
    expect(interpretSmsSendResponse(twilioError(status, code))).toEqual({ ok: false, code: expected, retryable, reason: `error ${code}`, providerCode: String(code) });
  });

  it('honours Retry-After on 429', () => {
    expect(interpretSmsSendResponse(twilioError(429, 20429, { 'retry-after': '3' }))).toMatchObject({ retryable: true, retryAfterMs: 3000 });
    expect(interpretSmsSendResponse({ status: 429, headers: { 'retry-after': '1' }, body: '' })).toEqual({ ok: false, retryable: true, code: 'rate_limited', reason: 'HTTP 429', retryAfterMs: 1000 });
  });

  it('never retries a 2xx without a sid (it may have been sent)', () => {
    expect(interpretSmsSendResponse({ status: 201, body: '{}' })).toMatchObject({ ok: false, retryable: false });
  });
});
