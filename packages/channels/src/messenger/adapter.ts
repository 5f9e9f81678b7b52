import { DEFAULT_CHANNEL_RULES } from '@parley/protocol';
import { performPlan, type ChannelAdapter, type ProviderContext } from '../contract';
import { jsonBody, metaWebhook } from '../meta/webhook';
import { downloadMedia, httpMediaFailure } from '../pipeline/media-fetch';
import { CHANNEL_SETTINGS } from '../settings/registry';
import type { MessengerConfig } from './config';
import { parseMessengerWebhook } from './parse';
import { buildMessengerProfileRequest, parseMessengerProfile } from './profile';
import { interpretMessengerSendResponse, planMessengerSend } from './send';
import type { MessengerSettings } from './settings';

type Settings = MessengerSettings & { pageAccessToken: string };

function config(ctx: ProviderContext<Settings>): MessengerConfig {
  const { graph } = ctx.providers;
  return { graphBaseUrl: graph.baseUrl, apiVersion: graph.apiVersion, pageId: ctx.settings.pageId, pageAccessToken: ctx.settings.pageAccessToken };
}

/** Facebook Messenger through the Send API and page webhooks (wire-formats §1). */
export const messengerAdapter: ChannelAdapter<Settings> = {
  channel: 'messenger',
  rules: DEFAULT_CHANNEL_RULES.messenger,
  settings: CHANNEL_SETTINGS.messenger,
  webhook: {
    path: '/webhooks/messenger',
    verify: (req, ctx) => metaWebhook.verify(req, ctx.providers),
    parse: (raw, receivedAt) => parseMessengerWebhook(jsonBody(raw), { receivedAt }),
    ack: metaWebhook.ack,
    handshake: metaWebhook.handshake,
  },
  async send(msg, ctx) {
    const plan = planMessengerSend(config(ctx), msg);
    if (!plan.ok) return plan;
    return performPlan(plan.requests, (res) => interpretMessengerSendResponse(res, ctx.now()), ctx);
  },
  // Page webhooks carry only the PSID: the name comes from the user profile (wire-formats §1.8).
  async lookupCustomerName(psid, ctx) {
    const res = await ctx.http(buildMessengerProfileRequest(config(ctx), psid), ctx.signal);
    if ('networkError' in res) return undefined;
    const profile = parseMessengerProfile(res);
    return profile.resolved ? profile.name : undefined;
  },
  // Attachment URLs in Messenger webhooks are signed CDN links: no token goes with them.
  fetchMedia: (ref, ctx) =>
    ref.kind === 'url'
      ? downloadMedia({ method: 'GET', url: ref.url, headers: {} }, ctx, { mimeType: ref.mimeType }, httpMediaFailure)
      : Promise.resolve({ ok: false, retryable: false, code: 'media', reason: 'Messenger media come as URLs' }),
};
