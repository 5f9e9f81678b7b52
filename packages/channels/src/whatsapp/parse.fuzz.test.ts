import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { assertWellFormed, mutated, oddValue } from '../pipeline/fuzzing';
import { parseWhatsAppWebhook } from './parse';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('parseWhatsAppWebhook never throws and returns well-formed events', () => {
  it('on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (json) => assertWellFormed(parseWhatsAppWebhook(json))), { numRuns: 300 });
  });

  it('on arbitrary entries under the right object', () => {
    fc.assert(
      fc.property(oddValue, (entry) => assertWellFormed(parseWhatsAppWebhook({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: entry }] }] }))),
      { numRuns: 300 },
    );
  });

  it.each(['messages-batch.json', 'statuses.json'])('on mutations of %s', (name) => {
    fc.assert(fc.property(mutated(fixture(name)), (json) => assertWellFormed(parseWhatsAppWebhook(json, { receivedAt: 1 }))), { numRuns: 400 });
  });
});
