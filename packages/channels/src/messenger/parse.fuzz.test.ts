import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { assertWellFormed, mutated, oddValue } from '../pipeline/fuzzing';
import { parseMessengerWebhook } from './parse';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('parseMessengerWebhook never throws and returns well-formed events', () => {
  it('on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (json) => assertWellFormed(parseMessengerWebhook(json))), { numRuns: 300 });
  });

  it('on arbitrary events under a page entry', () => {
    fc.assert(fc.property(oddValue, (event) => assertWellFormed(parseMessengerWebhook({ object: 'page', entry: [{ id: '1', messaging: [event] }] }))), { numRuns: 300 });
  });

  it.each(['batch.json', 'test-shape.json', 'instagram.json'])('on mutations of %s', (name) => {
    fc.assert(fc.property(mutated(fixture(name)), (json) => assertWellFormed(parseMessengerWebhook(json, { receivedAt: 1 }))), { numRuns: 400 });
  });
});
