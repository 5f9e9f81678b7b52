import type { ChannelAdapter, IdentityChangedEvent } from '@parley/channels';
import * as store from '@parley/storage';
import type { EntryPointRecord } from '@parley/storage';
import type { AppCore } from '../core';
import { noticeRecord } from '../publish/notices';
import { openConversation } from './conversation-for';

/**
 * The provider says a customer's id changed (WhatsApp: a new phone number). The customer keeps their
 * record and history under the new id, replies go to it, and the agent reads the provider's sentence.
 */
export async function receiveIdentityChange(core: AppCore, adapter: ChannelAdapter, ep: EntryPointRecord, e: IdentityChangedEvent): Promise<void> {
  const from = e.previous.waId ?? e.previous.bsuid;
  const to = e.current.waId ?? e.current.bsuid;
  if (!from || !to || from === to) return;
  const phone = e.current.waId ? `+${e.current.waId.replace(/^\+/, '')}` : null;
  const customer = await core.deps.committer.run((trx) => store.changeCustomerExternalId(trx, adapter.channel, from, to, phone));
  if (!customer) return;
  for (const meta of core.meta.values()) {
    if (meta.customer.id !== customer.id) continue;
    meta.externalId = to;
    if (phone) meta.customer = { ...meta.customer, phone };
  }
  const c = openConversation(core, ep.id, customer.id);
  if (!c) return;
  const rec = noticeRecord(core.directory, c, 'customer_identity_changed', {}, core.now, e.text);
  await core.storeMessage(c, { ...rec, providerId: e.providerMessageId });
}
