import type { ChannelAdapter, MessageEvent } from '@parley/channels';
import * as store from '@parley/storage';
import type { EntryPointRecord, MessageDetails } from '@parley/storage';
import type { AppCore } from '../core';
import { messageRecord } from '../messages/message-record';
import { conversationFor } from './conversation-for';
import { lookupCustomerName } from './customer-name';
import { customerFor } from './customers';
import { mediaJobFor } from './media-job';

/** Plain text and bare media need no content block; everything else is shown by kind. */
const PLAIN = new Set(['text', 'image', 'video', 'audio', 'document']);

/**
 * A customer's message: stored once per provider id (a retry routes nothing and downloads nothing),
 * in their open conversation or a new queued one, with a media download job in the same write.
 */
export async function receiveMessage(core: AppCore, adapter: ChannelAdapter, ep: EntryPointRecord, e: MessageEvent): Promise<void> {
  const db = core.deps.db.kysely;
  if (await store.getMessageByProviderId(db, adapter.channel, e.providerMessageId)) return;
  const now = core.now;
  const customer = await customerFor(core, adapter.channel, e.customer, now, () => lookupCustomerName(core, adapter, ep, e.customer.externalId));
  const c = await conversationFor(core, ep, customer, now);
  const rec = messageRecord(c, {
    direction: 'inbound',
    author: { type: 'customer', id: customer.id, name: customer.name },
    text: e.text,
    providerId: e.providerMessageId,
    status: 'received',
    createdAt: now,
    details: await detailsOf(core, adapter.channel, e),
  });
  const stored = await core.storeMessage(c, rec, mediaJobFor(rec, ep.id, e.media));
  const meta = core.meta.get(c.id);
  if (!stored.duplicate && meta) meta.lastInboundAt = now;
}

async function detailsOf(core: AppCore, channel: string, e: MessageEvent): Promise<MessageDetails | null> {
  const d: MessageDetails = {};
  if (!PLAIN.has(e.content.type)) d.content = e.content;
  if (e.forwarded) d.forwarded = true;
  if (e.referral) d.referral = e.referral;
  if (e.replyToProviderId) {
    const quoted = await store.getMessageByProviderId(core.deps.db.kysely, channel, e.replyToProviderId);
    if (quoted) d.replyTo = { messageId: quoted.id, text: quoted.text.slice(0, 200) };
  }
  return Object.keys(d).length ? d : null;
}
