import type { AgentEvent } from '@parley/protocol';
import * as store from '@parley/storage';
import type { CustomerRecord, OutboxEnqueue } from '@parley/storage';
import type { AppCore } from '../core';
import { providerContext } from '../channels/provider-context';
import type { JobHandler } from '../outbox/handlers';
import { commitWithEvents } from '../publish/commit-events';

export const PROFILE_JOB = 'profile';

/** A name lookup for a customer the provider named only by an id (Messenger PSID). */
export function profileJobFor(core: AppCore, customer: CustomerRecord, conversationId: string, entryPointId: string, now: number): OutboxEnqueue | undefined {
  if (!core.deps.channels.get(customer.channel)?.profile) return undefined;
  return {
    id: `${customer.id}:profile`,
    kind: PROFILE_JOB,
    channel: customer.channel,
    // Its own order group: a failing lookup must not hold the conversation's sends back.
    conversationId: `${conversationId}/profile`,
    messageId: null,
    entryPointId,
    payload: { customerId: customer.id, externalId: customer.externalId },
    nextAttemptAt: now,
    createdAt: now,
  };
}

/** Looks the name up and shows it in the customer's open conversations. */
export function profileHandler(core: AppCore): JobHandler {
  return {
    async perform(job, signal) {
      const profile = core.deps.channels.get(job.channel)?.profile;
      if (!profile) return { ok: false, retryable: false, code: 'invalid_request', reason: `${job.channel} has no profiles` };
      const ctx = providerContext(core, job.entryPointId, signal);
      if ('ok' in ctx) return ctx;
      const { customerId, externalId } = job.payload as { customerId: string; externalId: string };
      const got = await profile(externalId, ctx);
      if (!got.ok) return got;
      if (got.name) await rename(core, customerId, got.name);
      return { ok: true, providerId: '' };
    },
  };
}

async function rename(core: AppCore, customerId: string, name: string): Promise<void> {
  const items: { agentId: string; conversationId: string; event: AgentEvent }[] = [];
  for (const [id, meta] of core.meta) {
    if (meta.customer.id !== customerId) continue;
    meta.customer = { ...meta.customer, name };
    const c = core.engine.getConversation(id);
    const dto = c && core.conversationDto(c);
    if (c && dto) for (const agentId of core.audience(c)) items.push({ agentId, conversationId: id, event: { type: 'conversation.updated', conversation: dto } });
  }
  await commitWithEvents(core, items, (trx) => store.renameCustomer(trx, customerId, name));
}
