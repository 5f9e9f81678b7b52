import type { ConversationState, Outcome } from '@parley/core';
import type { ReportFact } from '@parley/storage';

/**
 * The report facts one routing outcome makes (pure). Each path of the engine is counted once:
 * - `queued`: every time a conversation joins the back of a queue (new, reopened, transferred or
 *   overflowed in, or requeued after a transfer nobody accepted). A RONA or a logout puts it back
 *   in its old place: not a new entry.
 * - `accepted`: an offer from the queue taken by an agent (not a transfer to an agent nor a
 *   conference invitation); `ms` the wait since it joined the queue.
 * - `rona`: an offer not answered in time (route or transfer; a conference offer is only declined).
 * - `abandoned`: the customer left, or their chat lapsed, while the conversation waited.
 * - `transferred`: out of the queue, by an agent (to a queue or an agent) or by overflow.
 * - `handled`: an owner's part ended (transfer or end); `ms` from their accept.
 */
export function reportFactsOf(outcome: Outcome, now: number): ReportFact[] {
  const convs = new Map(outcome.conversations.map((c) => [c.id, c]));
  const facts: ReportFact[] = [];
  const fact = (c: ConversationState | undefined, f: Omit<ReportFact, 'at' | 'conversationId' | 'channel'>) => {
    // Every event's conversation is in the outcome (the engine touches what it changes).
    if (c) facts.push({ at: now, conversationId: c.id, channel: c.channel, ...f });
  };
  for (const e of outcome.events) {
    switch (e.type) {
      case 'queued':
        fact(convs.get(e.conversationId), { kind: 'queued', queueId: e.queueId, agentId: null, ms: null, detail: null });
        break;
      case 'offer.withdrawn': {
        if (e.reason !== 'accepted' || e.kind !== 'route') break;
        const c = convs.get(e.conversationId);
        // An accept is the whole command: the final state is the one it left.
        if (c) fact(c, { kind: 'accepted', queueId: c.queueId, agentId: e.agentId, ms: Math.max(0, now - c.queuedAt), detail: null });
        break;
      }
      case 'rona':
        fact(convs.get(e.conversationId), { kind: 'rona', queueId: e.queueId, agentId: e.agentId, ms: null, detail: null });
        break;
      case 'ended':
        if (e.waiting && (e.by === 'customer' || e.by === 'abandoned')) {
          fact(convs.get(e.conversationId), { kind: 'abandoned', queueId: e.queueId, agentId: null, ms: null, detail: null });
        }
        break;
      case 'notice': {
        if (e.code !== 'transferred' || e.fromQueueId === undefined) break;
        const to = e.queueId !== undefined ? `queue:${e.queueId}` : `agent:${e.agentId}`;
        fact(convs.get(e.conversationId), { kind: 'transferred', queueId: e.fromQueueId, agentId: e.byAgentId ?? null, ms: null, detail: to });
        break;
      }
      case 'left':
        if (e.role === 'owner') {
          fact(convs.get(e.conversationId), { kind: 'handled', queueId: e.queueId, agentId: e.agentId, ms: Math.max(0, now - e.joinedAt), detail: null });
        }
        break;
      default:
        break;
    }
  }
  return facts;
}

/** The facts of an agent's wrap-up: one per reason chosen, in the queue given (where the agent handled it). */
export function wrapupFacts(c: Pick<ConversationState, 'id' | 'channel' | 'queueId'>, agentId: string, reasonIds: readonly string[], now: number): ReportFact[] {
  return reasonIds.map((reasonId) => ({
    at: now,
    kind: 'wrapup',
    conversationId: c.id,
    queueId: c.queueId,
    channel: c.channel,
    agentId,
    ms: null,
    detail: reasonId,
  }));
}
