import { graphId, mid, twilioSid, wamid } from '../ids';
import { messengerCdnUrl } from '../media-url';
import { SAMPLES } from '../samples';
import type { Sim } from '../sim';
import type { ChatEntry, WebhookRecord } from '../state';
import { smsSegments } from '../twilio/segments';
import { sendMessengerFromCustomer, sendMessengerRead } from '../webhooks/messenger';
import { sendSmsInbound } from '../webhooks/twilio';
import { sendWhatsAppInbound, sendWhatsAppStatus } from '../webhooks/whatsapp';
import { type CustomerAction, type CustomerSend, isMedia } from './input';

type Obj = Record<string, unknown>;

export interface Sent {
  entry: ChatEntry;
  /** Settles once Parley acknowledged the webhook (or the simulator gave up retrying). */
  delivered: Promise<WebhookRecord>;
}

/** The customer does something: it lands in the chat and goes to Parley as that provider's webhook. */
export function customerSends(sim: Sim, s: CustomerSend): Sent {
  sim.state.upsertCustomer({ channel: s.channel, id: s.customer, name: s.name });
  if (s.channel === 'whatsapp') return whatsapp(sim, s);
  if (s.channel === 'messenger') return messenger(sim, s);
  return sms(sim, s);
}

function chat(sim: Sim, s: CustomerSend, id: string, shown: Partial<ChatEntry>): ChatEntry {
  return sim.state.addChat({ id, channel: s.channel, customer: s.customer, direction: 'in', status: 'sent', ...shown });
}

function describe(a: CustomerAction): Partial<ChatEntry> {
  if (a.kind === 'text') return { text: a.text };
  if (isMedia(a)) {
    const sample = SAMPLES[a.kind];
    return { media: { kind: a.kind, mimeType: sample.mimeType, filename: sample.filename, ...(a.caption ? { caption: a.caption } : {}) } };
  }
  if (a.kind === 'location') return { note: `📍 ${a.name ?? ''} ${a.latitude},${a.longitude}`.trim() };
  if (a.kind === 'reaction') return { note: a.emoji ? `reacted ${a.emoji} to ${a.messageId}` : `removed reaction on ${a.messageId}` };
  return { text: a.button.title, note: `tapped ${a.button.kind} ${a.button.id}` };
}

function whatsapp(sim: Sim, s: CustomerSend): Sent {
  const a = s.action;
  const id = wamid();
  let message: Obj;
  if (a.kind === 'text') message = { type: 'text', text: { body: a.text } };
  else if (isMedia(a)) {
    const sample = SAMPLES[a.kind];
    const stored = sim.state.putMedia(graphId(), sample.bytes, sample.mimeType, sample.filename);
    const media: Obj = { id: stored.id, mime_type: stored.mimeType, sha256: stored.sha256 };
    if (a.kind === 'document') media.filename = sample.filename;
    if (a.caption) media.caption = a.caption;
    message = { type: a.kind, [a.kind]: media };
  } else if (a.kind === 'location') {
    const location: Obj = { latitude: a.latitude, longitude: a.longitude };
    if (a.name) location.name = a.name;
    if (a.address) location.address = a.address;
    message = { type: 'location', location };
  } else if (a.kind === 'reaction') message = { type: 'reaction', reaction: { message_id: a.messageId, emoji: a.emoji } };
  else {
    const context = { from: sim.accounts.whatsapp.displayPhoneNumber, id: a.messageId };
    const { kind, id: buttonId, title } = a.button;
    if (kind === 'template_button') message = { context, type: 'button', button: { payload: buttonId, text: title } };
    else if (kind === 'list_reply') message = { context, type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: buttonId, title } } };
    else message = { context, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: buttonId, title } } };
  }
  const entry = chat(sim, s, id, describe(a));
  return { entry, delivered: sendWhatsAppInbound(sim, s.customer, s.name, id, message) };
}

function messenger(sim: Sim, s: CustomerSend): Sent {
  const a = s.action;
  const id = mid();
  let body: Obj;
  if (a.kind === 'text') body = { message: { mid: id, text: a.text } };
  else if (isMedia(a)) {
    const sample = SAMPLES[a.kind];
    sim.state.putMedia(id, sample.bytes, sample.mimeType, sample.filename);
    body = { message: { mid: id, attachments: [{ type: a.kind === 'image' ? 'image' : 'file', payload: { url: messengerCdnUrl(sim, id) } }] } };
  } else if (a.kind === 'reaction') {
    body = { reaction: a.emoji ? { mid: a.messageId, action: 'react', emoji: a.emoji, reaction: reactionName(a.emoji) } : { mid: a.messageId, action: 'unreact' } };
  } else if (a.kind === 'button' && a.button.kind === 'postback') {
    body = { postback: { mid: id, title: a.button.title, payload: a.button.id } };
  } else if (a.kind === 'button') {
    body = { message: { mid: id, text: a.button.title, quick_reply: { payload: a.button.id } } };
  } else body = { message: { mid: id, text: 'location' } };
  const entry = chat(sim, s, id, describe(a));
  return { entry, delivered: sendMessengerFromCustomer(sim, s.customer, body, `inbound ${a.kind} ${id}`) };
}

/** Messenger names a few reactions; anything else is `other`. */
function reactionName(emoji: string): string {
  const names: Record<string, string> = { '😆': 'smile', '😮': 'wow', '😢': 'sad', '😠': 'angry', '👍': 'like', '❤': 'love', '❤️': 'love' };
  return names[emoji] ?? 'other';
}

/** Twilio Advanced Opt-Out keywords (§3.1): STOP sets the opted-out switch, START clears it. */
const OPT_OUT: Record<string, 'STOP' | 'START' | 'HELP'> = { STOP: 'STOP', STOPALL: 'STOP', UNSUBSCRIBE: 'STOP', CANCEL: 'STOP', END: 'STOP', QUIT: 'STOP', START: 'START', UNSTOP: 'START', YES: 'START', HELP: 'HELP', INFO: 'HELP' };

function sms(sim: Sim, s: CustomerSend): Sent {
  const a = s.action;
  const sid = twilioSid(isMedia(a) ? 'MM' : 'SM');
  const text = a.kind === 'text' ? a.text : isMedia(a) ? (a.caption ?? '') : '';
  const media: { url: string; contentType: string }[] = [];
  if (isMedia(a)) {
    const sample = SAMPLES[a.kind];
    const mediaSid = twilioSid('ME');
    sim.state.putMedia(mediaSid, sample.bytes, sample.mimeType, sample.filename);
    media.push({ url: `${sim.baseUrl()}/2010-04-01/Accounts/${sim.accounts.sms.accountSid}/Messages/${sid}/Media/${mediaSid}`, contentType: sample.mimeType });
  }
  const optOutType = OPT_OUT[text.trim().toUpperCase()];
  if (optOutType === 'STOP') sim.state.failures.sms.optedOut = true;
  if (optOutType === 'START') sim.state.failures.sms.optedOut = false;
  const entry = chat(sim, s, sid, describe(a));
  const inbound = { sid, from: s.customer, body: text, media, segments: smsSegments(text), ...(optOutType ? { optOutType } : {}) };
  return { entry, delivered: sendSmsInbound(sim, inbound) };
}

/**
 * The customer opens the chat: WhatsApp `read` statuses for each message not yet read, or a
 * Messenger read watermark. SMS has no read receipts.
 */
export function customerReads(sim: Sim, channel: 'whatsapp' | 'messenger', customer: string): Promise<WebhookRecord[]> {
  const unread = sim.state.chat.filter((e) => e.channel === channel && e.customer === customer && e.direction === 'out' && (e.status === 'sent' || e.status === 'delivered'));
  if (channel === 'whatsapp') return Promise.all(unread.map((e) => sendWhatsAppStatus(sim, e, 'read')));
  for (const e of unread) sim.state.setStatus(e, 'read');
  return Promise.all([sendMessengerRead(sim, customer, sim.state.now())]);
}
