import type { ConversationState } from '@parley/core';
import type { CustomerRecord, EntryPointRecord } from '@parley/storage';
import type { AppCore } from '../core';
import { customerDto } from '../dto';
import { orderedId } from '../ordered-id';
import type { Trx } from '../publish/apply-outcome';

/** The customer's open conversation at this entry point, if any (one that ended no longer takes messages). */
export function openConversation(core: AppCore, entryPointId: string, customerId: string): ConversationState | undefined {
  const id = core.openConversations.get(entryPointId, customerId);
  const c = id ? core.engine.getConversation(id) : undefined;
  return c && c.status !== 'ended' && c.status !== 'closed' ? c : undefined;
}

/**
 * Where a customer's message goes: their open conversation at this entry point, or a new one queued
 * to the entry point's queue (a message after the last one ended starts a new conversation; the agent
 * sees the earlier ones as history). The new conversation is stored and routed before its first
 * message is stored: a crash in between leaves it open, and the provider's retry lands in it.
 */
export async function conversationFor(
  core: AppCore,
  ep: EntryPointRecord,
  customer: CustomerRecord,
  now: number,
  /** A new customer, stored in the same transaction as their first conversation (one commit, not two). */
  storeCustomer?: (trx: Trx) => Promise<void>,
  /** `fresh`: start a new conversation even when one is open (an email that starts a thread); `subject`: shown from the offer on. */
  opts: { fresh?: boolean; subject?: string } = {},
): Promise<ConversationState> {
  const open = opts.fresh ? undefined : openConversation(core, ep.id, customer.id);
  if (open) return open;
  const id = orderedId();
  // The engine decides first, so a refusal (no such queue) leaves nothing behind in memory.
  const outcome = core.engine.enqueue({ id, channel: ep.channel as ConversationState['channel'], queueId: ep.queueId, customerConnected: true }, now);
  core.meta.set(id, { customer: customerDto(customer), externalId: customer.externalId, entryPointId: ep.id, subject: opts.subject ?? null, lastInboundAt: now });
  core.openConversations.set(ep.id, customer.id, id);
  await core.apply(outcome, storeCustomer);
  const c = core.engine.getConversation(id);
  if (!c) throw new Error(`conversation ${id} vanished right after it was queued`);
  return c;
}
