import type { EventTime, InboundEvent, MediaRef, MessageContent, ParseOptions } from '../pipeline/inbound-events';
import { describe, notice } from '../pipeline/notice';
import { compact, num } from '../pipeline/read';
import { renderContent } from '../pipeline/render';
import { TWILIO_ERROR_TITLES, TWILIO_STATUS } from './status';

/** Twilio allows at most 10 media per message (MediaUrl0 … MediaUrl9). */
const MAX_MEDIA = 10;

/**
 * A Twilio Messaging webhook's form parameters (signature already checked) → events: an inbound
 * message (§3.1), plus a notice when Advanced Opt-Out matched (`OptOutType`), or a status callback
 * (§3.4). Twilio bodies carry no timestamp: `at` is `options.receivedAt`. Never throws.
 */
export function parseSmsWebhook(form: URLSearchParams | string, options: ParseOptions = {}): InboundEvent[] {
  const params = typeof form === 'string' ? new URLSearchParams(form) : form;
  const at: EventTime = options.receivedAt ?? null;
  const get = (k: string): string | undefined => params.get(k) ?? undefined;
  const sid = get('MessageSid') || get('SmsMessageSid') || get('SmsSid');
  const providerStatus = (get('MessageStatus') || get('SmsStatus') || '').toLowerCase();
  if (providerStatus && providerStatus !== 'received' && providerStatus !== 'receiving') return [statusEvent(get, sid, providerStatus, at)];
  const from = get('From');
  const to = get('To');
  if (!sid || !from || !to) {
    return [notice('invalid_payload', 'inbound message without MessageSid, From or To', at, compact({ entryPointKey: to, providerMessageId: sid }))];
  }
  const media = mediaRefs(get);
  const content = contentOf(get, media);
  const events: InboundEvent[] = [
    compact({
      type: 'message' as const,
      entryPointKey: to,
      providerMessageId: sid,
      customer: compact({ externalId: from, phone: withoutChannelPrefix(from), name: get('ProfileName') || undefined }),
      at,
      text: get('Body') ?? renderContent(content),
      content,
      media,
      replyToProviderId: get('OriginalRepliedMessageSid') || undefined,
      forwarded: get('Forwarded') === 'true' || get('FrequentlyForwarded') === 'true' || undefined,
    }),
  ];
  const optOut = get('OptOutType');
  if (optOut) {
    const where = { entryPointKey: to, providerMessageId: sid, customerExternalId: from };
    events.push(notice(`sms_${optOut.toLowerCase()}`, `the customer sent an opt-out keyword (${optOut})`, at, where));
  }
  return events;
}

function statusEvent(get: (k: string) => string | undefined, sid: string | undefined, providerStatus: string, at: EventTime): InboundEvent {
  const entryPointKey = get('From') || get('MessagingServiceSid');
  const status = TWILIO_STATUS[providerStatus];
  if (!sid || !entryPointKey || !status) {
    const where = compact({ entryPointKey, providerMessageId: sid });
    return notice('unsupported_status', `status callback ${describe(providerStatus)} for ${describe(sid ?? null)} is not handled`, at, where);
  }
  const code = get('ErrorCode') || (providerStatus === 'canceled' ? 'canceled' : undefined);
  const title = code ? (TWILIO_ERROR_TITLES[code] ?? (code === 'canceled' ? 'Message canceled' : `Twilio error ${code}`)) : undefined;
  return compact({
    type: 'status' as const,
    entryPointKey,
    providerMessageId: sid,
    status,
    providerStatus,
    at,
    recipientId: get('To') || undefined,
    error: code && title ? { code, title, message: get('ErrorMessage') || title } : undefined,
  });
}

/** `MediaUrl{N}`/`MediaContentType{N}`; Twilio-hosted media needs HTTP Basic auth when enforced. */
function mediaRefs(get: (k: string) => string | undefined): MediaRef[] {
  const declared = num(get('NumMedia'));
  const count = Math.min(declared === undefined ? MAX_MEDIA : Math.max(0, Math.floor(declared)), MAX_MEDIA);
  const media: MediaRef[] = [];
  for (let i = 0; i < count; i++) {
    const url = get(`MediaUrl${i}`);
    if (!url) continue;
    media.push(compact({ kind: 'url' as const, url, mimeType: get(`MediaContentType${i}`) || undefined, auth: isTwilioHosted(url) ? 'twilio_basic' : 'none' }));
  }
  return media;
}

function isTwilioHosted(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'twilio.com' || host.endsWith('.twilio.com');
  } catch {
    return false;
  }
}

/** Plain SMS is text; MMS takes the first media's type; WhatsApp-via-Twilio adds locations and buttons. */
function contentOf(get: (k: string) => string | undefined, media: MediaRef[]): MessageContent {
  const body = get('Body') ?? '';
  const latitude = num(get('Latitude'));
  const longitude = num(get('Longitude'));
  if (latitude !== undefined && longitude !== undefined) {
    return compact({ type: 'location', latitude, longitude, name: get('Label') || undefined, address: get('Address') || undefined });
  }
  const payload = get('ButtonPayload');
  if (payload) return { type: 'button', payload, text: get('ButtonText') ?? body };
  const first = media[0];
  if (!first) return { type: 'text', body };
  const mime = (first.mimeType ?? '').toLowerCase();
  const caption = body || undefined;
  if (mime.startsWith('image/')) return compact({ type: 'image', caption });
  if (mime.startsWith('video/')) return compact({ type: 'video', caption });
  if (mime.startsWith('audio/')) return { type: 'audio', voice: false };
  return compact({ type: 'document', caption });
}

/** `whatsapp:+1…` (Twilio's WhatsApp and other channels) → `+1…`. */
function withoutChannelPrefix(address: string): string {
  const i = address.indexOf(':');
  return i >= 0 ? address.slice(i + 1) : address;
}
