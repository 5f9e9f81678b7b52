import type { ChannelAdapter, EchoEvent } from '@parley/channels';
import * as store from '@parley/storage';
import type { EntryPointRecord } from '@parley/storage';
import type { AppCore } from '../core';
import { messageRecord } from '../messages/message-record';
import { openConversation } from './conversation-for';

/** How the thread names a message someone wrote in the provider's own inbox. */
export const WRITTEN_ELSEWHERE = 'Page inbox';

/**
 * The page's own message coming back (Messenger `is_echo`). One we sent carries our message id as
 * metadata, or is already stored under its provider id: nothing to add. One typed in Meta's inbox is
 * shown in the customer's open conversation as an agent message written elsewhere; it never routes.
 */
export async function receiveEcho(core: AppCore, adapter: ChannelAdapter, ep: EntryPointRecord, e: EchoEvent): Promise<void> {
  const db = core.deps.db.kysely;
  if (await store.getMessageByProviderId(db, adapter.channel, e.providerMessageId)) return;
  if (e.metadata) {
    const ours = await store.getMessage(db, e.metadata);
    if (ours && ours.channel === adapter.channel) return;
  }
  const customer = await store.findCustomerByExternalIds(db, adapter.channel, [e.customerExternalId]);
  const c = customer && openConversation(core, ep.id, customer.id);
  if (!c) {
    core.deps.log.info({ channel: adapter.channel, entryPoint: ep.id }, 'inbound: a message written in the provider inbox, with no open conversation: not shown');
    return;
  }
  const rec = messageRecord(c, {
    direction: 'outbound',
    author: { type: 'agent', id: null, name: WRITTEN_ELSEWHERE },
    text: e.text,
    providerId: e.providerMessageId,
    status: 'sent',
    createdAt: core.now,
    details: { external: true, ...(e.content.type === 'text' ? {} : { content: e.content }) },
  });
  await core.storeMessage(c, rec);
}
