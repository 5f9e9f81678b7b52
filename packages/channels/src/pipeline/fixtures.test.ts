import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMessengerWebhook } from '../messenger/parse';
import { parseSmsWebhook } from '../sms/parse';
import { parseWhatsAppWebhook } from '../whatsapp/parse';
import { dedupeKey } from './dedupe';
import { eventProblems } from './event-shape';
import type { InboundEvent } from './inbound-events';

/** Every documented fixture of every channel: well-formed events, no invalid-shape notices, unique dedupe keys. */
const channels: [string, (raw: string, receivedAt?: number) => InboundEvent[]][] = [
  ['whatsapp', (raw, receivedAt = 1) => parseWhatsAppWebhook(JSON.parse(raw), { receivedAt })],
  ['messenger', (raw, receivedAt = 1) => parseMessengerWebhook(JSON.parse(raw), { receivedAt })],
  ['sms', (raw, receivedAt = 1) => parseSmsWebhook(raw, { receivedAt })],
];

describe.each(channels)('%s fixtures', (folder, parse) => {
  const dir = new URL(`../${folder}/fixtures/`, import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') || f.endsWith('.body.txt') || f.endsWith('.form.txt'));

  it.each(files)('%s', (file) => {
    const events = parse(readFileSync(new URL(file, dir), 'utf8'));
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(eventProblems(e)).toEqual([]);
      if (e.type === 'notice') expect(e.code).not.toMatch(/^invalid_/);
    }
    const keys = events.map(dedupeKey).filter((k) => k !== null);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(files)('%s redelivered later gives the same dedupe keys', (file) => {
    const raw = readFileSync(new URL(file, dir), 'utf8');
    expect(parse(raw, 2_000_000_000_000).map(dedupeKey)).toEqual(parse(raw, 1).map(dedupeKey));
  });
});
