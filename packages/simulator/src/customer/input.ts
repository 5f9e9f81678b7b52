import type { Channel } from '../config';
import type { OfferedButton } from '../state';

/** What the customer does on the page (or a test through `POST /_sim/customer/send`). */
export interface MediaAction {
  kind: 'image' | 'document';
  caption?: string;
}

export type CustomerAction =
  | { kind: 'text'; text: string }
  | MediaAction
  | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { kind: 'reaction'; messageId: string; emoji: string }
  | { kind: 'button'; messageId: string; button: OfferedButton };

export const isMedia = (a: CustomerAction): a is MediaAction => a.kind === 'image' || a.kind === 'document';

export interface CustomerSend {
  channel: Channel;
  customer: string;
  name: string;
  action: CustomerAction;
}

type Obj = Record<string, unknown>;
const CHANNELS: Channel[] = ['whatsapp', 'messenger', 'sms'];
const BUTTON_KINDS = ['button_reply', 'list_reply', 'template_button', 'quick_reply', 'postback'];
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function parseChannel(v: unknown): Channel | undefined {
  return CHANNELS.includes(v as Channel) ? (v as Channel) : undefined;
}

/** Customer ids as each provider has them: WhatsApp digits, a numeric PSID, an E.164 number. */
export function customerIdError(channel: Channel, id: string): string | undefined {
  if (channel === 'whatsapp' && !/^\d{6,15}$/.test(id)) return 'a WhatsApp customer is a phone number in digits, without +';
  if (channel === 'messenger' && !/^\d{5,20}$/.test(id)) return 'a Messenger PSID is a string of digits';
  if (channel === 'sms' && !/^\+[1-9]\d{6,14}$/.test(id)) return 'an SMS customer is an E.164 number such as +14155551234';
  return undefined;
}

/** Validates the page's request; a string is the reason it was refused. */
export function parseCustomerSend(body: unknown): CustomerSend | string {
  if (typeof body !== 'object' || body === null) return 'send a JSON object';
  const b = body as Obj;
  const channel = parseChannel(b.channel);
  if (!channel) return 'channel must be whatsapp, messenger or sms';
  const customer = str(b.customer);
  const idError = customerIdError(channel, customer);
  if (idError) return idError;
  const action = parseAction(channel, b);
  if (typeof action === 'string') return action;
  return { channel, customer, name: str(b.name) || 'Sim Customer', action };
}

function parseAction(channel: Channel, b: Obj): CustomerAction | string {
  const kind = str(b.kind);
  if (kind === 'text') {
    const text = str(b.text);
    return text ? { kind, text } : 'type a message first';
  }
  if (kind === 'image' || kind === 'document') return str(b.caption) ? { kind, caption: str(b.caption) } : { kind };
  if (kind === 'location') {
    if (channel !== 'whatsapp') return 'only WhatsApp customers can share a location here';
    const latitude = Number(b.latitude);
    const longitude = Number(b.longitude);
    if (!Number.isFinite(latitude) || Math.abs(latitude) > 90 || !Number.isFinite(longitude) || Math.abs(longitude) > 180) return 'latitude and longitude must be numbers';
    const loc: CustomerAction = { kind, latitude, longitude };
    if (str(b.placeName)) loc.name = str(b.placeName);
    if (str(b.address)) loc.address = str(b.address);
    return loc;
  }
  if (kind === 'reaction') {
    if (channel === 'sms') return 'SMS has no reactions';
    const messageId = str(b.messageId);
    return messageId ? { kind, messageId, emoji: str(b.emoji) } : 'pick the message to react to';
  }
  if (kind === 'button') {
    if (channel === 'sms') return 'SMS has no buttons';
    const button = (b.button ?? {}) as Obj;
    const bkind = str(button.kind);
    if (!BUTTON_KINDS.includes(bkind)) return `button.kind must be one of ${BUTTON_KINDS.join(', ')}`;
    const messageId = str(b.messageId);
    // A postback can come from the persistent menu or Get Started, not only from a message.
    if (!messageId && bkind !== 'postback') return 'messageId: which message offered the button';
    return { kind, messageId, button: { kind: bkind as OfferedButton['kind'], id: str(button.id), title: str(button.title) } };
  }
  return 'kind must be text, image, document, location, reaction or button';
}
