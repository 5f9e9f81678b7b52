import type { ChannelAdapter, MessageEvent } from '@parley/channels';
import * as store from '@parley/storage';
import type { EntryPointRecord, MessageDetails } from '@parley/storage';
import type { AppCore } from '../core';
import { messageRecord } from '../messages/message-record';
import { conversationFor, openConversation } from './conversation-for';
import { customerFor, storeNewCustomer } from './customers';
import { mediaJobFor } from './media-job';
import { answerIfClosed } from './out-of-hours';
import { profileJobFor } from './profile-job';

/** Plain text and bare media need no content block; everything else is shown by kind. */
const PLAIN = new Set(['text', 'image', 'video', 'audio', 'document']);

/**
 * A customer's message: stored once per provider id (a retry routes nothing and downloads nothing),
 * in their open conversation or a new queued one, with a media download job in the same write.
 */
export async function receiveMessage(core: AppCore, adapter: ChannelAdapter, ep: EntryPointRecord, e: MessageEvent): Promise<void> {
  const now = core.now;
  const { customer, created } = await customerFor(core, adapter.channel, e.customer, now);
  // A retry (or the same id under another sender) must not open a conversation for a message stored
  // earlier; in an open conversation the insert itself drops the duplicate.
  const open = openConversation(core, ep.id, customer.id);
  if (!open && (await store.getMessageByProviderId(core.deps.db.kysely, adapter.channel, e.providerMessageId))) return;
  const c = await conversationFor(core, ep, customer, now, created ? (trx) => storeNewCustomer(trx, customer) : undefined);
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
  // The message that opened the conversation: answered once while its queue is closed.
  if (!stored.duplicate && !open) await answerIfClosed(core, c);
  // A name lookup for a new customer known only by an id; lost in a crash right here, the id stays their name.
  const lookup = created && !e.customer.name ? profileJobFor(core, customer, c.id, ep.id, now) : undefined;
  if (lookup) {
    await core.deps.committer.run((trx) => store.enqueueOutbox(trx, lookup));
    core.onEnqueued?.();
  }
}

async function detailsOf(core: AppCore, channel: string, e: MessageEvent): Promise<MessageDetails | null> {
  const d: MessageDetails = {};
  // A voice note is audio the agent should know was recorded as one.
  if (!PLAIN.has(e.content.type) || (e.content.type === 'audio' && e.content.voice)) d.content = e.content;
  if (e.forwarded) d.forwarded = true;
  if (e.referral) d.referral = e.referral;
  if (e.replyToProviderId) {
    const quoted = await store.getMessageByProviderId(core.deps.db.kysely, channel, e.replyToProviderId);
    if (quoted) d.replyTo = { messageId: quoted.id, text: quoted.text.slice(0, 200) };
  }
  return Object.keys(d).length ? d : null;
}
