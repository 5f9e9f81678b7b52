import type { ChannelAdapter, StatusEvent, WatermarkEvent } from '@parley/channels';
import * as store from '@parley/storage';
import type { EntryPointRecord } from '@parley/storage';
import type { AppCore } from '../core';
import { applyMessageStatus } from '../publish/message-status';

/**
 * A provider's receipt for one of our messages, found by the provider's id or by the id we gave it
 * (WhatsApp echoes it as callback data: a receipt can beat our own record of the send). A receipt for
 * a message we never sent is acknowledged and ignored.
 */
export async function receiveStatus(core: AppCore, adapter: ChannelAdapter, e: StatusEvent): Promise<void> {
  const db = core.deps.db.kysely;
  let m = await store.getMessageByProviderId(db, adapter.channel, e.providerMessageId);
  if (!m && e.callbackData) {
    const ours = await store.getMessage(db, e.callbackData);
    if (ours?.channel === adapter.channel && ours.direction === 'outbound' && (ours.providerId === null || ours.providerId === e.providerMessageId)) m = ours;
  }
  if (m?.direction !== 'outbound') return;
  const reason = e.error ? `${e.error.code}: ${e.error.title}${e.error.message && e.error.message !== e.error.title ? ` (${e.error.message})` : ''}` : null;
  await applyMessageStatus(core, m.id, { status: e.status, reason, providerId: e.providerMessageId });
}

/** Messenger's watermark: every message we sent the customer at or before it reached this state. */
export async function receiveWatermark(core: AppCore, adapter: ChannelAdapter, ep: EntryPointRecord, e: WatermarkEvent): Promise<void> {
  const db = core.deps.db.kysely;
  const customer = await store.findCustomerByExternalIds(db, adapter.channel, [e.customerExternalId]);
  if (!customer) return;
  const below = e.status === 'read' ? ['pending', 'sent', 'delivered'] : ['pending', 'sent'];
  const messages = await store.listOutboundUpTo(db, { channel: adapter.channel, entryPointId: ep.id, customerId: customer.id, upTo: e.watermark, below, limit: 200 });
  for (const m of messages.reverse()) await applyMessageStatus(core, m.id, { status: e.status });
  for (const mid of e.mids ?? []) {
    const m = await store.getMessageByProviderId(db, adapter.channel, mid);
    if (m?.direction === 'outbound') await applyMessageStatus(core, m.id, { status: e.status });
  }
}
