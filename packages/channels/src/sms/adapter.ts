import { DEFAULT_CHANNEL_RULES } from '@parley/protocol';
import { performPlan, type ChannelAdapter, type ProviderContext, type WebhookVerdict } from '../contract';
import { downloadMedia, httpMediaFailure } from '../pipeline/media-fetch';
import { CHANNEL_SETTINGS } from '../settings/registry';
import { parseSmsWebhook } from './parse';
import { interpretSmsSendResponse, planSmsSend, type TwilioConfig } from './send';
import type { SmsSettings } from './settings';
import { verifyTwilioSignature } from './signature';
import { emptyTwimlReply } from './twiml';
import type { InboundEvent } from '../pipeline/inbound-events';

type Settings = SmsSettings & { authToken: string };

function config(ctx: ProviderContext<Settings>): TwilioConfig {
  const s = ctx.settings;
  return {
    apiBaseUrl: ctx.providers.twilio.apiBaseUrl,
    accountSid: s.accountSid,
    auth: { username: s.accountSid, password: s.authToken },
    from: s.number,
    statusCallbackUrl: s.publicWebhookUrl,
  };
}

function basicAuth(s: Settings): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${s.accountSid}:${s.authToken}`).toString('base64')}` };
}

/**
 * The URL Twilio signed: the configured public URL (what was entered in Twilio, behind any proxy)
 * with the query the request actually carried (status callbacks add `parleyMessageId`).
 */
function signedUrl(publicUrl: string, requestUrl: string): string {
  let search = '';
  try {
    search = new URL(requestUrl, 'http://x').search;
  } catch {
    // a request URL that does not parse carries no query
  }
  if (!search) return publicUrl;
  const base = publicUrl.split('#')[0]!.split('?')[0]!;
  return `${base}${search}`;
}

/**
 * A status callback's URL names the message it is about (`parleyMessageId`, added to StatusCallback by
 * send.ts; covered by the signature): a receipt that beats our record of Twilio's answer, or whose
 * answer was lost, still finds its message, as WhatsApp's callback data does.
 */
function withOurMessageId(events: InboundEvent[], url: string | undefined): InboundEvent[] {
  let ours: string | null = null;
  try {
    ours = new URL(url ?? '', 'http://x').searchParams.get('parleyMessageId');
  } catch {
    // no usable query: the receipt is matched by its MessageSid alone
  }
  if (!ours) return events;
  return events.map((e) => (e.type === 'status' && !e.callbackData ? { ...e, callbackData: ours } : e));
}

/**
 * MMS exists on US and Canadian numbers (+1, the North American plan) and short codes there (Twilio,
 * "MMS support"); a number elsewhere sends text only.
 */
export function mmsCapable(number: unknown): boolean {
  return typeof number === 'string' && (/^\+1\d{10}$/.test(number) || /^\d{3,8}$/.test(number));
}

/** Twilio-compatible SMS/MMS (wire-formats §3): form-encoded webhooks signed per number, Messages.json sends. */
export const smsAdapter: ChannelAdapter<Settings> = {
  channel: 'sms',
  rules: DEFAULT_CHANNEL_RULES.sms,
  settings: CHANNEL_SETTINGS.sms,
  webhook: {
    path: '/webhooks/sms',
    verify(req, ctx): WebhookVerdict {
      const params = new URLSearchParams(req.raw.toString('utf8'));
      // Inbound messages name our number in To; status callbacks of our sends name it in From.
      const keys = [params.get('To'), params.get('From')].filter((k): k is string => !!k);
      const key = keys.find((k) => ctx.settingsFor(k));
      if (!key) return { ok: false, status: 'unknown_entry_point', key: keys[0] ?? '' };
      const header = req.headers['x-twilio-signature'];
      if (typeof header !== 'string' || header === '') return { ok: false, status: 401, reason: 'missing X-Twilio-Signature' };
      const settings = ctx.settingsFor(key)!;
      return verifyTwilioSignature(settings.authToken, header, signedUrl(settings.publicWebhookUrl, req.url), params)
        ? { ok: true }
        : { ok: false, status: 403, reason: 'bad X-Twilio-Signature' };
    },
    parse: (raw, receivedAt, url) => withOurMessageId(parseSmsWebhook(raw.toString('utf8'), { receivedAt }), url),
    ack: emptyTwimlReply,
  },
  carriesMedia: (settings) => mmsCapable(settings.number),
  async send(msg, ctx) {
    const plan = planSmsSend(config(ctx), msg);
    if (!plan.ok) return plan;
    return performPlan(plan.requests, (res) => interpretSmsSendResponse(res, ctx.now()), ctx);
  },
  // Twilio media URLs need the account's Basic auth when HTTP auth on media is on (harmless otherwise).
  fetchMedia: (ref, ctx) =>
    ref.kind === 'url'
      ? downloadMedia({ method: 'GET', url: ref.url, headers: ref.auth === 'twilio_basic' ? basicAuth(ctx.settings) : {} }, ctx, { mimeType: ref.mimeType }, httpMediaFailure)
      : Promise.resolve({ ok: false, retryable: false, code: 'media', reason: 'SMS media come as URLs' }),
};
