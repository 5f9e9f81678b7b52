/**
 * Provider webhook bodies as the providers document them (wire-formats §1.2, §2.2, §3.1, §3.4),
 * addressed to the entry points of CHANNEL_FIXTURE. Built here, not with @parley/channels, so the
 * tests don't share the parsers' assumptions.
 */
import { CHANNEL_FIXTURE } from '@parley/testkit';

const { whatsapp: WA, messenger: FB, sms: SMS } = CHANNEL_FIXTURE;
const T0 = 1_764_000_000; // epoch seconds; webhooks are not rejected by age

type Json = Record<string, unknown>;

export const wa = {
  /** One POST: one entry per `values` item's entry index (default: all in one entry), one change each. */
  body(...values: Json[]): string {
    return JSON.stringify(wa.object(values.map((v) => [v])));
  },
  /** `entries[i]` = the change values of entry i. */
  object(entries: Json[][]): Json {
    return { object: 'whatsapp_business_account', entry: entries.map((changes) => ({ id: WA.wabaId, changes: changes.map((value) => ({ field: 'messages', value })) })) };
  },
  value(parts: { contacts?: Json[]; messages?: Json[]; statuses?: Json[]; errors?: Json[] }, phoneNumberId: string = WA.phoneNumberId): Json {
    return { messaging_product: 'whatsapp', metadata: { display_phone_number: WA.displayNumber.slice(1), phone_number_id: phoneNumberId }, ...parts };
  },
  /** A customer's messages in one change (contacts names the sender). */
  inbound(from: string, name: string, ...messages: Json[]): Json {
    return wa.value({ contacts: [{ profile: { name }, wa_id: from }], messages });
  },
  msg(from: string, id: string, type: string, payload: unknown, extra: Json = {}, seconds = 0): Json {
    return { from, id, timestamp: String(T0 + seconds), type, ...(payload === undefined ? {} : { [type]: payload }), ...extra };
  },
  text(from: string, id: string, body: string, extra: Json = {}): Json {
    return wa.msg(from, id, 'text', { body }, extra);
  },
  status(id: string, status: string, recipient: string, extra: Json = {}, seconds = 0): Json {
    return { id, status, timestamp: String(T0 + seconds), recipient_id: recipient, ...extra };
  },
};

export const fb = {
  body(...events: Json[]): string {
    return JSON.stringify(fb.object([events]));
  },
  object(entries: Json[][]): Json {
    return { object: 'page', entry: entries.map((messaging, i) => ({ id: FB.pageId, time: (T0 + i) * 1000, messaging })) };
  },
  event(psid: string, body: Json, ms = 0): Json {
    return { sender: { id: psid }, recipient: { id: FB.pageId }, timestamp: T0 * 1000 + ms, ...body };
  },
  message(psid: string, mid: string, message: Json, ms = 0): Json {
    return fb.event(psid, { message: { mid, ...message } }, ms);
  },
  text(psid: string, mid: string, text: string, ms = 0): Json {
    return fb.message(psid, mid, { text }, ms);
  },
  /** The page's own message coming back (`is_echo`): the page is the sender. */
  echo(psid: string, mid: string, message: Json, ms = 0): Json {
    return { sender: { id: FB.pageId }, recipient: { id: psid }, timestamp: T0 * 1000 + ms, message: { mid, is_echo: true, ...message } };
  },
};

export const sms = {
  /** An inbound SMS/MMS form (§3.1): MediaUrlN/MediaContentTypeN per medium. */
  inbound(from: string, sid: string, body: string, media: { url: string; type: string }[] = []): URLSearchParams {
    const p = new URLSearchParams({
      ToCountry: 'US',
      SmsMessageSid: sid,
      NumMedia: String(media.length),
      SmsSid: sid,
      SmsStatus: 'received',
      Body: body,
      To: SMS.number,
      NumSegments: '1',
      MessageSid: sid,
      AccountSid: SMS.accountSid,
      From: from,
      ApiVersion: '2010-04-01',
    });
    media.forEach((m, i) => {
      p.set(`MediaUrl${i}`, m.url);
      p.set(`MediaContentType${i}`, m.type);
    });
    return p;
  },
  /** A status callback of one of our sends (§3.4): our number is `From`. */
  status(sid: string, status: string, to: string, extra: Record<string, string> = {}): URLSearchParams {
    return new URLSearchParams({ MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, AccountSid: SMS.accountSid, From: SMS.number, To: to, ApiVersion: '2010-04-01', ...extra });
  },
};
