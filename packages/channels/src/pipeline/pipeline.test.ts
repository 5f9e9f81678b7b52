import { describe, expect, it } from 'vitest';
import { dedupeKey } from './dedupe';
import { redactRequest, retryAfterMs } from './http';
import type { InboundEvent } from './inbound-events';
import { epochMs, id, num } from './read';

describe('read: defensive field readers', () => {
  it('epochMs reads seconds and milliseconds, numbers and numeric strings', () => {
    expect(epochMs('1749416383')).toBe(1_749_416_383_000);
    expect(epochMs(1749416383)).toBe(1_749_416_383_000);
    expect(epochMs(1_718_000_000_001)).toBe(1_718_000_000_001);
    expect(epochMs('1718000000001')).toBe(1_718_000_000_001);
    expect([epochMs(''), epochMs('soon'), epochMs(-5), epochMs(0), epochMs(null), epochMs(Number.NaN), epochMs('1e3')]).toEqual(Array(7).fill(undefined));
  });

  it('id accepts strings and safe integers only', () => {
    expect([id('a'), id(42), id(' '), id(1.5), id(2 ** 60), id({}), id(null)]).toEqual(['a', '42', undefined, undefined, undefined, undefined, undefined]);
  });

  it('num rejects non-numeric strings and non-finite numbers', () => {
    expect([num('12.5'), num(' 3 '), num('1e5'), num(Number.POSITIVE_INFINITY), num('0x10')]).toEqual([12.5, 3, undefined, undefined, undefined]);
  });
});

describe('http helpers', () => {
  it('redacts the Authorization header only', () => {
    const req = { method: 'POST' as const, url: 'https://x.test', headers: { Authorization: 'Bearer s3cret', 'content-type': 'application/json' }, body: '{}' };
    expect(redactRequest(req)).toEqual({ ...req, headers: { Authorization: '[redacted]', 'content-type': 'application/json' } });
    expect(req.headers.Authorization).toBe('Bearer s3cret');
  });

  it('reads Retry-After as seconds or a date from the injected clock, ignoring junk and the past', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    const res = (v: string) => ({ status: 429, headers: { 'retry-after': v }, body: '' });
    expect(retryAfterMs(res('120'))).toBe(120_000);
    expect(retryAfterMs(res('Fri, 27 Nov 2026 10:00:30 GMT'), now)).toBe(30_000);
    expect(retryAfterMs(res('Fri, 27 Nov 2026 10:00:30 GMT'))).toBeUndefined();
    expect(retryAfterMs(res('Fri, 27 Nov 2026 09:00:00 GMT'), now)).toBeUndefined();
    expect(retryAfterMs(res('-1'))).toBeUndefined();
    expect(retryAfterMs({ status: 429, body: '' })).toBeUndefined();
  });
});

describe('dedupeKey (wire-formats §5)', () => {
  const at = 1;
  it('keys messages by provider id and receipts by (id, provider status)', () => {
    const message: InboundEvent = { type: 'message', entryPointKey: 'p', providerMessageId: 'wamid.1', customer: { externalId: 'c' }, at, text: '', content: { type: 'text', body: '' }, media: [] };
    const status = (providerStatus: string): InboundEvent => ({ type: 'status', entryPointKey: 'p', providerMessageId: 'wamid.9', status: 'read', providerStatus, at });
    expect(dedupeKey(message)).toBe('message:wamid.1');
    expect(dedupeKey(status('read'))).toBe('status:wamid.9:read');
    expect(dedupeKey(status('played'))).not.toBe(dedupeKey(status('read')));
    expect(dedupeKey({ type: 'watermark', entryPointKey: 'p', customerExternalId: 'c', status: 'read', watermark: 5, at })).toBe('watermark:p:c:read:5');
    expect(dedupeKey({ type: 'notice', code: 'x', message: '', at })).toBeNull();
  });

  it('keys reactions by their own id, or by target, customer, emoji and time', () => {
    expect(dedupeKey({ type: 'reaction', entryPointKey: 'p', providerMessageId: 'wamid.R', targetProviderId: 't', customerExternalId: 'c', emoji: '👍', at })).toBe('reaction:wamid.R');
    expect(dedupeKey({ type: 'reaction', entryPointKey: 'p', targetProviderId: 't', customerExternalId: 'c', emoji: null, at })).toBe('reaction:t:c::1');
  });
});
