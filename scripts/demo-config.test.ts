import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEMO_ORIGINS, DEMO_SIMULATOR_SMTP_PORT, demoConfigFor } from './demo-config';

const DEMO = readFileSync(resolve(import.meta.dirname, '../config/demo.yaml'), 'utf8');

describe('demoConfigFor', () => {
  it('moves the provider base URLs and the SMS webhook URL to the ports in use, and nothing else', () => {
    const moved = parse(demoConfigFor(DEMO, { parley: 'http://127.0.0.1:41000', simulator: 'http://127.0.0.1:42000' }));
    const original = parse(DEMO);
    expect(moved.providers.meta.graphBaseUrl).toBe('http://127.0.0.1:42000');
    expect(moved.providers.twilio.apiBaseUrl).toBe('http://127.0.0.1:42000');
    const sms = moved.entryPoints.find((e: { id: string }) => e.id === 'sms-demo');
    expect(sms.settings.publicWebhookUrl).toBe('http://127.0.0.1:41000/webhooks/sms');
    // Everything else is the file as written.
    sms.settings.publicWebhookUrl = original.entryPoints.find((e: { id: string }) => e.id === 'sms-demo').settings.publicWebhookUrl;
    moved.providers.meta.graphBaseUrl = original.providers.meta.graphBaseUrl;
    moved.providers.twilio.apiBaseUrl = original.providers.twilio.apiBaseUrl;
    expect(moved).toEqual(original);
  });

  it('has an email entry point on q-email relaying through the simulator’s SMTP sink, whose port follows the one in use', () => {
    const original = parse(DEMO);
    const email = original.entryPoints.find((e: { id: string }) => e.id === 'email-demo');
    expect(email).toMatchObject({ channel: 'email', queue: 'q-email', settings: { address: 'support@parley.example', inbound: 'smtp', smtpHost: '127.0.0.1', smtpPort: DEMO_SIMULATOR_SMTP_PORT } });
    expect(original.queues.find((q: { id: string }) => q.id === 'q-email')?.channel).toBe('email');
    const moved = parse(demoConfigFor(DEMO, { ...DEMO_ORIGINS, simulatorSmtpPort: 43000 }));
    const movedEmail = moved.entryPoints.find((e: { id: string }) => e.id === 'email-demo');
    expect(movedEmail.settings.smtpPort).toBe(43000);
    movedEmail.settings.smtpPort = DEMO_SIMULATOR_SMTP_PORT;
    expect(moved).toEqual(original);
  });

  it('leaves a relay that is not the simulator’s sink alone', () => {
    const text = 'entryPoints:\n  - { id: m, channel: email, settings: { smtpHost: smtp.example.com, smtpPort: 3925 } }\n  - { id: n, channel: email, settings: { smtpHost: 127.0.0.1, smtpPort: 587 } }\n';
    expect(parse(demoConfigFor(text, { ...DEMO_ORIGINS, simulatorSmtpPort: 43000 }))).toEqual(parse(text));
  });

  it('leaves other origins alone (a longer port is not a prefix match)', () => {
    const text = 'a: http://127.0.0.1:39000/x\nb: http://127.0.0.1:80801/y\nc: http://127.0.0.1:8080\n';
    expect(parse(demoConfigFor(text, { parley: 'http://[::1]:5/', simulator: 'http://h:6' }))).toEqual({ a: 'http://127.0.0.1:39000/x', b: 'http://127.0.0.1:80801/y', c: 'http://[::1]:5/' });
  });
});
