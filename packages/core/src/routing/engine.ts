import type { ChannelType } from '@parley/protocol';
import { DEFAULT_CHANNEL_RULES } from '@parley/protocol';
import { DomainError } from '../domain/errors';
import type {
  AgentRecord,
  ConversationState,
  DomainEvent,
  Offer,
  Outcome,
  Participant,
  QueueRecord,
} from '../domain/model';
import { ConferenceLines, requireConferenceTarget } from './conference-lines';
import { DeadlineHeap } from './deadline-heap';
import { pickLongestAvailable } from './longest-available';
import { WaitingLine } from './waiting-line';

/** How many conversations at the head of a line are looked at for one offer (head-of-line skips). */
const HEAD_SCAN = 16;

interface QueueRuntime extends QueueRecord {
  line: WaitingLine;
}

export interface NewConversation {
  id: string;
  channel: ChannelType;
  queueId: string;
  /**
   * `false` for a chat whose customer still has to connect (web chat): it is abandoned unless a
   * connection opens within `abandonAfterMs`. Leave out for channels without presence.
   */
  customerConnected?: boolean;
}

export interface EngineOptions {
  /** How long a chat customer may be without a connection before an unaccepted chat is abandoned. */
  abandonAfterMs?: number;
}

export const DEFAULT_ABANDON_AFTER_MS = 60_000;

/** A conversation's routing facts before its first accept (a new one, or one reopened): fresh objects each time. */
function notRoutedYet(): Pick<ConversationState, 'maxWaitDeadline' | 'acceptedAt' | 'abandonDeadline' | 'endedAt' | 'endedBy' | 'overflowedFrom' | 'conferenceRequest'> {
  return { maxWaitDeadline: null, acceptedAt: null, abandonDeadline: null, endedAt: null, endedBy: null, overflowedFrom: [], conferenceRequest: null };
}

/**
 * The router: agent state, capacity, queues and the conversation lifecycle
 * (queued → offered → active → conference → ended → closed, wrap-up per agent).
 *
 * Pure and deterministic: every command takes `now` and returns an `Outcome` (ordered facts and the
 * final state of what it touched). No I/O; the caller persists the outcome, then publishes it.
 * A refused command throws `DomainError` and changes nothing.
 */
export class RoutingEngine {
  private agents = new Map<string, AgentRecord>();
  private queues = new Map<string, QueueRuntime>();
  private conversations = new Map<string, ConversationState>();
  /** Offers and active/wrap-up participations per agent and channel (what capacity counts). */
  private load = new Map<string, Map<ChannelType, number>>();
  private queuesOfAgent = new Map<string, Set<string>>();
  /** Conversations with a pending offer to each agent (logout withdraws them without a scan). */
  private offersOf = new Map<string, Set<string>>();
  private deadlines = new DeadlineHeap();
  /** Conferences asked of a queue, waiting there for one of its agents. */
  private conferenceLines = new ConferenceLines();
  private readonly abandonAfterMs: number;

  constructor(opts: EngineOptions = {}) {
    this.abandonAfterMs = opts.abandonAfterMs ?? DEFAULT_ABANDON_AFTER_MS;
  }

  // Per-command scratch: what the running command touched.
  private events: DomainEvent[] = [];
  private touchedConversations = new Set<string>();
  private touchedAgents = new Set<string>();
  private touchedQueues = new Set<string>();
  /** Agents whose offer was withdrawn: their queues are dispatched when the command ends. */
  private freedAgents = new Set<string>();

  // ---- configuration and restore ----

  /** Adds or replaces an agent's definition, keeping its runtime state when it already exists. */
  upsertAgent(agent: AgentRecord): void {
    const existing = this.agents.get(agent.id);
    if (existing) existing.capacity = { ...agent.capacity };
    else this.agents.set(agent.id, { ...agent, capacity: { ...agent.capacity } });
    if (!this.queuesOfAgent.has(agent.id)) this.queuesOfAgent.set(agent.id, new Set());
  }

  removeAgent(agentId: string): void {
    this.agents.delete(agentId);
  }

  upsertQueue(queue: QueueRecord): void {
    const existing = this.queues.get(queue.id);
    if (existing && existing.channel !== queue.channel) this.requireNoOpenConversationIn(queue.id);
    if (existing) {
      for (const id of existing.memberIds) this.queuesOfAgent.get(id)?.delete(queue.id);
      Object.assign(existing, { ...queue, line: existing.line });
    } else {
      // Conversations restored while their queue was missing wait for it: they take their places now.
      const line = new WaitingLine();
      const waiting = [...this.conversations.values()].filter((c) => c.status === 'queued' && c.queueId === queue.id);
      waiting.sort((a, b) => a.queuedAt - b.queuedAt || cmp(a.id, b.id));
      for (const c of waiting) line.append(c.id, c.queuedAt);
      this.queues.set(queue.id, { ...queue, line });
      for (const c of this.conversations.values()) this.conferenceWaitsAgain(c, queue.id);
    }
    for (const id of queue.memberIds) {
      let set = this.queuesOfAgent.get(id);
      if (!set) this.queuesOfAgent.set(id, (set = new Set()));
      set.add(queue.id);
    }
  }

  /** Refused while a conversation waits, is offered or is handled in the queue (they all need its settings). */
  removeQueue(queueId: string): void {
    const q = this.queues.get(queueId);
    if (!q) return;
    this.requireNoOpenConversationIn(queueId);
    for (const id of q.memberIds) this.queuesOfAgent.get(id)?.delete(queueId);
    this.queues.delete(queueId);
  }

  private requireNoOpenConversationIn(queueId: string): void {
    let n = 0;
    for (const c of this.conversations.values()) {
      if ((c.queueId === queueId && c.status !== 'ended') || c.conferenceRequest?.queueId === queueId) n++;
    }
    if (n > 0) throw new DomainError('PARLEY_ERR_CONFLICT', `The queue still has ${n} open conversation${n === 1 ? '' : 's'}`);
  }

  /** Rebuilds from stored conversations after a restart; deadlines that passed fire on the next tick. */
  restore(conversations: ConversationState[]): void {
    const sorted = [...conversations].sort((a, b) => a.queuedAt - b.queuedAt || cmp(a.id, b.id));
    for (const c of sorted) {
      if (c.status === 'closed') continue;
      const conv = structuredClone(c);
      conv.abandonDeadline ??= null; // stored before presence was tracked
      conv.conferenceRequest ??= null; // stored before conferences to a queue
      this.conversations.set(conv.id, conv);
      // Sorted by queuedAt, so appending rebuilds each line in order (ties by id).
      if (conv.status === 'queued') this.queues.get(conv.queueId)?.line.append(conv.id, conv.queuedAt);
      if (conv.conferenceRequest) this.conferenceWaitsAgain(conv, conv.conferenceRequest.queueId);
      if (conv.offer) {
        this.trackOffer(conv.offer.agentId, conv.id, true);
        this.addLoad(conv.offer.agentId, conv.channel, 1);
        this.deadlines.push({ at: conv.offer.deadline, conversationId: conv.id, kind: 'offer' });
      }
      for (const p of conv.participants) if (p.status !== 'done') this.addLoad(p.agentId, conv.channel, 1);
      if (conv.maxWaitDeadline !== null) {
        this.deadlines.push({ at: conv.maxWaitDeadline, conversationId: conv.id, kind: 'max-wait' });
      }
      if (conv.abandonDeadline !== null) {
        this.deadlines.push({ at: conv.abandonDeadline, conversationId: conv.id, kind: 'abandon' });
      }
    }
  }

  // ---- reads ----

  getAgent(id: string): AgentRecord | undefined {
    return this.agents.get(id);
  }
  getConversation(id: string): ConversationState | undefined {
    return this.conversations.get(id);
  }
  getQueue(id: string): QueueRecord | undefined {
    return this.queues.get(id);
  }
  listAgents(): AgentRecord[] {
    return [...this.agents.values()];
  }
  listQueues(): QueueRecord[] {
    return [...this.queues.values()];
  }
  listConversations(): ConversationState[] {
    return [...this.conversations.values()];
  }
  waitingCount(queueId: string): number {
    return this.queues.get(queueId)?.line.size ?? 0;
  }
  /** When the conversation waiting longest in the queue was queued (null when none waits): O(1). */
  oldestWaitingSince(queueId: string): number | null {
    const q = this.queues.get(queueId);
    return q?.line.size ? (q.line.head(1)[0]?.queuedAt ?? null) : null;
  }
  loadOf(agentId: string): Partial<Record<ChannelType, number>> {
    return Object.fromEntries(this.load.get(agentId) ?? []);
  }
  queueIdsOf(agentId: string): string[] {
    return [...(this.queuesOfAgent.get(agentId) ?? [])];
  }
  /** Agents a conversation may be transferred or conferenced to right now. */
  canTakeNow(agentId: string, channel: ChannelType): boolean {
    const a = this.agents.get(agentId);
    return !!a && a.state === 'available' && this.freeCapacity(a, channel) > 0;
  }
  availableAgentsIn(queueId: string, exceptAgentId?: string): number {
    const q = this.queues.get(queueId);
    if (!q) return 0;
    return q.memberIds.filter((id) => id !== exceptAgentId && this.canTakeNow(id, q.channel)).length;
  }
  /** The earliest pending deadline, so the scheduler knows when to tick next. */
  nextDeadline(): number | undefined {
    return this.deadlines.peek()?.at;
  }

  // ---- commands ----

  setAgentState(agentId: string, state: 'available' | 'idle' | 'offline', idleReasonId: string | null, now: number): Outcome {
    return this.command(now, () => {
      const a = this.requireAgent(agentId);
      const wasAvailable = a.state === 'available';
      // State first: re-routing a withdrawn offer must not pick the agent who is logging out.
      this.changeState(a, state, state === 'idle' ? idleReasonId : null, now);
      if (state === 'offline') {
        for (const id of [...(this.offersOf.get(agentId) ?? [])]) {
          const c = this.conversations.get(id);
          if (c?.offer?.agentId === agentId) this.withdrawOffer(c, 'cancelled', now);
        }
      }
      if (state === 'available') {
        // Only becoming available starts the wait; repeating "Available" keeps the agent's place.
        if (!wasAvailable) a.readySince = now;
        this.dispatch(this.queuesOfAgent.get(agentId) ?? [], now);
      }
    });
  }

  /** A customer's new conversation arrives in a queue. */
  enqueue(conv: NewConversation, now: number): Outcome {
    return this.command(now, () => {
      if (this.conversations.has(conv.id)) throw new DomainError('PARLEY_ERR_CONFLICT', 'Conversation exists');
      const q = this.requireQueue(conv.queueId);
      if (q.channel !== conv.channel) throw new DomainError('PARLEY_ERR_CHANNEL_RULE', 'Queue is for another channel');
      const c: ConversationState = {
        id: conv.id,
        channel: conv.channel,
        queueId: q.id,
        status: 'queued',
        ownerAgentId: null,
        participants: [],
        offer: null,
        createdAt: now,
        queuedAt: now,
        ...notRoutedYet(),
      };
      this.conversations.set(c.id, c);
      if (conv.customerConnected === false) this.startAbandonClock(c, now);
      this.putInLine(c, q, now, 'append');
      this.dispatch([q.id], now);
    });
  }

  /**
   * The customer answered a conversation that was closed (an email reply): it is queued again in
   * `queueId` (its last queue, or the entry point's when that one is gone), or offered straight to its
   * last owner when the queue says `reopenTo: 'lastAgent'` and that agent can take it now. It keeps its
   * id, history and earlier participants; wait and handle times start again.
   */
  reopen(closed: ConversationState, queueId: string, now: number): Outcome {
    return this.command(now, () => {
      if (this.conversations.has(closed.id)) throw new DomainError('PARLEY_ERR_CONFLICT', 'The conversation is still open');
      if (closed.status !== 'closed') throw new DomainError('PARLEY_ERR_INVALID_STATE', 'Only a closed conversation reopens');
      const q = this.requireQueue(queueId);
      if (q.channel !== closed.channel) throw new DomainError('PARLEY_ERR_CHANNEL_RULE', 'Queue is for another channel');
      const lastOwner = closed.ownerAgentId ?? closed.participants.findLast((p) => p.role === 'owner')?.agentId ?? null;
      const c: ConversationState = {
        ...structuredClone(closed),
        queueId: q.id,
        ownerAgentId: null,
        offer: null,
        ...notRoutedYet(),
      };
      this.conversations.set(c.id, c);
      this.emit({ type: 'notice', conversationId: c.id, code: 'reopened', queueId: q.id });
      this.putInLine(c, q, now, 'append');
      const agent = lastOwner && q.reopenTo === 'lastAgent' && q.memberIds.includes(lastOwner) ? this.agents.get(lastOwner) : undefined;
      if (agent && this.eligibility(agent.id, c) !== undefined) this.makeOffer(c, q, agent, 'route', null, now);
      else this.dispatch([q.id], now);
    });
  }

  /**
   * Chat customers who have no connection any more (or none yet, e.g. after a restart). Unless they
   * come back or an agent accepts first, each chat is abandoned `abandonAfterMs` from now. Nothing
   * changes for a chat an agent has accepted, one that ended, or one already counting (the first
   * moment away counts).
   */
  customersAway(conversationIds: readonly string[], now: number): Outcome {
    return this.command(now, () => {
      const convs = conversationIds.map((id) => this.requireConversation(id));
      for (const c of convs) {
        if (c.acceptedAt !== null || c.status === 'ended' || c.abandonDeadline !== null) continue;
        this.startAbandonClock(c, now);
      }
    });
  }

  /** The chat customer is connected again (or wrote): the chat is no longer abandoned. */
  customerBack(conversationId: string, now: number): Outcome {
    return this.command(now, () => {
      const c = this.requireConversation(conversationId);
      if (c.abandonDeadline === null) return;
      c.abandonDeadline = null;
      this.touchConversation(c);
    });
  }

  accept(conversationId: string, agentId: string, now: number): Outcome {
    return this.command(now, () => {
      const c = this.requireConversation(conversationId);
      const offer = c.offer;
      if (!offer || offer.agentId !== agentId) {
        throw new DomainError('PARLEY_ERR_NO_OFFER', 'There is no pending offer for you on this conversation');
      }
      c.offer = null;
      if (offer.kind === 'conference') c.conferenceRequest = null;
      this.trackOffer(agentId, c.id, false);
      this.emit({ type: 'offer.withdrawn', conversationId: c.id, agentId, kind: offer.kind, reason: 'accepted' });
      // Load moves from the offer to the participation: unchanged.
      const role = offer.kind === 'conference' ? 'conferee' : 'owner';
      c.participants.push({ agentId, role, status: 'active', joinedAt: now, leftAt: null });
      if (role === 'owner') {
        c.ownerAgentId = agentId;
        c.status = 'active';
        c.acceptedAt ??= now;
        c.maxWaitDeadline = null;
        c.abandonDeadline = null; // accepted: never abandoned
        this.emit({ type: 'notice', conversationId: c.id, code: 'agent_joined', agentId });
      } else {
        c.status = 'conference';
        this.emit({ type: 'notice', conversationId: c.id, code: 'conference_joined', agentId });
      }
      this.touchConversation(c);
    });
  }

  transferToQueue(conversationId: string, byAgentId: string, queueId: string, now: number): Outcome {
    return this.command(now, () => {
      const c = this.requireConversation(conversationId);
      this.requireOwnerInActive(c, byAgentId);
      const q = this.requireQueue(queueId);
      if (q.channel !== c.channel) {
        throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `A ${c.channel} conversation can only go to a ${c.channel} queue`);
      }
      this.leave(c, byAgentId, now);
      const fromQueueId = c.queueId;
      c.ownerAgentId = null;
      c.queueId = q.id;
      c.overflowedFrom = [];
      this.emit({ type: 'notice', conversationId: c.id, code: 'transferred', queueId: q.id, agentId: byAgentId, fromQueueId, byAgentId });
      this.putInLine(c, q, now, 'append');
      this.dispatch([q.id], now);
    });
  }

  transferToAgent(conversationId: string, byAgentId: string, targetAgentId: string, now: number): Outcome {
    return this.command(now, () => {
      const c = this.requireConversation(conversationId);
      if (!DEFAULT_CHANNEL_RULES[c.channel].transferToAgent) {
        throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `A ${c.channel} conversation transfers only to a queue`);
      }
      this.requireOwnerInActive(c, byAgentId);
      const target = this.requireTarget(c, targetAgentId);
      const q = this.requireQueueOf(c);
      this.leave(c, byAgentId, now);
      c.ownerAgentId = null;
      c.status = 'offered';
      this.emit({ type: 'notice', conversationId: c.id, code: 'transferred', agentId: targetAgentId, fromQueueId: c.queueId, byAgentId });
      this.makeOffer(c, q, target, 'transfer', byAgentId, now);
    });
  }

  inviteToConference(conversationId: string, byAgentId: string, targetAgentId: string, now: number): Outcome {
    return this.command(now, () => {
      const c = this.requireConversation(conversationId);
      requireConferenceTarget(c.channel, 'agent');
      this.requireOwnerInActive(c, byAgentId);
      const target = this.requireTarget(c, targetAgentId);
      const q = this.requireQueueOf(c);
      this.emit({ type: 'notice', conversationId: c.id, code: 'conference_requested', agentId: targetAgentId });
      this.makeOffer(c, q, target, 'conference', byAgentId, now);
    });
  }

  /**
   * A conference asked of a queue (where the channel's rules allow it): offered at once to the
   * queue's longest-available eligible member, or waiting in the queue until one is. The offer
   * times out like an agent's conference offer (declined, no RONA).
   */
  inviteQueueToConference(conversationId: string, byAgentId: string, queueId: string, now: number): Outcome {
    return this.command(now, () => {
      const c = this.requireConversation(conversationId);
      requireConferenceTarget(c.channel, 'queue');
      this.requireOwnerInActive(c, byAgentId);
      const q = this.requireQueue(queueId);
      if (q.channel !== c.channel) {
        throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `A ${c.channel} conversation can only conference a ${c.channel} queue`);
      }
      this.emit({ type: 'notice', conversationId: c.id, code: 'conference_requested', queueId: q.id });
      c.conferenceRequest = { queueId: q.id, byAgentId, requestedAt: now };
      this.conferenceLines.add(q.id, c.id, now);
      this.touchConversation(c);
      this.dispatch([q.id], now);
    });
  }

  /**
   * The owner withdraws a pending conference request (to an agent or to a queue): it stops waiting,
   * its offer is withdrawn, and the owner may transfer or invite again.
   */
  cancelConference(conversationId: string, byAgentId: string, now: number): Outcome {
    return this.command(now, () => {
      const c = this.requireConversation(conversationId);
      const p = c.participants.find((x) => x.agentId === byAgentId && x.status === 'active');
      if (!p) throw new DomainError('PARLEY_ERR_NOT_PARTICIPANT', 'You are not in this conversation');
      if (p.role !== 'owner') throw new DomainError('PARLEY_ERR_NOT_OWNER', 'Only the owner can do this');
      if (c.offer?.kind !== 'conference' && !c.conferenceRequest) {
        throw new DomainError('PARLEY_ERR_INVALID_STATE', 'No conference request is pending on this conversation');
      }
      this.dropConferenceRequest(c, now);
      this.emit({ type: 'notice', conversationId: c.id, code: 'conference_cancelled' });
    });
  }

  /** The invited agent leaves; the owner's chat with the customer continues. */
  exitConference(conversationId: string, agentId: string, now: number): Outcome {
    return this.command(now, () => {
      const c = this.requireConversation(conversationId);
      const p = c.participants.find((x) => x.agentId === agentId && x.status === 'active');
      if (!p) throw new DomainError('PARLEY_ERR_NOT_PARTICIPANT', 'You are not in this conversation');
      if (p.role !== 'conferee') throw new DomainError('PARLEY_ERR_INVALID_STATE', 'The owner ends the conference instead');
      this.leave(c, agentId, now);
      this.emit({ type: 'notice', conversationId: c.id, code: 'conference_left', agentId });
      if (!c.participants.some((x) => x.role === 'conferee' && x.status === 'active')) c.status = 'active';
    });
  }

  /** The owner ends the conversation (also "End conference"): every agent in it goes to wrap-up. */
  endByAgent(conversationId: string, agentId: string, now: number): Outcome {
    return this.command(now, () => {
      const c = this.requireConversation(conversationId);
      const p = c.participants.find((x) => x.agentId === agentId && x.status === 'active');
      if (!p) throw new DomainError('PARLEY_ERR_NOT_PARTICIPANT', 'You are not in this conversation');
      if (p.role !== 'owner') throw new DomainError('PARLEY_ERR_NOT_OWNER', 'Only the owner can end the conversation');
      if (c.status === 'conference') this.emit({ type: 'notice', conversationId: c.id, code: 'conference_ended', agentId });
      this.finish(c, 'agent', now);
    });
  }

  /** The customer left (web chat, WhatsApp) — at any point of the lifecycle. */
  endByCustomer(conversationId: string, now: number): Outcome {
    return this.command(now, () => {
      const c = this.requireConversation(conversationId);
      if (c.status === 'ended' || c.status === 'closed') return;
      this.emit({ type: 'notice', conversationId: c.id, code: 'customer_left' });
      this.finish(c, 'customer', now);
    });
  }

  submitWrapup(conversationId: string, agentId: string, now: number): Outcome {
    return this.command(now, () => {
      const c = this.requireConversation(conversationId);
      const p = c.participants.find((x) => x.agentId === agentId && x.status === 'wrapup');
      if (!p) throw new DomainError('PARLEY_ERR_INVALID_STATE', 'Nothing to wrap up for you on this conversation');
      p.status = 'done';
      this.addLoad(agentId, c.channel, -1);
      this.touchConversation(c);
      this.touchAgent(agentId);
      this.closeIfDone(c, now);
      this.dispatch(this.queuesOfAgent.get(agentId) ?? [], now);
    });
  }

  /**
   * Offers waiting work in every queue to whoever can take it. Needed after `restore()` and after
   * configuration changes (new members, more capacity), which are not commands of their own.
   */
  rebalance(now: number): Outcome {
    return this.command(now, () => this.dispatch(this.queues.keys(), now));
  }

  /** Applies every deadline that has passed by `now` (offer timeouts → RONA, max waits, abandoned chats). */
  tick(now: number): Outcome {
    return this.command(now, () => {
      for (let d = this.deadlines.peek(); d && d.at <= now; d = this.deadlines.peek()) {
        this.deadlines.pop();
        const c = this.conversations.get(d.conversationId);
        if (!c) continue;
        if (d.kind === 'offer' && c.offer && c.offer.deadline === d.at) this.offerTimedOut(c, now);
        else if (d.kind === 'max-wait' && c.maxWaitDeadline === d.at) this.maxWaitPassed(c, now);
        else if (d.kind === 'abandon' && c.abandonDeadline === d.at) this.abandoned(c, now);
      }
    });
  }

  // ---- lifecycle steps ----

  private offerTimedOut(c: ConversationState, now: number): void {
    const offer = c.offer!;
    this.withdrawOffer(c, 'timeout', now, { requeue: false });
    const agent = this.agents.get(offer.agentId);
    if (offer.kind !== 'conference' && agent) {
      this.changeState(agent, 'rona', null, now);
      this.emit({ type: 'rona', agentId: agent.id, conversationId: c.id, queueId: c.queueId });
    }
    if (offer.kind === 'route') {
      this.backInLine(c, now);
    } else if (offer.kind === 'transfer') {
      this.transferNotAccepted(c, now);
    } else {
      this.dropConferenceRequest(c, now);
      this.emit({ type: 'notice', conversationId: c.id, code: 'conference_declined', agentId: offer.agentId });
    }
  }

  /**
   * A withdrawn route offer: back to its place in line. The queue may be gone (removed while the
   * server was down): then nobody can be offered it any more, so it ends rather than wait forever.
   */
  private backInLine(c: ConversationState, now: number): void {
    const q = this.queues.get(c.queueId);
    if (!q) {
      this.emit({ type: 'notice', conversationId: c.id, code: 'no_agent_available' });
      this.finish(c, 'system', now, true);
      return;
    }
    this.putInLine(c, q, now, 'restore');
    this.dispatch([q.id], now);
  }

  private transferNotAccepted(c: ConversationState, now: number): void {
    const q = this.queues.get(c.queueId);
    this.emit({ type: 'notice', conversationId: c.id, code: 'transfer_failed' });
    if (q?.transferFallback === 'requeue') {
      this.putInLine(c, q, now, 'append');
      this.dispatch([q.id], now);
    } else {
      this.finish(c, 'system', now);
    }
  }

  private maxWaitPassed(c: ConversationState, now: number): void {
    if (c.status !== 'queued' && !(c.status === 'offered' && c.offer?.kind === 'route')) return;
    // The queue may be gone (removed while down): then there is no overflow to follow.
    const from = this.queues.get(c.queueId);
    if (c.offer) this.withdrawOffer(c, 'max-wait', now, { requeue: false });
    from?.line.remove(c.id);
    const overflow = from?.overflowQueueId ? this.queues.get(from.overflowQueueId) : undefined;
    if (from && overflow && overflow.channel === c.channel && !c.overflowedFrom.includes(overflow.id)) {
      c.overflowedFrom.push(from.id);
      c.queueId = overflow.id;
      this.emit({ type: 'notice', conversationId: c.id, code: 'transferred', queueId: overflow.id, fromQueueId: from.id });
      this.putInLine(c, overflow, now, 'append');
      this.touchQueue(from.id);
      this.dispatch([overflow.id], now);
      return;
    }
    this.emit({ type: 'notice', conversationId: c.id, code: 'no_agent_available' });
    this.finish(c, 'system', now, true);
  }

  private startAbandonClock(c: ConversationState, now: number): void {
    c.abandonDeadline = now + this.abandonAfterMs;
    this.deadlines.push({ at: c.abandonDeadline, conversationId: c.id, kind: 'abandon' });
    this.touchConversation(c);
  }

  /** The customer stayed away and nobody accepted: the chat ends, its offer is withdrawn, never offered again. */
  private abandoned(c: ConversationState, now: number): void {
    if (c.acceptedAt !== null || c.status === 'ended') return;
    this.emit({ type: 'notice', conversationId: c.id, code: 'abandoned' });
    this.finish(c, 'abandoned', now);
  }

  /**
   * Ends the conversation: pending offers withdrawn, active agents to wrap-up, closed when none remain.
   * `waiting`: nobody had it (queued, or offered from the queue); a caller that already withdrew
   * the route offer says so.
   */
  private finish(
    c: ConversationState,
    by: NonNullable<ConversationState['endedBy']>,
    now: number,
    waiting = c.status === 'queued' || (c.status === 'offered' && c.offer?.kind === 'route'),
  ): void {
    const reason = by === 'customer' ? 'customer-left' : by === 'abandoned' ? 'abandoned' : 'cancelled';
    this.emit({ type: 'ended', conversationId: c.id, queueId: c.queueId, by, waiting });
    if (c.offer) this.withdrawOffer(c, reason, now, { requeue: false });
    this.dropConferenceRequest(c, now);
    this.queues.get(c.queueId)?.line.remove(c.id);
    this.touchQueue(c.queueId);
    for (const p of c.participants) {
      if (p.status !== 'active') continue;
      p.status = 'wrapup';
      p.leftAt = now;
      this.emitLeft(c, p);
      this.touchAgent(p.agentId);
      if (by !== 'customer') this.emit({ type: 'notice', conversationId: c.id, code: 'agent_left', agentId: p.agentId });
    }
    c.status = 'ended';
    c.endedAt = now;
    c.endedBy = by;
    c.maxWaitDeadline = null;
    c.abandonDeadline = null;
    this.touchConversation(c);
    this.closeIfDone(c, now);
  }

  private closeIfDone(c: ConversationState, _now: number): void {
    if (c.status !== 'ended') return;
    if (c.participants.some((p) => p.status !== 'done')) return;
    c.status = 'closed';
    this.touchConversation(c);
    this.emit({ type: 'closed', conversationId: c.id });
    // Closed conversations leave memory; storage keeps them.
    this.conversations.delete(c.id);
  }

  /** An agent's part ends: to wrap-up (capacity stays taken until the wrap-up is submitted). */
  private leave(c: ConversationState, agentId: string, now: number): void {
    const p = c.participants.find((x) => x.agentId === agentId && x.status === 'active')!;
    p.status = 'wrapup';
    p.leftAt = now;
    this.emitLeft(c, p);
    this.touchAgent(agentId);
    this.touchConversation(c);
  }

  private emitLeft(c: ConversationState, p: Participant): void {
    this.emit({ type: 'left', conversationId: c.id, agentId: p.agentId, role: p.role, queueId: c.queueId, joinedAt: p.joinedAt });
  }

  private putInLine(c: ConversationState, q: QueueRuntime, now: number, how: 'append' | 'restore'): void {
    c.status = 'queued';
    if (how === 'append') {
      c.queuedAt = now;
      q.line.append(c.id, now);
      this.emit({ type: 'queued', conversationId: c.id, queueId: q.id });
    } else {
      q.line.restore(c.id, c.queuedAt);
    }
    if (c.maxWaitDeadline === null || how === 'append') {
      c.maxWaitDeadline = c.queuedAt + q.maxWaitMs;
      this.deadlines.push({ at: c.maxWaitDeadline, conversationId: c.id, kind: 'max-wait' });
    }
    this.touchConversation(c);
    this.touchQueue(q.id);
  }

  /** `q` is the conversation's queue and `agent` the target, both looked up by the caller before any change. */
  private makeOffer(c: ConversationState, q: QueueRuntime, agent: AgentRecord, kind: Offer['kind'], fromAgentId: string | null, now: number): void {
    const agentId = agent.id;
    const offer: Offer = { agentId, kind, offeredAt: now, deadline: now + q.offerTimeoutMs, fromAgentId };
    c.offer = offer;
    this.trackOffer(agentId, c.id, true);
    if (kind === 'route') {
      c.status = 'offered';
      q.line.remove(c.id);
      this.touchQueue(q.id);
    }
    agent.readySince = now;
    this.addLoad(agentId, c.channel, 1);
    this.deadlines.push({ at: offer.deadline, conversationId: c.id, kind: 'offer' });
    this.emit({ type: 'offer.created', conversationId: c.id, offer: { ...offer } });
    this.touchConversation(c);
    this.touchAgent(agentId);
  }

  private withdrawOffer(
    c: ConversationState,
    reason: 'timeout' | 'cancelled' | 'customer-left' | 'max-wait' | 'abandoned',
    now: number,
    opts: { requeue: boolean } = { requeue: true },
  ): void {
    const offer = c.offer;
    if (!offer) return;
    c.offer = null;
    this.trackOffer(offer.agentId, c.id, false);
    this.addLoad(offer.agentId, c.channel, -1);
    this.freedAgents.add(offer.agentId);
    this.touchAgent(offer.agentId);
    this.touchConversation(c);
    this.emit({ type: 'offer.withdrawn', conversationId: c.id, agentId: offer.agentId, kind: offer.kind, reason });
    if (opts.requeue && offer.kind === 'route') {
      this.backInLine(c, now);
    } else if (opts.requeue && offer.kind === 'transfer') {
      this.transferNotAccepted(c, now);
    } else if (opts.requeue && c.conferenceRequest) {
      // The invitee logged out: the request waits in its queue again for someone else.
      this.conferenceWaitsAgain(c, c.conferenceRequest.queueId);
      this.dispatch([c.conferenceRequest.queueId], now);
    }
  }

  /** Puts a conference request without an offer back in its queue's line (when the queue exists). */
  private conferenceWaitsAgain(c: ConversationState, queueId: string): void {
    const r = c.conferenceRequest;
    if (!r || r.queueId !== queueId || c.offer || !this.queues.has(queueId)) return;
    this.conferenceLines.add(queueId, c.id, r.requestedAt);
  }

  /** The conference request is over (accepted elsewhere, declined, cancelled or the conversation ended). */
  private dropConferenceRequest(c: ConversationState, now: number): void {
    if (c.offer?.kind === 'conference') this.withdrawOffer(c, 'cancelled', now, { requeue: false });
    const r = c.conferenceRequest;
    if (!r) return;
    this.conferenceLines.remove(r.queueId, c.id);
    c.conferenceRequest = null;
    this.touchConversation(c);
  }

  /**
   * Offers waiting conversations to free agents until no more match: across the given queues the
   * longest-waiting head goes first, to the longest-available eligible member. Cost depends on the
   * number of queues and members, not on how many conversations wait.
   */
  private dispatch(queueIds: Iterable<string>, now: number): void {
    const ids = [...queueIds];
    for (;;) {
      let best: { conv: ConversationState; q: QueueRuntime; agentId: string; queuedAt: number; kind: 'route' | 'conference' } | undefined;
      for (const qid of ids) {
        const q = this.queues.get(qid);
        if (!q) continue;
        // Customers and conference requests waiting in the queue take turns by how long they waited.
        const lines = [
          { kind: 'route' as const, heads: q.line.size ? q.line.head(HEAD_SCAN) : [] },
          { kind: 'conference' as const, heads: this.conferenceLines.head(qid, HEAD_SCAN) },
        ];
        for (const { kind, heads } of lines) {
          for (const head of heads) {
            if (best && head.queuedAt >= best.queuedAt) break;
            const conv = this.conversations.get(head.id);
            if (!conv) continue;
            const agentId = pickLongestAvailable(q.memberIds, (id) => this.eligibility(id, conv));
            if (agentId) {
              best = { conv, q, agentId, queuedAt: head.queuedAt, kind };
              break;
            }
          }
        }
      }
      if (!best) return;
      const { conv, q, agentId, kind } = best;
      if (kind === 'conference') this.conferenceLines.remove(q.id, conv.id);
      this.makeOffer(conv, q, this.agents.get(agentId)!, kind, kind === 'conference' ? (conv.conferenceRequest?.byAgentId ?? null) : null, now);
    }
  }

  /** An agent's `readySince` when it may be offered this conversation now, else undefined. */
  private eligibility(agentId: string, c: ConversationState): number | undefined {
    const a = this.agents.get(agentId);
    if (a?.state !== 'available') return undefined;
    if (this.freeCapacity(a, c.channel) <= 0) return undefined;
    if (c.participants.some((p) => p.agentId === agentId && p.status !== 'done')) return undefined;
    return a.readySince;
  }

  private requireTarget(c: ConversationState, targetAgentId: string): AgentRecord {
    if (c.offer || c.conferenceRequest) throw new DomainError('PARLEY_ERR_INVALID_STATE', 'A request on this conversation is already pending');
    const target = this.agents.get(targetAgentId);
    if (!target) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such agent');
    if (c.participants.some((p) => p.agentId === targetAgentId && p.status !== 'done')) {
      throw new DomainError('PARLEY_ERR_CONFLICT', 'That agent is already in this conversation');
    }
    if (!this.canTakeNow(targetAgentId, c.channel)) {
      throw new DomainError('PARLEY_ERR_CONFLICT', 'That agent is not available for this channel now');
    }
    return target;
  }

  private requireOwnerInActive(c: ConversationState, agentId: string): void {
    const p = c.participants.find((x) => x.agentId === agentId && x.status === 'active');
    if (!p) throw new DomainError('PARLEY_ERR_NOT_PARTICIPANT', 'You are not in this conversation');
    if (p.role !== 'owner') throw new DomainError('PARLEY_ERR_NOT_OWNER', 'Only the owner can do this');
    if (c.status !== 'active') throw new DomainError('PARLEY_ERR_INVALID_STATE', `Not possible while the conversation is ${c.status}`);
    if (c.offer || c.conferenceRequest) throw new DomainError('PARLEY_ERR_INVALID_STATE', 'A request on this conversation is already pending');
  }

  private changeState(a: AgentRecord, state: AgentRecord['state'], idleReasonId: string | null, now: number): void {
    const previous = a.state;
    if (previous === state && a.idleReasonId === idleReasonId) return;
    a.state = state;
    a.idleReasonId = idleReasonId;
    a.stateChangedAt = now;
    this.touchAgent(a.id);
    if (previous !== state) this.emit({ type: 'agent.state', agentId: a.id, state, previous });
  }

  private freeCapacity(a: AgentRecord, channel: ChannelType): number {
    return (a.capacity[channel] ?? 0) - (this.load.get(a.id)?.get(channel) ?? 0);
  }

  private trackOffer(agentId: string, conversationId: string, pending: boolean): void {
    let set = this.offersOf.get(agentId);
    if (!set) this.offersOf.set(agentId, (set = new Set()));
    if (pending) set.add(conversationId);
    else set.delete(conversationId);
  }

  /** Channels at zero are dropped, so a live engine and one restored from storage show the same load. */
  private addLoad(agentId: string, channel: ChannelType, delta: number): void {
    let m = this.load.get(agentId);
    if (!m) this.load.set(agentId, (m = new Map()));
    const n = (m.get(channel) ?? 0) + delta;
    if (n === 0) m.delete(channel);
    else m.set(channel, n);
  }

  private requireAgent(id: string): AgentRecord {
    const a = this.agents.get(id);
    if (!a) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such agent');
    return a;
  }
  private requireQueue(id: string): QueueRuntime {
    const q = this.queues.get(id);
    if (!q) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such queue');
    return q;
  }
  private requireQueueOf(c: ConversationState): QueueRuntime {
    const q = this.queues.get(c.queueId);
    if (!q) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'The queue of this conversation no longer exists');
    return q;
  }
  private requireConversation(id: string): ConversationState {
    const c = this.conversations.get(id);
    if (!c) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such open conversation');
    return c;
  }

  // ---- outcome bookkeeping ----

  private emit(e: DomainEvent): void {
    this.events.push(e);
  }
  private touchConversation(c: ConversationState): void {
    this.touchedConversations.add(c.id);
    this.lastSeen.set(c.id, c);
  }
  private touchAgent(id: string): void {
    this.touchedAgents.add(id);
  }
  private touchQueue(id: string): void {
    this.touchedQueues.add(id);
  }
  /** Touched conversations, including ones closed (and dropped from memory) in this command. */
  private lastSeen = new Map<string, ConversationState>();

  /**
   * Runs a command all-or-nothing. Every command validates everything it needs before its first
   * change, and the steps after that are total (a missing queue or agent is a case they handle,
   * not a throw), so a refusal leaves the state exactly as it was and nothing needs rolling back.
   */
  private command(now: number, body: () => void): Outcome {
    this.clearScratch();
    try {
      body();
    } catch (err) {
      this.clearScratch();
      throw err;
    }
    // A withdrawn offer frees capacity: the agent (if still available) may take other waiting work.
    if (this.freedAgents.size > 0) {
      const queueIds = new Set<string>();
      for (const id of this.freedAgents) for (const q of this.queuesOfAgent.get(id) ?? []) queueIds.add(q);
      this.dispatch(queueIds, now);
    }
    const outcome: Outcome = {
      events: this.events,
      conversations: [...this.touchedConversations].map((id) => structuredClone(this.lastSeen.get(id)!)),
      agents: [...this.touchedAgents].flatMap((id) => {
        const a = this.agents.get(id);
        return a ? [{ ...a, capacity: { ...a.capacity } }] : [];
      }),
      queueIds: [...this.touchedQueues],
    };
    this.clearScratch();
    return outcome;
  }

  private clearScratch(): void {
    this.events = [];
    this.touchedConversations.clear();
    this.touchedAgents.clear();
    this.touchedQueues.clear();
    this.lastSeen.clear();
    this.freedAgents.clear();
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


