/**
 * Entry points' channel settings in the config file: each channel's schema (declared in
 * packages/channels) checked with the path of the bad field, and the `providers:` section.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfig } from '../src/config/config-file';

const SID = `AC${'0'.repeat(32)}`;
const queues = [
  { id: 'q-wa', name: 'WhatsApp', channel: 'whatsapp' },
  { id: 'q-fb', name: 'Messenger', channel: 'messenger' },
  { id: 'q-sms', name: 'SMS', channel: 'sms' },
  { id: 'q-web', name: 'Web', channel: 'webchat' },
];
const wa = { id: 'wa', name: 'WA', channel: 'whatsapp', queue: 'q-wa', settings: { wabaId: '1001', phoneNumberId: '2002', displayNumber: '+15550001111', accessToken: { env: 'WA_TOKEN' } } };
const fb = { id: 'fb', name: 'FB', channel: 'messenger', queue: 'q-fb', settings: { pageId: '3003', pageAccessToken: { file: '/run/secrets/page' } } };
const sms = {
  id: 'sms', name: 'SMS', channel: 'sms', queue: 'q-sms',
  settings: { number: '+15550002222', numberKind: 'long_code', accountSid: SID, authToken: 'lit', publicWebhookUrl: 'https://parley.example/webhooks/sms' },
};
const cfg = (entryPoints: unknown[], extra: object = {}) => stringify({ queues, entryPoints, ...extra });
const errorOf = (text: string) => {
  try {
    parseConfig(text, 'cfg.yaml');
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};
const withSettings = (ep: typeof sms | typeof wa, patch: Record<string, unknown>) => ({ ...ep, settings: { ...ep.settings, ...patch } });

describe('config file: entry point settings', () => {
  it('accepts the three channels with literal, env and file secrets, and a providers section', () => {
    const parsed = parseConfig(
      cfg([wa, fb, sms, { id: 'web', name: 'Web', channel: 'webchat', queue: 'q-web' }], {
        providers: { meta: { appSecret: { env: 'META_APP_SECRET' }, verifyToken: 'vt', apiVersion: 'v23.0' }, twilio: { apiBaseUrl: 'http://127.0.0.1:9999' } },
      }),
    );
    expect(parsed.entryPoints?.map((e) => e.id)).toEqual(['wa', 'fb', 'sms', 'web']);
    expect(parsed.providers?.meta?.apiVersion).toBe('v23.0');
  });

  it.each([
    ['a wrong E.164 display number', [withSettings(wa, { displayNumber: '5550001111' })], '/entryPoints/0/settings/displayNumber Expected string to match \'^\\+[1-9][0-9]{6,14}$\' (The number customers see, E.164)'],
    ['an unknown numberKind', [withSettings(sms, { numberKind: 'landline' })], '/entryPoints/0/settings/numberKind'],
    ['a long code that is not E.164', [withSettings(sms, { number: '5550002' })], '/entryPoints/0/settings/number a long_code number must be E.164'],
    ['a short code written as E.164', [withSettings(sms, { numberKind: 'short_code' })], '/entryPoints/0/settings/number a short code'],
    ['a missing phone-number id', [{ ...wa, settings: { ...wa.settings, phoneNumberId: undefined } }], '/entryPoints/0/settings/phoneNumberId'],
    ['a missing secret', [{ ...fb, settings: { pageId: '3003' } }], '/entryPoints/0/settings/pageAccessToken'],
    ['an unknown field', [withSettings(wa, { colour: 'green' })], '/entryPoints/0/settings/colour'],
    ['an http webhook URL on a public host', [withSettings(sms, { publicWebhookUrl: 'http://parley.example/webhooks/sms' })], '/entryPoints/0/settings/publicWebhookUrl must be https'],
    ['a secret reference of an unknown kind', [withSettings(wa, { accessToken: { vault: 'x' } })], '/entryPoints/0/settings/accessToken'],
    ['a WhatsApp entry point without settings', [{ ...wa, settings: undefined }], '/entryPoints/0/settings a whatsapp entry point needs settings'],
    ['settings on web chat', [{ id: 'web', name: 'Web', channel: 'webchat', queue: 'q-web', settings: { pageId: '1' } }], 'the webchat channel takes no settings'],
    ['two entry points with one phone-number id', [wa, { ...wa, id: 'wa2' }], 'entry points "wa" and "wa2" use the same whatsapp phoneNumberId'],
  ])('rejects %s, naming the path', (_name, entryPoints, expected) => {
    const message = errorOf(cfg(entryPoints));
    expect(message).toContain('cfg.yaml');
    expect(message).toContain(expected);
  });

  it('allows an http webhook URL on a loopback host (tests, the simulator)', () => {
    expect(errorOf(cfg([withSettings(sms, { publicWebhookUrl: 'http://127.0.0.1:8080/webhooks/sms' })]))).toBe('no error');
  });

  it('rejects an unknown field in providers, with its path', () => {
    expect(errorOf(cfg([], { providers: { meta: { appSecret: 'a', verifyToken: 'v', colour: 1 } } }))).toContain('/providers/meta');
    expect(errorOf(cfg([], { providers: { meta: { verifyToken: 'v' } } }))).toContain('/providers/meta/appSecret');
  });
});
