import { describe, expect, it } from 'vitest';
import { graphFailure, graphSendResult } from './graph-error';
import { MESSENGER_ERROR_RULES, WHATSAPP_ERROR_RULES } from './graph-error-codes';

const envelope = (error: object, status = 400, headers: Record<string, string> = {}) => ({ status, headers, body: JSON.stringify({ error }) });
const wa = (code: number, extra: object = {}, status = 400) => graphFailure(envelope({ message: `(#${code}) x`, type: 'OAuthException', code, fbtrace_id: 'AbC', ...extra }, status), WHATSAPP_ERROR_RULES);
const fb = (code: number, subcode?: number, status = 400) => graphFailure(envelope({ message: `(#${code}) x`, code, error_subcode: subcode, fbtrace_id: 'T1' }, status), MESSENGER_ERROR_RULES);

describe('graphFailure: WhatsApp codes (wire-formats §2.10)', () => {
  it.each([
    [0, 'auth', false],
    [190, 'auth', false],
    [3, 'permission', false],
    [10, 'permission', false],
    [200, 'permission', false],
    [299, 'permission', false],
    [4, 'rate_limited', true],
    [80007, 'rate_limited', true],
    [130429, 'rate_limited', true],
    [131048, 'rate_limited', true],
    [131056, 'rate_limited', true],
    [368, 'policy', false],
    [131031, 'permission', false],
    [131000, 'transient', true],
    [131005, 'permission', false],
    [131008, 'invalid_request', false],
    [131009, 'invalid_request', false],
    [131016, 'transient', true],
    [131021, 'invalid_recipient', false],
    [131026, 'recipient_unavailable', false],
    [131030, 'invalid_recipient', false],
    [131042, 'permission', false],
    [131045, 'permission', false],
    [131047, 'window_closed', false],
    [131049, 'policy', false],
    [131051, 'invalid_request', false],
    [131052, 'media', true],
    [131053, 'media', true],
    [131057, 'transient', true],
    [131062, 'invalid_recipient', false],
    [132000, 'template', false],
    [132001, 'template', false],
    [132015, 'template', false],
    [133010, 'permission', false],
    [135000, 'invalid_request', false],
  ] as const)('code %i → %s, retryable %s', (code, expected, retryable) => {
    expect(wa(code)).toMatchObject({ ok: false, code: expected, retryable, providerCode: String(code), traceId: 'AbC' });
  });

  it('keeps the message and error_data.details as the reason', () => {
    expect(wa(131009, { message: '(#131009) Parameter value is not valid', error_data: { messaging_product: 'whatsapp', details: 'to is invalid' } }).reason).toBe(
      '(#131009) Parameter value is not valid: to is invalid',
    );
  });

  it('lets is_transient allow a retry of an otherwise permanent code', () => {
    expect(wa(131009, { is_transient: true }).retryable).toBe(true);
  });
});

describe('graphFailure: Messenger codes (wire-formats §1.4)', () => {
  it.each([
    [10, 2018278, 'window_closed', false, '10/2018278'],
    [10, undefined, 'permission', false, '10'],
    [551, 1545041, 'recipient_unavailable', false, '551/1545041'],
    [100, 2018001, 'invalid_recipient', false, '100/2018001'],
    [100, undefined, 'invalid_request', false, '100'],
    [190, 460, 'auth', false, '190/460'],
    [200, 1545041, 'permission', false, '200/1545041'],
    [230, undefined, 'permission', false, '230'],
    [4, undefined, 'rate_limited', true, '4'],
    [613, undefined, 'rate_limited', true, '613'],
    [2, undefined, 'transient', true, '2'],
    [1200, undefined, 'transient', true, '1200'],
  ] as const)('%i/%s → %s, retryable %s', (code, subcode, expected, retryable, providerCode) => {
    expect(fb(code, subcode)).toMatchObject({ code: expected, retryable, providerCode, traceId: 'T1' });
  });
});

describe('graphFailure: HTTP status when the code is unknown or missing', () => {
  it.each([
    [429, 'rate_limited', true],
    [500, 'transient', true],
    [502, 'transient', true],
    [503, 'transient', true],
    [408, 'transient', true],
    [401, 'auth', false],
    [403, 'permission', false],
    [400, 'unknown', false],
    [404, 'unknown', false],
  ] as const)('HTTP %i with a non-JSON body → %s, retryable %s', (status, code, retryable) => {
    expect(graphFailure({ status, body: '<html>Bad gateway</html>' }, WHATSAPP_ERROR_RULES)).toEqual({ ok: false, code, retryable, reason: `HTTP ${status}` });
  });

  it('an unknown code falls back to the status', () => {
    expect(wa(999999, {}, 503)).toMatchObject({ code: 'transient', retryable: true, providerCode: '999999' });
  });

  it('honours Retry-After in seconds or as an HTTP date measured from the injected clock', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(graphFailure({ status: 429, headers: { 'retry-after': '30' }, body: '' }, WHATSAPP_ERROR_RULES).retryAfterMs).toBe(30_000);
    expect(graphFailure({ status: 503, headers: { 'retry-after': 'Fri, 27 Nov 2026 10:01:00 GMT' }, body: '' }, WHATSAPP_ERROR_RULES, now).retryAfterMs).toBe(60_000);
    expect(graphFailure({ status: 503, headers: { 'retry-after': 'soon' }, body: '' }, WHATSAPP_ERROR_RULES, now).retryAfterMs).toBeUndefined();
  });

  it('ignores Retry-After on permanent failures', () => {
    expect(graphFailure(envelope({ code: 131047 }, 400, { 'retry-after': '5' }), WHATSAPP_ERROR_RULES).retryAfterMs).toBeUndefined();
  });
});

describe('graphSendResult', () => {
  const pick = (b: unknown) => (b as { id?: string })?.id;
  it('2xx with an id is success; 2xx without one is a permanent unknown (it may have been sent)', () => {
    expect(graphSendResult({ status: 200, body: '{"id":"x"}' }, WHATSAPP_ERROR_RULES, pick)).toEqual({ ok: true, providerId: 'x' });
    expect(graphSendResult({ status: 200, body: 'not json' }, WHATSAPP_ERROR_RULES, pick)).toMatchObject({ ok: false, retryable: false, code: 'unknown' });
  });
});
