import type { Transaction } from 'kysely';
import type { ConversationState, Outcome } from '@parley/core';
import * as store from '@parley/storage';
import type { Database, MessageRecord } from '@parley/storage';
import type { AppCore } from '../core';
import { customerAgents } from '../customer-view';
import { agentDto, messageDto, offerDto } from '../dto';
import { noticeRecord } from './notices';
import { publish, stamp, type EventItem } from './stamp';

export type Trx = Transaction<Database>;
type Notice = { conv: ConversationState; rec: MessageRecord };

/**
 * The one commit path of routing decisions: stores an engine outcome in one transaction
 * (conversations, agent states, notices, events, and `extra` work), then publishes it to agents,
 * then tells the channels (notices before statuses: the customer reads why before "ended").
 */
export async function applyOutcome(core: AppCore, outcome: Outcome, extra?: (trx: Trx) => Promise<void>): Promise<void> {
  if (!extra && !outcome.events.length && !outcome.conversations.length && !outcome.agents.length) return;
  const now = core.now;
  const { items, notices } = outcomeEvents(core, outcome, now);
  const { events, done } = await stamp(core.seqs, () => core.now, items, (events) => core.deps.committer.run(async (trx) => {
    if (extra) await extra(trx);
    for (const c of outcome.conversations) {
      const meta = core.meta.get(c.id);
      await store.upsertConversation(trx, {
        id: c.id,
        channel: c.channel,
        entryPointId: meta?.entryPointId ?? '',
        queueId: c.queueId,
        customerId: meta?.customer.id ?? '',
        status: c.status,
        ownerAgentId: c.ownerAgentId,
        state: c,
        offerDeadline: c.offer?.deadline ?? null,
        maxWaitDeadline: c.maxWaitDeadline,
        createdAt: c.createdAt,
        updatedAt: now,
        closedAt: c.status === 'closed' ? now : null,
      });
    }
    for (const a of outcome.agents) {
      await store.updateAgentRuntime(trx, { id: a.id, state: a.state, idleReasonId: a.idleReasonId, stateChangedAt: a.stateChangedAt, readySince: a.readySince });
    }
    for (const n of notices) await store.insertMessage(trx, n.rec);
    await store.insertEvents(trx, events.map((e) => e.record));
  }));
  await done;

  publish(core.hub, events);
  const { adapters, fileUrl, metrics } = core.deps;
  for (const n of notices) {
    if (n.rec.direction === 'outbound') void adapters.byChannel.get(n.conv.channel)?.deliver(n.conv.id, messageDto(n.rec, fileUrl));
  }
  for (const c of outcome.conversations) {
    adapters.byChannel.get(c.channel)?.statusChanged(c.id, c.status, customerAgents(c, (id) => core.directory.agentName(id)));
    if (c.status === 'closed') {
      core.meta.delete(c.id);
      core.sessionSockets.expireConversation(c.id, now + core.webchatTokenTtlMs);
    }
  }
  for (const qid of outcome.queueIds) metrics.queueWaiting.set({ queue: qid }, core.engine.waitingCount(qid));
  core.onApplied?.();
}

/** The agent events and notice messages an outcome makes (and its metrics), not yet numbered. */
function outcomeEvents(core: AppCore, outcome: Outcome, now: number): { items: EventItem[]; notices: Notice[] } {
  const { metrics, fileUrl } = core.deps;
  const items: EventItem[] = [];
  const notices: Notice[] = [];
  const convById = new Map(outcome.conversations.map((c) => [c.id, c]));
  // An agent whose offer was withdrawn still hears how that conversation went on.
  const withdrawnFrom = new Map<string, Set<string>>();

  for (const e of outcome.events) {
    switch (e.type) {
      case 'offer.created': {
        const c = convById.get(e.conversationId);
        const dto = c && core.conversationDto(c);
        if (dto) items.push({ agentId: e.offer.agentId, conversationId: e.conversationId, event: { type: 'offer.created', offer: offerDto(e.conversationId, e.offer), conversation: dto } });
        metrics.offers.inc();
        break;
      }
      case 'offer.withdrawn':
        items.push({ agentId: e.agentId, conversationId: e.conversationId, event: { type: 'offer.withdrawn', conversationId: e.conversationId, agentId: e.agentId, reason: e.reason } });
        if (!withdrawnFrom.has(e.conversationId)) withdrawnFrom.set(e.conversationId, new Set());
        withdrawnFrom.get(e.conversationId)!.add(e.agentId);
        break;
      case 'rona':
        metrics.rona.inc();
        break;
      case 'notice': {
        if (e.code === 'abandoned') metrics.abandoned.inc();
        const c = convById.get(e.conversationId);
        if (c) notices.push({ conv: c, rec: noticeRecord(core.directory, c, e.code, { agentId: e.agentId, queueId: e.queueId }, now) });
        break;
      }
      default:
        break;
    }
  }
  for (const n of notices) {
    const dto = messageDto(n.rec, fileUrl);
    for (const agentId of core.audience(n.conv, withdrawnFrom.get(n.conv.id))) {
      items.push({ agentId, conversationId: n.conv.id, event: { type: 'message.created', message: dto } });
    }
  }
  for (const c of outcome.conversations) {
    const dto = core.conversationDto(c);
    if (!dto) continue;
    for (const agentId of core.audience(c, withdrawnFrom.get(c.id))) {
      items.push({ agentId, conversationId: c.id, event: { type: 'conversation.updated', conversation: dto } });
    }
  }
  for (const a of outcome.agents) {
    const dto = agentDto(core.directory, core.engine, a.id, a);
    if (dto) items.push({ agentId: null, conversationId: null, event: { type: 'agent.updated', agent: dto } });
  }
  return { items, notices };
}
