import type { OutboxEnqueue } from '@parley/storage';
import type { AppCore } from '../core';
import { providerContext } from '../channels/provider-context';
import type { JobHandler } from '../outbox/handlers';

export const MARK_READ_JOB = 'mark_read';

/** Tells the provider an agent read a customer's message (WhatsApp's blue ticks); once per message. */
export function markReadJobFor(core: AppCore, m: { id: string; conversationId: string; channel: string; providerId: string }, now: number): OutboxEnqueue | undefined {
  const meta = core.meta.get(m.conversationId);
  if (!meta || !core.deps.channels.get(m.channel)?.markRead) return undefined;
  return {
    id: `${m.id}:read`,
    kind: MARK_READ_JOB,
    channel: m.channel,
    // Its own order group: read receipts need no order and must not wait behind a reply.
    conversationId: `${m.conversationId}/read`,
    messageId: m.id,
    entryPointId: meta.entryPointId,
    payload: { providerMessageId: m.providerId },
    nextAttemptAt: now,
    createdAt: now,
  };
}

export function markReadHandler(core: AppCore): JobHandler {
  return {
    async perform(job, signal) {
      const markRead = core.deps.channels.get(job.channel)?.markRead;
      if (!markRead) return { ok: false, retryable: false, code: 'invalid_request', reason: `${job.channel} has no read receipts to send` };
      const ctx = providerContext(core, job.entryPointId, signal);
      if ('ok' in ctx) return ctx;
      const res = await markRead((job.payload as { providerMessageId: string }).providerMessageId, ctx);
      return res.ok ? { ok: true, providerId: '' } : res;
    },
  };
}
