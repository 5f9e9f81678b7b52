import type { SmsAccount } from '../config';
import { webhookUrl } from '../config';
import { secretToken } from '../ids';
import { twilioSignature } from '../sign';
import type { Sim } from '../sim';
import type { WebhookRecord } from '../state';

/**
 * Posts form parameters as Twilio does: `application/x-www-form-urlencoded` to `deliverTo`, signed
 * over `signedUrl` (the URL as configured at Twilio) plus the sorted parameters (§3.2).
 */
function sendTwilioForm(sim: Sim, deliverTo: string, signedUrl: string, params: [string, string][], summary: string): Promise<WebhookRecord> {
  const body = new URLSearchParams(params).toString();
  return sim.dispatcher.send({
    channel: 'sms',
    url: deliverTo,
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'TwilioProxy/1.1',
      'x-twilio-signature': twilioSignature(sim.accounts.sms.authToken, signedUrl, params),
      'i-twilio-idempotency-token': secretToken(),
    },
    summary,
  });
}

export interface InboundSms {
  sid: string;
  from: string;
  body: string;
  media: { url: string; contentType: string }[];
  segments: number;
  optOutType?: 'STOP' | 'START' | 'HELP';
}

/** "A message comes in" (§3.1), parameters in the order Twilio sends them. */
export function sendSmsInbound(sim: Sim, sms: InboundSms): Promise<WebhookRecord> {
  const acct = sim.accounts.sms;
  const params: [string, string][] = [
    ['ToCountry', 'US'],
    ['ToState', ''],
    ['SmsMessageSid', sms.sid],
    ['NumMedia', String(sms.media.length)],
    ['ToCity', ''],
    ['FromZip', ''],
    ['SmsSid', sms.sid],
    ['FromState', ''],
    ['SmsStatus', 'received'],
    ['FromCity', ''],
    ['Body', sms.body],
    ['FromCountry', 'US'],
    ['To', acct.number],
  ];
  if (acct.messagingServiceSid) params.push(['MessagingServiceSid', acct.messagingServiceSid]);
  params.push(['ToZip', ''], ['NumSegments', String(sms.segments)]);
  sms.media.forEach((m, i) => params.push([`MediaContentType${i}`, m.contentType], [`MediaUrl${i}`, m.url]));
  if (sms.optOutType) params.push(['OptOutType', sms.optOutType]);
  params.push(['MessageSid', sms.sid], ['AccountSid', acct.accountSid], ['From', sms.from], ['ApiVersion', '2010-04-01']);
  const deliverTo = webhookUrl(sim.parley, 'sms');
  return sendTwilioForm(sim, deliverTo, acct.publicWebhookUrl ?? deliverTo, params, `inbound ${sms.sid}`);
}

export interface StatusCallback {
  callbackUrl: string;
  sid: string;
  from: string;
  to: string;
  status: 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';
  errorCode?: number;
  messagingServiceSid?: string;
  /** Carrier DLR time on delivered/undelivered, `YYMMDDhhmm`. */
  dlrAt?: number;
}

/** A status callback to the `StatusCallback` URL given on send (§3.4), signed over that URL. */
export function sendSmsStatus(sim: Sim, acct: SmsAccount, cb: StatusCallback): Promise<WebhookRecord> {
  const params: [string, string][] = [];
  if (cb.errorCode !== undefined) params.push(['ErrorCode', String(cb.errorCode)]);
  params.push(['SmsSid', cb.sid], ['SmsStatus', cb.status], ['MessageStatus', cb.status], ['To', cb.to]);
  if (cb.messagingServiceSid) params.push(['MessagingServiceSid', cb.messagingServiceSid]);
  if (cb.dlrAt !== undefined) params.push(['RawDlrDoneDate', dlrDate(cb.dlrAt)]);
  params.push(['MessageSid', cb.sid], ['AccountSid', acct.accountSid], ['From', cb.from], ['ApiVersion', '2010-04-01']);
  // The fragment carries Twilio's connection overrides (#rc=…); it is never part of the request.
  const url = cb.callbackUrl.split('#')[0] ?? cb.callbackUrl;
  return sendTwilioForm(sim, url, url, params, `status ${cb.status} ${cb.sid}`);
}

function dlrDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}`;
}
