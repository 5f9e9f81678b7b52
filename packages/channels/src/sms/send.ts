import { type ProviderRequest, type ProviderResponse, parseJson, retryAfterMs } from '../pipeline/http';
import { invalidRequest, type OutboundMessage, type SendFailure, type SendFailureCode, type SendPlan, type SendResult } from '../pipeline/outbound';
import { id, nonEmpty, num, rec } from '../pipeline/read';
import { checkSmsText } from './limits';

/** One Twilio sender's settings (from configuration; the token or API-key secret is a secret). */
export interface TwilioConfig {
  /** Default `https://api.twilio.com`; tests point it at a local fake. */
  apiBaseUrl?: string;
  accountSid: string;
  /** Basic-auth user and password: the Account SID and Auth Token, or an API Key SID and secret. */
  auth: { username: string; password: string };
  /** Our number (E.164), or a Messaging Service that picks one from its pool. */
  from?: string;
  messagingServiceSid?: string;
  /** Public URL of our status-callback webhook; our message id is added as `parleyMessageId`. */
  statusCallbackUrl?: string;
}

export const DEFAULT_TWILIO_API_BASE_URL = 'https://api.twilio.com';
const MAX_MEDIA = 10;

/**
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, HTTP Basic (§3.5). Media go
 * as repeated `MediaUrl` (public URLs only, at most 10). The status-callback URL carries our message
 * id so a receipt can be matched even if the send response was lost.
 */
export function planSmsSend(cfg: TwilioConfig, msg: OutboundMessage): SendPlan {
  if (!msg.to) return invalidRequest('no recipient');
  if (!cfg.from && !cfg.messagingServiceSid) return invalidRequest('no sender: configure a From number or a MessagingServiceSid');
  const text = msg.text ?? '';
  const media = msg.media ?? [];
  if (text === '' && media.length === 0) return invalidRequest('nothing to send: no text or media');
  if (!checkSmsText(text).ok) return invalidRequest('text longer than Twilio allows (1600 characters)');
  if (media.length > MAX_MEDIA) return invalidRequest(`at most ${MAX_MEDIA} media per message`);
  const form = new URLSearchParams();
  form.append('To', msg.to);
  if (cfg.messagingServiceSid) form.append('MessagingServiceSid', cfg.messagingServiceSid);
  else if (cfg.from) form.append('From', cfg.from);
  if (text !== '') form.append('Body', text);
  for (const m of media) {
    if (!m.url) return invalidRequest('SMS/MMS media needs a public url');
    form.append('MediaUrl', m.url);
  }
  if (cfg.statusCallbackUrl) form.append('StatusCallback', withMessageId(cfg.statusCallbackUrl, msg.messageId));
  const base = (cfg.apiBaseUrl ?? DEFAULT_TWILIO_API_BASE_URL).replace(/\/+$/, '');
  const request: ProviderRequest = {
    method: 'POST',
    url: `${base}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/Messages.json`,
    headers: {
      authorization: `Basic ${Buffer.from(`${cfg.auth.username}:${cfg.auth.password}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: form.toString(),
  };
  return { ok: true, requests: [request] };
}

function withMessageId(url: string, messageId: string): string {
  if (!messageId) return url;
  const hashAt = url.indexOf('#'); // Twilio reads connection overrides (#ct=…&rc=…) from the fragment
  const [path, fragment] = hashAt >= 0 ? [url.slice(0, hashAt), url.slice(hashAt)] : [url, ''];
  return `${path}${path.includes('?') ? '&' : '?'}parleyMessageId=${encodeURIComponent(messageId)}${fragment}`;
}

/** Twilio error codes the outbox acts on (Twilio error dictionary). */
const ERRORS: Record<number, { code: SendFailureCode; retryable: boolean }> = {
  20003: { code: 'auth', retryable: false },
  20429: { code: 'rate_limited', retryable: true },
  21211: { code: 'invalid_recipient', retryable: false },
  21214: { code: 'invalid_recipient', retryable: false },
  21408: { code: 'permission', retryable: false },
  21602: { code: 'invalid_request', retryable: false },
  21606: { code: 'permission', retryable: false },
  21610: { code: 'opted_out', retryable: false },
  21612: { code: 'recipient_unavailable', retryable: false },
  21614: { code: 'invalid_recipient', retryable: false },
  21617: { code: 'invalid_request', retryable: false },
  21620: { code: 'media', retryable: false },
  30007: { code: 'policy', retryable: false },
  63016: { code: 'window_closed', retryable: false },
};

/**
 * The Messages.json answer → SendResult: 201 with `sid` is success. Errors are
 * `{ code, message, more_info, status }`; a known code decides, else 429 and 5xx are retryable
 * (Retry-After honoured) and other statuses are not.
 */
export function interpretSmsSendResponse(res: ProviderResponse, nowMs?: number): SendResult {
  const body = rec(parseJson(res.body));
  if (res.status >= 200 && res.status < 300) {
    const sid = id(body.sid);
    return sid ? { ok: true, providerId: sid } : { ok: false, retryable: false, code: 'unknown', reason: `HTTP ${res.status} without a message sid` };
  }
  const providerCode = num(body.code);
  const known = providerCode === undefined ? undefined : ERRORS[providerCode];
  const chosen = known ?? byStatus(res.status);
  const failure: SendFailure = { ok: false, retryable: chosen.retryable, code: chosen.code, reason: nonEmpty(body.message) ?? `HTTP ${res.status}` };
  if (providerCode !== undefined) failure.providerCode = String(providerCode);
  const after = chosen.retryable ? retryAfterMs(res, nowMs) : undefined;
  if (after !== undefined) failure.retryAfterMs = after;
  return failure;
}

function byStatus(status: number): { code: SendFailureCode; retryable: boolean } {
  if (status === 429) return { code: 'rate_limited', retryable: true };
  if (status >= 500) return { code: 'transient', retryable: true };
  if (status === 401) return { code: 'auth', retryable: false };
  return { code: 'unknown', retryable: false };
}
