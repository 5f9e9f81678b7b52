import type { Transaction } from 'kysely';
import type { ConversationState, Outcome } from '@parley/core';
import * as store from '@parley/storage';
import type { Database, MessageRecord, OutboxEnqueue } from '@parley/storage';
import { sendJobFor } from '../outbound/send-job';
import { conversationChangedJobFor } from '../outbound/conversation-changed-job';
import type { AppCore } from '../core';
import { agentDto, messageDto, offerDto } from '../dto';
import { reportFactsOf } from '../reports/facts';
import { noticeRecord } from './notices';
import { publish, stamp, type EventItem } from './stamp';

export type Trx = Transaction<Database>;

export interface ApplyOptions {
  /** false: no status jobs for the outcome's conversations — their customers can't be reached (a restart: no socket survived; each widget's `hello` carries the status). */
  tellCustomers?: boolean;
}
type Notice = { conv: ConversationState; rec: MessageRecord; job?: OutboxEnqueue };

/**
 * The one commit path of routing decisions: stores an engine outcome in one transaction
 * (conversations, agent states, notices, events, report facts, `extra` work, and the outbox jobs that tell the
 * customer: notices before statuses, so the customer reads why before "ended"), then publishes it.
 */
export async function applyOutcome(core: AppCore, outcome: Outcome, extra?: (trx: Trx) => Promise<void>, opts: ApplyOptions = {}): Promise<void> {
  if (!extra && !outcome.events.length && !outcome.conversations.length && !outcome.agents.length) return;
  const now = core.now;
  const { items, notices } = outcomeEvents(core, outcome, now);
  // After the notices' jobs: the customer reads why before the new status.
  const statusJobs = opts.tellCustomers === false ? [] : outcome.conversations.map((c) => conversationChangedJobFor(core, c, now)).filter((j) => j !== undefined);
  const facts = reportFactsOf(outcome, now);
  const { events, done } = await stamp(core, () => core.now, items, (events) => core.deps.committer.run(async (trx) => {
    if (extra) await extra(trx);
    // One statement per 200 conversations: a restart's outcome touches thousands.
    await store.upsertConversations(trx, outcome.conversations.map((c) => {
      const meta = core.meta.get(c.id);
      return {
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
      };
    }));
    for (const a of outcome.agents) {
      await store.updateAgentRuntime(trx, { id: a.id, state: a.state, idleReasonId: a.idleReasonId, stateChangedAt: a.stateChangedAt, readySince: a.readySince });
    }
    for (const n of notices) {
      await store.insertMessage(trx, n.rec);
      if (n.job) await store.enqueueOutbox(trx, n.job);
    }
    for (const job of statusJobs) await store.enqueueOutbox(trx, job);
    await store.insertEvents(trx, events.map((e) => e.record));
    if (facts.length) await store.insertReportFacts(trx, facts);
  }));
  await done;

  publish(core.hub, events);
  core.supervision.outcomeApplied(outcome, notices.map((n) => n.rec));
  if (statusJobs.length || notices.some((n) => n.job)) core.onEnqueued?.();
  const { metrics } = core.deps;
  for (const c of outcome.conversations) {
    if (c.status === 'closed') {
      const meta = core.meta.get(c.id);
      if (meta) core.openConversations.delete(meta.entryPointId, meta.customer.id, c.id);
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
        if (!c) break;
        const rec = noticeRecord(core.directory, c, e.code, { agentId: e.agentId, queueId: e.queueId }, now);
        notices.push({ conv: c, rec, job: sendJobFor(core, rec) });
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
