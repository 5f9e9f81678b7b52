import type { Sim } from '../sim';
import type { WebhookRecord } from '../state';
import { sendMetaWebhook } from './meta';

type Obj = Record<string, unknown>;

/** `object: page`, one entry with one messaging event; all times in epoch milliseconds (§1.2). */
function envelope(sim: Sim, event: Obj): Obj {
  return { object: 'page', entry: [{ id: sim.accounts.messenger.pageId, time: sim.state.now(), messaging: [event] }] };
}

/** An event from the customer (PSID) to the page: `message`, `postback` or `reaction` in `body`. */
export function sendMessengerFromCustomer(sim: Sim, psid: string, body: Obj, summary: string): Promise<WebhookRecord> {
  const event = { sender: { id: psid }, recipient: { id: sim.accounts.messenger.pageId }, timestamp: sim.state.now(), ...body };
  return sendMetaWebhook(sim, 'messenger', envelope(sim, event), summary);
}

/** The echo of a message the page sent (`message_echoes`), with our app id and the sender's metadata. */
export function sendMessengerEcho(sim: Sim, psid: string, message: Obj): Promise<WebhookRecord> {
  const m = sim.accounts.messenger;
  const event = { sender: { id: m.pageId }, recipient: { id: psid }, timestamp: sim.state.now(), message: { is_echo: true, app_id: m.appId, ...message } };
  return sendMetaWebhook(sim, 'messenger', envelope(sim, event), `echo ${String(message.mid)}`);
}

/** `message_deliveries`: the documented example has no timestamp, only mids and a watermark. */
export function sendMessengerDelivery(sim: Sim, psid: string, mids: string[], watermark: number): Promise<WebhookRecord> {
  const event = { sender: { id: psid }, recipient: { id: sim.accounts.messenger.pageId }, delivery: { mids, watermark } };
  return sendMetaWebhook(sim, 'messenger', envelope(sim, event), `delivery ${mids.join(',')}`);
}

/** `message_reads`: everything the page sent up to the watermark has been read. */
export function sendMessengerRead(sim: Sim, psid: string, watermark: number): Promise<WebhookRecord> {
  return sendMessengerFromCustomer(sim, psid, { read: { watermark } }, `read up to ${watermark}`);
}
