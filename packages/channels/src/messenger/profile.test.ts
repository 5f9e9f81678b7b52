import { describe, expect, it } from 'vitest';
import type { ProviderContext } from '../contract';
import type { ProviderRequest, ProviderResponse } from '../pipeline/http';
import { messengerAdapter } from './adapter';
import type { MessengerConfig } from './config';
import type { MessengerSettings } from './settings';
import { buildMessengerProfileRequest, parseMessengerProfile } from './profile';

const cfg: MessengerConfig = { graphBaseUrl: 'http://127.0.0.1:9', apiVersion: 'v23.0', pageId: '1', pageAccessToken: 'page-token' };

describe('Messenger user profile (wire-formats §1.8)', () => {
  it('asks for name and picture with the page token as bearer', () => {
    expect(buildMessengerProfileRequest(cfg, '24000000000000001')).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1:9/v23.0/24000000000000001?fields=first_name,last_name,profile_pic',
      headers: { authorization: 'Bearer page-token' },
    });
  });

  it('joins first and last name and keeps the picture url', () => {
    const body = '{"first_name":"Ann","last_name":"Lee","profile_pic":"https://platform-lookaside.fbsbx.com/x","id":"24000000000000001"}';
    expect(parseMessengerProfile({ status: 200, body })).toEqual({ name: 'Ann Lee', firstName: 'Ann', lastName: 'Lee', profilePicUrl: 'https://platform-lookaside.fbsbx.com/x', resolved: true });
    expect(parseMessengerProfile({ status: 200, body: '{"first_name":"Ann"}' })).toMatchObject({ name: 'Ann', resolved: true });
  });

  it.each([
    ['an error', { status: 400, body: '{"error":{"code":100,"message":"Unsupported get request"}}' }],
    ['no name fields', { status: 200, body: '{"id":"1"}' }],
    ['blank names', { status: 200, body: '{"first_name":"  ","last_name":""}' }],
    ['a non-JSON body', { status: 200, body: '<html>' }],
    ['a server error', { status: 503, body: '' }],
  ])('falls back to "Facebook user" on %s', (_label, res) => {
    expect(parseMessengerProfile(res)).toEqual({ name: 'Facebook user', resolved: false });
  });
});

describe('the Messenger adapter looks a customer up by PSID', () => {
  const ctx = (answer: ProviderResponse | { networkError: string }, asked: ProviderRequest[] = []): ProviderContext<MessengerSettings & { pageAccessToken: string }> => ({
    settings: { pageId: '1', pageAccessToken: 'page-token' },
    providers: { graph: { baseUrl: 'http://127.0.0.1:9', apiVersion: 'v23.0' }, twilio: { apiBaseUrl: 'http://127.0.0.1:9' } },
    http: async (req) => {
      asked.push(req);
      return answer;
    },
    now: () => 0,
  });

  it('gives the profile name, asked with the page token', async () => {
    const asked: ProviderRequest[] = [];
    expect(await messengerAdapter.profile?.('24000000000000001', ctx({ status: 200, body: '{"first_name":"Ann","last_name":"Lee"}' }, asked))).toEqual({ ok: true, name: 'Ann Lee' });
    expect(asked).toEqual([buildMessengerProfileRequest(cfg, '24000000000000001')]);
  });

  it('no name when the profile has none or Meta refuses it; a network failure or 5xx is worth another try', async () => {
    expect(await messengerAdapter.profile?.('1', ctx({ status: 200, body: '{"id":"1"}' }))).toEqual({ ok: true, name: null });
    expect(await messengerAdapter.profile?.('1', ctx({ status: 400, body: '{"error":{"code":100}}' }))).toEqual({ ok: true, name: null });
    expect(await messengerAdapter.profile?.('1', ctx({ networkError: 'ECONNREFUSED' }))).toMatchObject({ ok: false, retryable: true });
    expect(await messengerAdapter.profile?.('1', ctx({ status: 503, body: '' }))).toMatchObject({ ok: false, retryable: true });
  });
});
