import { describe, expect, it } from 'vitest';
import { CHANNEL_SETTINGS, settingsProblems } from './registry';

describe('entry point settings registry', () => {
  it('lists each channel’s secrets and provider key from its schema', () => {
    expect(CHANNEL_SETTINGS.whatsapp).toMatchObject({ secrets: ['accessToken'], providerKey: 'phoneNumberId' });
    expect(CHANNEL_SETTINGS.messenger).toMatchObject({ secrets: ['pageAccessToken'], providerKey: 'pageId' });
    expect(CHANNEL_SETTINGS.sms).toMatchObject({ secrets: ['authToken'], providerKey: 'number' });
    expect(CHANNEL_SETTINGS.webchat).toBeUndefined();
  });

  it('lets a stored secret be left out, and only then', () => {
    const page = { pageId: '3003' };
    expect(settingsProblems('messenger', page)).toEqual([{ path: '/pageAccessToken', message: 'Expected required property (Page access token)' }]);
    expect(settingsProblems('messenger', page, ['pageAccessToken'])).toEqual([]);
    expect(settingsProblems('messenger', { ...page, pageAccessToken: { env: 'lower-case ok?' } })).not.toEqual([]);
    expect(settingsProblems('messenger', { ...page, pageAccessToken: { file: 'relative/path' } })).not.toEqual([]);
  });

  it('accepts toll-free and short-code SMS numbers of the right shape', () => {
    const sms = { accountSid: `AC${'a'.repeat(32)}`, authToken: 't', publicWebhookUrl: 'https://x.example/sms' };
    expect(settingsProblems('sms', { ...sms, number: '+18005550100', numberKind: 'toll_free' })).toEqual([]);
    expect(settingsProblems('sms', { ...sms, number: '12345', numberKind: 'short_code' })).toEqual([]);
    expect(settingsProblems('sms', { ...sms, number: '12345', numberKind: 'toll_free' })).toEqual([
      { path: '/number', message: 'a toll_free number must be E.164 (+ and country code)' },
    ]);
    expect(settingsProblems('sms', { ...sms, number: '12345', numberKind: 'short_code', publicWebhookUrl: 'not a url' })).toEqual([
      { path: '/publicWebhookUrl', message: 'must be an absolute URL' },
    ]);
  });
});
