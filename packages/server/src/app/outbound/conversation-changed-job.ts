import type { ConversationState } from '@parley/core';
import type { OutboxEnqueue } from '@parley/storage';
import type { AppCore } from '../core';
import { customerAgents } from '../customer-view';
import type { JobHandler } from '../outbox/handlers';
import { orderedId } from '../ordered-id';

export const CONVERSATION_CHANGED_JOB = 'conversation_changed';

interface Payload {
  status: ConversationState['status'];
  agents: string[];
}

/**
 * Tells the customer the conversation's new status and agents, on channels that can (web chat). An
 * outbox job rather than a direct push, so it reaches the customer after the notices stored before it
 * (the outbox keeps each conversation's jobs in order): "the transfer failed" comes before "ended".
 */
export function conversationChangedJobFor(core: AppCore, c: ConversationState, now: number): OutboxEnqueue | undefined {
  if (!core.deps.channels.get(c.channel)?.conversationChanged) return undefined;
  const meta = core.meta.get(c.id);
  if (!meta) return undefined;
  const payload: Payload = { status: c.status, agents: customerAgents(c, (id) => core.directory.agentName(id)) };
  return {
    id: `${orderedId()}:status`,
    kind: CONVERSATION_CHANGED_JOB,
    channel: c.channel,
    conversationId: c.id,
    messageId: null,
    entryPointId: meta.entryPointId,
    payload,
    nextAttemptAt: now,
    createdAt: now,
  };
}

export function conversationChangedHandler(core: AppCore): JobHandler {
  return {
    async perform(job) {
      const p = job.payload as Payload;
      core.deps.channels.get(job.channel)?.conversationChanged?.(job.conversationId, p.status, p.agents);
      return { ok: true, providerId: '' };
    },
  };
}
