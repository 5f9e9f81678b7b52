import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { assertWellFormed } from '../pipeline/fuzzing';
import { parseSmsWebhook } from './parse';

const KEYS = ['MessageSid', 'SmsSid', 'From', 'To', 'Body', 'NumMedia', 'MediaUrl0', 'MediaContentType0', 'MediaUrl9', 'MessageStatus', 'SmsStatus', 'ErrorCode', 'OptOutType', 'Latitude', 'Longitude', 'ButtonPayload', 'MessagingServiceSid'];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string());
const value = fc.oneof(fc.constantFrom('', '0', '10', '-1', '1e400', 'NaN', 'received', 'sent', 'undelivered', 'STOP', 'not a url', 'https://api.twilio.com/x'), fc.string());

describe('parseSmsWebhook never throws and returns well-formed events', () => {
  it('on arbitrary form params, known keys included', () => {
    fc.assert(fc.property(fc.array(fc.tuple(key, value), { maxLength: 20 }), (pairs) => assertWellFormed(parseSmsWebhook(new URLSearchParams(pairs)))), { numRuns: 500 });
  });

  it('on arbitrary raw bodies', () => {
    fc.assert(fc.property(fc.string(), (raw) => assertWellFormed(parseSmsWebhook(raw))), { numRuns: 300 });
  });

  it.each(['inbound-mms.form.txt', 'status-undelivered.form.txt', 'opt-out.form.txt', 'whatsapp-location.form.txt'])('on mutations of %s', (name) => {
    const base = [...new URLSearchParams(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'))];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length - 1), fc.option(value)), { minLength: 1, maxLength: 4 }), (mutations) => {
        const pairs = base.map(([k, v]) => [k, v] as [string, string | null]);
        for (const [i, v] of mutations) {
          const pair = pairs[i];
          if (pair) pair[1] = v;
        }
        assertWellFormed(parseSmsWebhook(new URLSearchParams(pairs.filter((p): p is [string, string] => p[1] !== null)), { receivedAt: 1 }));
      }),
      { numRuns: 300 },
    );
  });
});
