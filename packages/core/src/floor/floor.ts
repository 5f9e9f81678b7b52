import type { ChannelType, ConversationStatus, LiveAgentRow, LiveConversationRow, LiveQueueRow } from '@parley/protocol';
import type { AgentRecord, ConversationState, Outcome, QueueRecord } from '../domain/model';
import type { RoutingEngine } from '../routing/engine';

/** What the floor reads from the router (all O(1) or O(members of one queue)). */
export type FloorSource = Pick<
  RoutingEngine,
  'listAgents' | 'listQueues' | 'listConversations' | 'getAgent' | 'getQueue' | 'loadOf' | 'queueIdsOf' | 'availableAgentsIn' | 'waitingCount' | 'oldestWaitingSince'
>;

/** One queue's live figures: the supervisor's row without the names the directory adds. */
export type FloorQueue = Omit<LiveQueueRow, 'name'>;

/** One agent's live figures (the directory adds who they are: names, role, teams). */
export type FloorAgent = Omit<LiveAgentRow, 'username' | 'displayName' | 'role' | 'teamIds'>;

/** An open conversation as the floor lists it per queue or per agent (the customer's name comes from the edge). */
export type FloorConversation = Omit<LiveConversationRow, 'customerName'>;

/** Which rows changed since the last `takeChanges()`. */
export interface FloorChanges {
  queueIds: string[];
  agentIds: string[];
}

/** What the floor keeps per conversation: its listed row, and the agents it counts as in it. */
type Indexed = FloorConversation & { inIds: string[] };

const OFFERED: ReadonlySet<ConversationStatus> = new Set(['offered']);
const ACTIVE: ReadonlySet<ConversationStatus> = new Set(['active', 'conference']);

/**
 * The supervisor's view of the floor, kept in step with the router outcome by outcome. Per-queue
 * counts and per-agent conversation counts are maintained from the conversations each outcome
 * touched (never by scanning every conversation), and rows are computed only for what changed:
 * an outcome costs O(what it touched), a row O(1) (a queue's available agents: O(its members)).
 * Pure: no clock, no I/O; rows carry timestamps and viewers compute durations.
 */
export class FloorModel {
  private convs = new Map<string, Indexed>();
  private byQueue = new Map<string, Set<string>>();
  private byAgent = new Map<string, Set<string>>();
  private queueCounts = new Map<string, { offered: number; active: number }>();
  /** Per agent and channel: conversations the agent is in (not done). */
  private inConversations = new Map<string, Map<ChannelType, number>>();
  private dirtyQueues = new Set<string>();
  private dirtyAgents = new Set<string>();

  constructor(private readonly router: FloorSource) {}

  /** Indexes every open conversation afresh (at start, or when a viewer first connects). */
  rebuild(): void {
    this.convs.clear();
    this.byQueue.clear();
    this.byAgent.clear();
    this.queueCounts.clear();
    this.inConversations.clear();
    for (const c of this.router.listConversations()) this.index(c);
    this.everythingChanged();
  }

  /** Configuration changed (agents, queues, memberships): every row may differ. */
  everythingChanged(): void {
    for (const q of this.router.listQueues()) this.dirtyQueues.add(q.id);
    for (const a of this.router.listAgents()) this.dirtyAgents.add(a.id);
  }

  /** Takes in what one command changed. */
  apply(outcome: Outcome): void {
    for (const c of outcome.conversations) this.index(c);
    for (const a of outcome.agents) this.agentChanged(a.id);
    for (const q of outcome.queueIds) this.dirtyQueues.add(q);
  }

  /** The ids whose rows changed since the last call (removed ones included: their row is undefined). */
  takeChanges(): FloorChanges {
    const changes = { queueIds: [...this.dirtyQueues], agentIds: [...this.dirtyAgents] };
    this.dirtyQueues.clear();
    this.dirtyAgents.clear();
    return changes;
  }

  hasChanges(): boolean {
    return this.dirtyQueues.size > 0 || this.dirtyAgents.size > 0;
  }

  queue(id: string): FloorQueue | undefined {
    const q = this.router.getQueue(id);
    return q && this.queueRow(q);
  }

  agent(id: string): FloorAgent | undefined {
    const a = this.router.getAgent(id);
    return a && this.agentRow(a);
  }

  queues(): FloorQueue[] {
    return this.router.listQueues().map((q) => this.queueRow(q));
  }

  agents(): FloorAgent[] {
    return this.router.listAgents().map((a) => this.agentRow(a));
  }

  /** Open conversations of a queue, longest waiting first. */
  conversationsOfQueue(queueId: string): FloorConversation[] {
    return this.listed(this.byQueue.get(queueId));
  }

  /** Open conversations an agent is in or is offered. */
  conversationsOfAgent(agentId: string): FloorConversation[] {
    return this.listed(this.byAgent.get(agentId));
  }

  private listed(ids: Set<string> | undefined): FloorConversation[] {
    const out = [...(ids ?? [])].map((id) => this.convs.get(id)!);
    out.sort((a, b) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : 1));
    return out.map(({ inIds: _in, ...c }) => ({ ...c, agentIds: [...c.agentIds] }));
  }

  private queueRow(q: QueueRecord): FloorQueue {
    const counts = this.queueCounts.get(q.id);
    return {
      id: q.id,
      channel: q.channel,
      waiting: this.router.waitingCount(q.id),
      longestWaitSince: this.router.oldestWaitingSince(q.id),
      offered: counts?.offered ?? 0,
      active: counts?.active ?? 0,
      availableAgents: this.router.availableAgentsIn(q.id),
    };
  }

  private agentRow(a: AgentRecord): FloorAgent {
    return {
      id: a.id,
      state: a.state,
      idleReasonId: a.idleReasonId,
      stateChangedAt: a.stateChangedAt,
      conversations: Object.fromEntries(this.inConversations.get(a.id) ?? []),
      load: this.router.loadOf(a.id),
      capacity: { ...a.capacity },
      queueIds: this.router.queueIdsOf(a.id).sort(),
    };
  }

  /** An agent's state or load changed: its row, and the available count of each of its queues. */
  private agentChanged(agentId: string): void {
    this.dirtyAgents.add(agentId);
    for (const q of this.router.queueIdsOf(agentId)) this.dirtyQueues.add(q);
  }

  /** Replaces what the floor knew of a conversation with its state now (closed: forgotten). */
  private index(c: ConversationState): void {
    const before = this.convs.get(c.id);
    if (before) this.unindex(before);
    if (c.status === 'closed') return;
    const inIds = [...new Set(c.participants.filter((p) => p.status !== 'done').map((p) => p.agentId))];
    const agentIds = new Set(inIds);
    if (c.offer) agentIds.add(c.offer.agentId);
    const row: Indexed = {
      id: c.id,
      channel: c.channel,
      queueId: c.queueId,
      status: c.status,
      queuedAt: c.queuedAt,
      acceptedAt: c.acceptedAt,
      ownerAgentId: c.ownerAgentId,
      agentIds: [...agentIds].sort(),
      inIds,
    };
    this.convs.set(c.id, row);
    this.count(row, 1);
    for (const id of inIds) this.addInConversation(id, c.channel, 1);
  }

  private unindex(row: Indexed): void {
    this.convs.delete(row.id);
    this.count(row, -1);
    for (const id of row.inIds) this.addInConversation(id, row.channel, -1);
  }

  /** Queue and agent membership of a row, and the queue's offered/active counts. */
  private count(row: FloorConversation, delta: 1 | -1): void {
    let counts = this.queueCounts.get(row.queueId);
    if (!counts) this.queueCounts.set(row.queueId, (counts = { offered: 0, active: 0 }));
    if (OFFERED.has(row.status)) counts.offered += delta;
    if (ACTIVE.has(row.status)) counts.active += delta;
    this.dirtyQueues.add(row.queueId);
    member(this.byQueue, row.queueId, row.id, delta);
    for (const id of row.agentIds) {
      member(this.byAgent, id, row.id, delta);
      this.dirtyAgents.add(id);
    }
  }

  private addInConversation(agentId: string, channel: ChannelType, delta: number): void {
    let m = this.inConversations.get(agentId);
    if (!m) this.inConversations.set(agentId, (m = new Map()));
    const n = (m.get(channel) ?? 0) + delta;
    if (n === 0) m.delete(channel);
    else m.set(channel, n);
    if (m.size === 0) this.inConversations.delete(agentId);
    this.dirtyAgents.add(agentId);
  }
}

function member(index: Map<string, Set<string>>, key: string, id: string, delta: 1 | -1): void {
  let set = index.get(key);
  if (delta > 0) {
    if (!set) index.set(key, (set = new Set()));
    set.add(id);
  } else if (set) {
    set.delete(id);
    if (set.size === 0) index.delete(key);
  }
}
