import type { Sim } from '../sim';
import type { ChatEntry, WebhookRecord } from '../state';
import { sendMetaWebhook } from './meta';

type Obj = Record<string, unknown>;

const epochSeconds = (ms: number) => String(Math.floor(ms / 1000));

/** `object/entry/changes/value` around one value, routed by `metadata.phone_number_id` (§2.2). */
function envelope(sim: Sim, value: Obj): Obj {
  const wa = sim.accounts.whatsapp;
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: wa.wabaId,
        changes: [
          {
            value: { messaging_product: 'whatsapp', metadata: { display_phone_number: wa.displayPhoneNumber, phone_number_id: wa.phoneNumberId }, ...value },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** A customer's message: `contacts[]` + `messages[]`; `message` holds `type` and its object. */
export function sendWhatsAppInbound(sim: Sim, waId: string, name: string, id: string, message: Obj): Promise<WebhookRecord> {
  const value = {
    contacts: [{ profile: { name }, wa_id: waId }],
    messages: [{ from: waId, id, timestamp: epochSeconds(sim.state.now()), ...message }],
  };
  return sendMetaWebhook(sim, 'whatsapp', envelope(sim, value), `inbound ${String(message.type)} ${id}`);
}

export interface StatusError {
  code: number;
  title: string;
  message: string;
  details: string;
}

export const RE_ENGAGEMENT: StatusError = {
  code: 131047,
  title: 'Re-engagement message',
  message: 'Re-engagement message',
  details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
};

/** One `statuses[]` entry for a message Parley sent; the chat entry moves to that status. */
export function sendWhatsAppStatus(sim: Sim, entry: ChatEntry, status: 'sent' | 'delivered' | 'read' | 'failed', extra: { opaque?: string; template?: boolean; error?: StatusError } = {}): Promise<WebhookRecord> {
  const s: Obj = { id: entry.id, status, timestamp: epochSeconds(sim.state.now()), recipient_id: entry.customer };
  if (status !== 'failed' && status !== 'read') {
    s.pricing = extra.template
      ? { billable: true, pricing_model: 'PMP', category: 'utility' }
      : { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' };
  }
  if (extra.error) {
    const e = extra.error;
    s.errors = [{ code: e.code, title: e.title, message: e.message, error_data: { details: e.details }, href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/' }];
  }
  const opaque = extra.opaque ?? entry.callbackData;
  if (opaque !== undefined) s.biz_opaque_callback_data = opaque;
  sim.state.setStatus(entry, status, extra.error ? `${extra.error.code} ${extra.error.title}` : undefined);
  return sendMetaWebhook(sim, 'whatsapp', envelope(sim, { statuses: [s] }), `status ${status} ${entry.id}`);
}
