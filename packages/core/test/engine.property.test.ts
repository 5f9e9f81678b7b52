import fc from 'fast-check';
import type { AgentState, ChannelType } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { DomainError, RoutingEngine } from '../src/index';
import type { AgentRecord, ConversationState, Outcome, QueueRecord } from '../src/index';
import { SEC, internals, snapshot } from './helpers';

/** PROP_RUNS=5000 npx vitest run packages/core for a longer soak. */
const RUNS = Number(process.env.PROP_RUNS ?? 300);
const ABANDON_MS = 4 * SEC;

// ---- configuration ----

interface Config {
  channels: [ChannelType, ChannelType];
  queues: QueueRecord[];
  agents: AgentRecord[];
}

const configArb: fc.Arbitrary<Config> = fc
  .record({
    channels: fc.constantFrom<[ChannelType, ChannelType]>(['webchat', 'email'], ['sms', 'whatsapp'], ['webchat', 'whatsapp'], ['email', 'messenger']),
    queues: fc.array(
      fc.record({
        ch: fc.nat(1),
        offerTimeoutS: fc.constantFrom(2, 3, 5, 8),
        maxWaitS: fc.constantFrom(6, 12, 25, 60),
        fallback: fc.constantFrom<'drop' | 'requeue'>('drop', 'requeue'),
        reopenTo: fc.constantFrom<'queue' | 'lastAgent'>('queue', 'lastAgent'),
        overflow: fc.option(fc.nat(3)),
      }),
      { minLength: 2, maxLength: 4 },
    ),
    agents: fc.array(
      fc.record({
        cap: fc.tuple(fc.nat(3), fc.nat(3)),
        member: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        state: fc.constantFrom<AgentState>('available', 'available', 'idle', 'offline'),
      }),
      { minLength: 3, maxLength: 5 },
    ),
  })
  .map(({ channels, queues, agents }) => {
    const qs: QueueRecord[] = queues.map((q, i) => ({
      id: `q${i}`,
      channel: channels[q.ch]!,
      offerTimeoutMs: q.offerTimeoutS * SEC,
      maxWaitMs: q.maxWaitS * SEC,
      transferFallback: q.fallback,
      reopenTo: q.reopenTo,
      overflowQueueId: q.overflow === null ? null : `q${q.overflow % queues.length}`,
      memberIds: agents.flatMap((a, j) => (a.member[i] ? [`a${j}`] : [])),
    }));
    const as: AgentRecord[] = agents.map((a, j) => ({
      id: `a${j}`,
      state: a.state,
      idleReasonId: a.state === 'idle' ? 'break' : null,
      stateChangedAt: 0,
      readySince: 0,
      capacity: { [channels[0]]: a.cap[0], [channels[1]]: a.cap[1] },
    }));
    return { channels, queues: qs, agents: as };
  });

// ---- commands ----

type Cmd =
  | { t: 'enqueue'; q: number; wrong: boolean }
  | { t: 'state'; a: number; s: 'available' | 'idle' | 'offline' }
  | { t: 'accept'; k: number; a: number; wrong: boolean }
  | { t: 'xferQ'; k: number; q: number; a: number; other: boolean }
  | { t: 'xferA'; k: number; a: number; b: number; other: boolean }
  | { t: 'invite'; k: number; a: number; b: number; other: boolean }
  | { t: 'inviteQ'; k: number; q: number; a: number; other: boolean }
  | { t: 'cancelConf'; k: number; a: number; other: boolean }
  | { t: 'exit'; k: number; a: number; other: boolean }
  | { t: 'end'; k: number; a: number; other: boolean }
  | { t: 'custEnd'; k: number }
  | { t: 'wrapup'; k: number; a: number; other: boolean }
  | { t: 'time'; ms: number }
  | { t: 'away'; k: number; fresh: boolean }
  | { t: 'back'; k: number }
  | { t: 'reopen'; k: number; q: number; own: boolean }
  | { t: 'removeQ'; q: number }
  | { t: 'addQ'; q: number };

const k = fc.nat(20);
const ag = fc.nat(4);
const other = fc.nat(9).map((n) => n === 0); // one time in ten: the wrong actor
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('enqueue' as const), q: fc.nat(3), wrong: fc.nat(14).map((n) => n === 0) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('state' as const), a: ag, s: fc.constantFrom('available' as const, 'available' as const, 'idle' as const, 'offline' as const) }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('accept' as const), k, a: ag, wrong: other }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('xferQ' as const), k, q: fc.nat(3), a: ag, other }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('xferA' as const), k, a: ag, b: ag, other }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('invite' as const), k, a: ag, b: ag, other }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('inviteQ' as const), k, q: fc.nat(3), a: ag, other }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cancelConf' as const), k, a: ag, other }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('exit' as const), k, a: ag, other }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('end' as const), k, a: ag, other }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('custEnd' as const), k }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('wrapup' as const), k, a: ag, other }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('time' as const), ms: fc.integer({ min: 0, max: 5000 }) }) },
  // Chat customers losing and regaining their connection (or a new chat not connected yet).
  { weight: 2, arbitrary: fc.record({ t: fc.constant('away' as const), k, fresh: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('back' as const), k }) },
  // A customer answers a closed conversation (email): back to its queue, or sometimes another one.
  { weight: 2, arbitrary: fc.record({ t: fc.constant('reopen' as const), k, q: fc.nat(3), own: fc.nat(3).map((n) => n > 0) }) },
  // Admin changes: removing a queue (refused while it has open conversations) and adding it back.
  { weight: 1, arbitrary: fc.record({ t: fc.constant('removeQ' as const), q: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('addQ' as const), q: fc.nat(3) }) },
);

// ---- the model run: commands, refusals and invariants observed from outside ----

class Harness {
  readonly e: RoutingEngine;
  now = 0;
  private seq = 0;
  /** Who holds the pending offer per conversation, replayed from events only. */
  private offerOf = new Map<string, string | null>();
  /** Deadline of each pending offer, from offer.created. */
  private offerDeadline = new Map<string, number>();
  /** Agent states replayed from events only. */
  private stateOf = new Map<string, AgentState>();
  /** Closed conversations as the outcome reported them (what storage keeps), for `reopen`. */
  private closedStates = new Map<string, ConversationState>();
  /**
   * The queue each conversation is waiting in (a queue visit: from joining it to an accept, an
   * overflow or the end), replayed from the accounting marks only: what the day's figures count.
   */
  private visit = new Map<string, string>();
  readonly stats = { ok: 0, refused: 0, offers: 0, closed: 0, abandoned: 0, queueConferences: 0, reopened: 0 };

  /** A fresh engine from `cfg`, or one restored from another harness's stored state. */
  constructor(
    readonly cfg: Config,
    from?: { agents: AgentRecord[]; conversations: ConversationState[]; now: number; seq: number; removed: string[] },
    /** More queues left out of the configuration (removed while the server was down). */
    removedWhileDown: ReadonlySet<string> = new Set(),
  ) {
    this.e = new RoutingEngine({ abandonAfterMs: ABANDON_MS });
    const removed = new Set([...(from?.removed ?? []), ...removedWhileDown]);
    for (const a of from?.agents ?? cfg.agents) this.e.upsertAgent(structuredClone(a));
    for (const q of cfg.queues) if (!removed.has(q.id)) this.e.upsertQueue(structuredClone(q));
    if (from) {
      this.e.restore(structuredClone(from.conversations));
      this.now = from.now;
      this.seq = from.seq;
      for (const c of this.e.listConversations()) {
        this.offerOf.set(c.id, c.offer?.agentId ?? null);
        if (c.offer) this.offerDeadline.set(c.id, c.offer.deadline);
        if (c.status === 'queued' || c.offer?.kind === 'route') this.visit.set(c.id, c.queueId);
      }
    }
    for (const a of this.e.listAgents()) this.stateOf.set(a.id, a.state);
    this.checkState();
  }

  stored() {
    const configured = new Set(this.e.listQueues().map((q) => q.id));
    const removed = this.cfg.queues.filter((q) => !configured.has(q.id)).map((q) => q.id);
    return { agents: this.e.listAgents(), conversations: this.e.listConversations(), now: this.now, seq: this.seq, removed };
  }

  private agentId(i: number): string {
    return this.cfg.agents[i % this.cfg.agents.length]!.id;
  }
  private pick<T>(xs: T[], i: number): T | undefined {
    return xs.length === 0 ? undefined : xs[i % xs.length];
  }
  private convs(filter: (c: ConversationState) => boolean = () => true): ConversationState[] {
    return this.e.listConversations().filter(filter);
  }
  private ownerOf(c: ConversationState): string {
    return c.participants.find((p) => p.role === 'owner' && p.status === 'active')?.agentId ?? c.ownerAgentId ?? 'nobody';
  }

  /** Turns a generated command into an engine call (resolved against the live state). */
  private resolve(cmd: Cmd): (() => Outcome) | undefined {
    const e = this.e;
    const now = this.now;
    const inCall = (c: ConversationState) => c.status === 'active' || c.status === 'conference';
    switch (cmd.t) {
      case 'enqueue': {
        const q = this.pick(this.cfg.queues, cmd.q)!;
        const channel = cmd.wrong ? (q.channel === this.cfg.channels[0] ? this.cfg.channels[1] : this.cfg.channels[0]) : q.channel;
        const id = `c${this.seq++}`;
        return () => e.enqueue({ id, channel, queueId: q.id }, now);
      }
      case 'state':
        return () => e.setAgentState(this.agentId(cmd.a), cmd.s, cmd.s === 'idle' ? 'break' : null, now);
      case 'accept': {
        const c = this.pick(this.convs((x) => x.offer !== null), cmd.k);
        if (!c) return undefined;
        const who = cmd.wrong ? this.agentId(cmd.a) : c.offer!.agentId;
        return () => e.accept(c.id, who, now);
      }
      case 'xferQ': {
        const c = this.pick(this.convs(inCall), cmd.k);
        if (!c) return undefined;
        const by = cmd.other ? this.agentId(cmd.a) : this.ownerOf(c);
        const q = this.pick(this.cfg.queues, cmd.q)!;
        return () => e.transferToQueue(c.id, by, q.id, now);
      }
      case 'xferA':
      case 'invite': {
        const c = this.pick(this.convs(inCall), cmd.k);
        if (!c) return undefined;
        const by = cmd.other ? this.agentId(cmd.a) : this.ownerOf(c);
        const to = this.agentId(cmd.b);
        return cmd.t === 'xferA' ? () => e.transferToAgent(c.id, by, to, now) : () => e.inviteToConference(c.id, by, to, now);
      }
      case 'inviteQ':
      case 'cancelConf': {
        const c = this.pick(this.convs(inCall), cmd.k);
        if (!c) return undefined;
        const by = cmd.other ? this.agentId(cmd.a) : this.ownerOf(c);
        if (cmd.t === 'cancelConf') return () => e.cancelConference(c.id, by, now);
        // Mostly a queue of the conversation's channel (another channel is refused, see the unit tests).
        const q = this.pick(this.cfg.queues.filter((x) => x.channel === c.channel), cmd.q) ?? this.pick(this.cfg.queues, cmd.q)!;
        return () => e.inviteQueueToConference(c.id, by, q.id, now);
      }
      case 'exit': {
        const c = this.pick(this.convs((x) => x.status === 'conference'), cmd.k);
        if (!c) return undefined;
        const by = cmd.other ? this.agentId(cmd.a) : c.participants.find((p) => p.role === 'conferee' && p.status === 'active')!.agentId;
        return () => e.exitConference(c.id, by, now);
      }
      case 'end': {
        const c = this.pick(this.convs(inCall), cmd.k);
        if (!c) return undefined;
        const by = cmd.other ? this.agentId(cmd.a) : this.ownerOf(c);
        return () => e.endByAgent(c.id, by, now);
      }
      case 'custEnd': {
        const c = this.pick(this.convs(), cmd.k);
        return c ? () => e.endByCustomer(c.id, now) : undefined;
      }
      case 'wrapup': {
        const pairs = this.convs().flatMap((c) => c.participants.filter((p) => p.status === 'wrapup').map((p) => [c.id, p.agentId] as const));
        const pair = this.pick(pairs, cmd.k);
        if (!pair && !cmd.other) return undefined;
        const [cid, by] = pair && !cmd.other ? pair : [this.pick(this.convs(), cmd.k)?.id ?? 'missing', this.agentId(cmd.a)];
        return () => e.submitWrapup(cid, by, now);
      }
      case 'time':
        this.now += cmd.ms;
        return () => e.tick(this.now);
      case 'away': {
        if (cmd.fresh) {
          const q = this.pick(this.cfg.queues, cmd.k)!;
          const id = `c${this.seq++}`;
          return () => e.enqueue({ id, channel: q.channel, queueId: q.id, customerConnected: false }, now);
        }
        const c = this.pick(this.convs(), cmd.k);
        return c ? () => e.customersAway([c.id], now) : undefined;
      }
      case 'back': {
        const c = this.pick(this.convs(), cmd.k);
        return c ? () => e.customerBack(c.id, now) : undefined;
      }
      case 'reopen': {
        const c = this.pick([...this.closedStates.values()], cmd.k);
        if (!c) return undefined;
        const q = cmd.own ? c.queueId : this.pick(this.cfg.queues, cmd.q)!.id;
        return () => e.reopen(structuredClone(c), q, now);
      }
      case 'removeQ': {
        const q = this.pick(this.cfg.queues, cmd.q)!;
        return () => {
          e.removeQueue(q.id);
          return { events: [], conversations: [], agents: [], queueIds: [] };
        };
      }
      case 'addQ': {
        const q = this.pick(this.cfg.queues, cmd.q)!;
        return () => {
          e.upsertQueue(structuredClone(q));
          // Configuration changes are followed by a rebalance (the server's configChanged).
          return e.rebalance(now);
        };
      }
    }
  }

  run(cmd: Cmd): void {
    const call = this.resolve(cmd);
    if (call) this.apply(call);
    if (cmd.t === 'time') {
      // A tick applies every deadline that is due: nothing overdue is left pending.
      for (const c of this.e.listConversations()) {
        if (c.offer) expect(c.offer.deadline).toBeGreaterThan(this.now);
        if (c.maxWaitDeadline !== null) expect(c.maxWaitDeadline).toBeGreaterThan(this.now);
        if (c.abandonDeadline !== null) expect(c.abandonDeadline).toBeGreaterThan(this.now);
      }
    }
  }

  /** Runs one command: a refusal must change nothing; an outcome must be consistent. */
  apply(call: () => Outcome): Outcome | undefined {
    const before = internals(this.e);
    const convsBefore = new Map(this.e.listConversations().map((c) => [c.id, JSON.stringify(c)]));
    const agentsBefore = new Map(this.e.listAgents().map((a) => [a.id, JSON.stringify(a)]));
    let o: Outcome;
    try {
      o = call();
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.stats.refused++;
      // Byte-identical internals (lines, deadline heap, load and offer indexes), not just the views.
      expect(internals(this.e), `refused (${err.code}) but changed`).toBe(before);
      return undefined;
    }
    this.stats.ok++;
    this.checkOutcome(o, convsBefore, agentsBefore);
    this.checkState();
    return o;
  }

  private checkOutcome(o: Outcome, convsBefore: Map<string, string>, agentsBefore: Map<string, string>): void {
    const e = this.e;
    // (a) + (c): replay the events in order.
    for (const ev of o.events) {
      switch (ev.type) {
        case 'offer.created': {
          this.stats.offers++;
          expect(this.offerOf.get(ev.conversationId) ?? null, `${ev.conversationId} offered twice at once`).toBeNull();
          this.offerOf.set(ev.conversationId, ev.offer.agentId);
          this.offerDeadline.set(ev.conversationId, ev.offer.deadline);
          expect(this.stateOf.get(ev.offer.agentId), `offer to ${ev.offer.agentId} who is not available`).toBe('available');
          expect(ev.offer.offeredAt).toBe(this.now);
          expect(ev.offer.deadline).toBeGreaterThan(this.now);
          break;
        }
        case 'offer.withdrawn':
          expect(this.offerOf.get(ev.conversationId) ?? null, `withdrawn offer ${ev.conversationId} not pending`).toBe(ev.agentId);
          if (ev.reason === 'accepted' && ev.kind === 'route') {
            // An accept from the queue ends a visit that is open: counted once.
            expect(this.visit.has(ev.conversationId), `${ev.conversationId} accepted from a queue it was not waiting in`).toBe(true);
            this.visit.delete(ev.conversationId);
          }
          this.offerOf.set(ev.conversationId, null);
          // A timeout fires at its deadline, never before (stale heap entries must be skipped).
          if (ev.reason === 'timeout') expect(this.now, `${ev.conversationId} timed out early`).toBeGreaterThanOrEqual(this.offerDeadline.get(ev.conversationId)!);
          break;
        case 'agent.state':
          expect(ev.previous).toBe(this.stateOf.get(ev.agentId));
          expect(ev.state).not.toBe(ev.previous);
          this.stateOf.set(ev.agentId, ev.state);
          break;
        case 'rona':
          expect(this.stateOf.get(ev.agentId)).toBe('rona');
          break;
        case 'closed':
          this.stats.closed++;
          this.closedStates.set(ev.conversationId, structuredClone(o.conversations.find((c) => c.id === ev.conversationId)!));
          expect(this.offerOf.get(ev.conversationId) ?? null).toBeNull();
          this.offerOf.delete(ev.conversationId);
          // (e) closed conversations leave memory
          expect(e.getConversation(ev.conversationId)).toBeUndefined();
          break;
        case 'queued':
          expect(this.visit.get(ev.conversationId), `${ev.conversationId} joined ${ev.queueId} while still waiting`).toBeUndefined();
          this.visit.set(ev.conversationId, ev.queueId);
          break;
        case 'ended':
          // Waiting at its end exactly when a visit is open (then an abandon counts, once).
          expect(ev.waiting, `${ev.conversationId} ended waiting=${ev.waiting}`).toBe(this.visit.has(ev.conversationId));
          this.visit.delete(ev.conversationId);
          break;
        case 'notice': {
          if (ev.code === 'conference_requested' && ev.queueId) this.stats.queueConferences++;
          if (ev.code === 'transferred') {
            // An overflow ends the visit in its queue; an agent's transfer comes after an accept.
            expect(ev.fromQueueId).toBeDefined();
            if (ev.byAgentId === undefined) {
              expect(this.visit.get(ev.conversationId), `${ev.conversationId} overflowed from a queue it was not waiting in`).toBe(ev.fromQueueId);
              this.visit.delete(ev.conversationId);
            } else {
              expect(this.visit.has(ev.conversationId), `${ev.conversationId} transferred by an agent while waiting`).toBe(false);
            }
          }
          if (ev.code === 'reopened') {
            // Only a closed conversation comes back, queued afresh with none of its old routing state.
            expect(convsBefore.has(ev.conversationId), `${ev.conversationId} reopened while open`).toBe(false);
            expect(this.closedStates.delete(ev.conversationId)).toBe(true);
            const now = e.getConversation(ev.conversationId)!;
            expect(now.participants.every((p) => p.status === 'done')).toBe(true);
            expect(now.acceptedAt).toBeNull();
            this.stats.reopened++;
          }
          if (ev.code === 'abandoned') {
            // Only a chat nobody accepted, at its deadline, never before.
            const was = JSON.parse(convsBefore.get(ev.conversationId)!) as ConversationState;
            expect(was.acceptedAt, `${ev.conversationId} abandoned after an accept`).toBeNull();
            expect(was.abandonDeadline).not.toBeNull();
            expect(this.now, `${ev.conversationId} abandoned early`).toBeGreaterThanOrEqual(was.abandonDeadline!);
            expect(e.getConversation(ev.conversationId), 'abandoned chats close at once').toBeUndefined();
            this.stats.abandoned++;
          }
          // Max wait (close, or overflow: 'transferred' to a queue with no agent) fires at its deadline, never before.
          const maxWaitFired = ev.code === 'no_agent_available' || (ev.code === 'transferred' && !ev.agentId);
          const was = convsBefore.get(ev.conversationId);
          const wasState = was ? (JSON.parse(was) as ConversationState) : undefined;
          // (A conversation whose queue was removed while down ends at once: not a max wait.)
          if (maxWaitFired && wasState && e.getQueue(wasState.queueId)) {
            const deadline = wasState.maxWaitDeadline;
            expect(deadline).not.toBeNull();
            expect(this.now, `${ev.conversationId} max wait fired early`).toBeGreaterThanOrEqual(deadline!);
          }
          break;
        }
      }
    }
    // The outcome reports the final state of everything that changed.
    const reported = new Map(o.conversations.map((c) => [c.id, c]));
    expect(reported.size).toBe(o.conversations.length);
    for (const c of o.conversations) {
      const live = e.getConversation(c.id);
      if (live) expect(c).toEqual(live);
      else expect(c.status).toBe('closed');
    }
    for (const c of e.listConversations()) {
      if (convsBefore.get(c.id) !== JSON.stringify(c)) expect(reported.has(c.id), `${c.id} changed but not in outcome`).toBe(true);
    }
    for (const id of convsBefore.keys()) if (!e.getConversation(id)) expect(reported.get(id)?.status).toBe('closed');
    const reportedAgents = new Set(o.agents.map((a) => a.id));
    for (const a of e.listAgents()) {
      if (agentsBefore.get(a.id) !== JSON.stringify(a)) expect(reportedAgents.has(a.id), `${a.id} changed but not in outcome`).toBe(true);
    }
    for (const a of o.agents) expect(a).toEqual(e.getAgent(a.id));
    for (const ev of o.events) if ('conversationId' in ev) expect(reported.has(ev.conversationId)).toBe(true);
  }

  /** Invariants of the state after every step. */
  checkState(): void {
    const e = this.e;
    const convs = e.listConversations();
    const agents = e.listAgents();
    const queues = new Map(e.listQueues().map((q) => [q.id, q]));
    for (const a of agents) expect(a.state, `replayed state of ${a.id}`).toBe(this.stateOf.get(a.id));

    for (const c of convs) {
      // (e) nothing closed stays in memory
      expect(c.status).not.toBe('closed');
      // (a) the replayed offer is the engine's offer, and the status matches it
      expect(c.offer?.agentId ?? null, `offer of ${c.id}`).toBe(this.offerOf.get(c.id) ?? null);
      const activeParts = c.participants.filter((p) => p.status === 'active');
      const owners = activeParts.filter((p) => p.role === 'owner');
      const conferees = activeParts.filter((p) => p.role === 'conferee');
      switch (c.status) {
        case 'queued':
          expect(c.offer).toBeNull();
          expect(activeParts).toEqual([]);
          expect(c.maxWaitDeadline).not.toBeNull();
          break;
        case 'offered':
          expect(c.offer?.kind === 'route' || c.offer?.kind === 'transfer').toBe(true);
          expect(activeParts).toEqual([]);
          // (A restored engine may hold an offer in a queue removed while down: the next tick ends it.)
          if (c.offer!.kind === 'route' && queues.has(c.queueId)) expect(queues.get(c.queueId)!.memberIds).toContain(c.offer!.agentId);
          break;
        case 'active':
          expect(c.offer === null || c.offer.kind === 'conference').toBe(true);
          expect(owners.length).toBe(1);
          expect(conferees).toEqual([]);
          expect(c.ownerAgentId).toBe(owners[0]!.agentId);
          break;
        case 'conference':
          expect(c.offer).toBeNull();
          expect(owners.length).toBe(1);
          expect(conferees.length).toBeGreaterThan(0);
          break;
        case 'ended':
          expect(c.offer).toBeNull();
          expect(activeParts).toEqual([]);
          expect(c.participants.some((p) => p.status === 'wrapup')).toBe(true);
          break;
      }
      if (c.offer) {
        // never offered to someone already in it; no offer held by a logged-out agent
        expect(c.participants.some((p) => p.agentId === c.offer!.agentId && p.status !== 'done')).toBe(false);
        expect(e.getAgent(c.offer.agentId)!.state).not.toBe('offline');
      }
      // a conference request to a queue belongs to an active conversation; offered, it is a conference offer
      if (c.conferenceRequest) {
        expect(c.status, `${c.id} conference request`).toBe('active');
        if (c.offer) expect(c.offer.kind).toBe('conference');
      }
      // an accepted or ended chat is never counting towards abandonment
      if (c.acceptedAt !== null || c.status === 'ended') expect(c.abandonDeadline, `${c.id} abandon clock`).toBeNull();
      // one open participation per agent per conversation
      const open = c.participants.filter((p) => p.status !== 'done').map((p) => p.agentId);
      expect(new Set(open).size).toBe(open.length);
    }
    for (const q of queues.values()) {
      expect(e.waitingCount(q.id), `line of ${q.id}`).toBe(convs.filter((c) => c.status === 'queued' && c.queueId === q.id).length);
    }

    // (b) capacity: recomputed load equals loadOf and never exceeds capacity
    const load = new Map<string, number>();
    const add = (a: string, ch: string) => load.set(`${a}/${ch}`, (load.get(`${a}/${ch}`) ?? 0) + 1);
    for (const c of convs) {
      if (c.offer) add(c.offer.agentId, c.channel);
      for (const p of c.participants) if (p.status !== 'done') add(p.agentId, c.channel);
    }
    for (const a of agents) {
      for (const ch of this.cfg.channels) {
        const n = load.get(`${a.id}/${ch}`) ?? 0;
        expect(e.loadOf(a.id)[ch] ?? 0, `load of ${a.id}/${ch}`).toBe(n);
        expect(n, `capacity of ${a.id}/${ch}`).toBeLessThanOrEqual(a.capacity[ch] ?? 0);
      }
    }

    // (d) liveness: nothing waits while a member could take it
    for (const c of convs) {
      if (c.status !== 'queued') continue;
      const q = queues.get(c.queueId);
      if (!q) continue; // restored while its queue was missing: it waits for the queue or its max wait
      for (const m of q.memberIds) {
        const a = e.getAgent(m)!;
        const free = (a.capacity[q.channel] ?? 0) - (load.get(`${m}/${q.channel}`) ?? 0);
        const inIt = c.participants.some((p) => p.agentId === m && p.status !== 'done');
        expect(a.state === 'available' && free > 0 && !inIt, `${c.id} waits in ${q.id} while ${m} is free`).toBe(false);
      }
    }
    // (d) the same for conference requests waiting in a queue
    for (const c of convs) {
      if (!c.conferenceRequest || c.offer) continue;
      const q = queues.get(c.conferenceRequest.queueId);
      if (!q) continue; // restored while its queue was missing
      for (const m of q.memberIds) {
        const a = e.getAgent(m)!;
        const free = (a.capacity[q.channel] ?? 0) - (load.get(`${m}/${q.channel}`) ?? 0);
        const inIt = c.participants.some((p) => p.agentId === m && p.status !== 'done');
        expect(a.state === 'available' && free > 0 && !inIt, `conference of ${c.id} waits in ${q.id} while ${m} is free`).toBe(false);
      }
    }
  }

  /**
   * Liveness, eventually: everyone available, every offer accepted, every chat ended, every wrap-up
   * submitted, time moving on — every conversation must close.
   */
  drain(): void {
    const e = this.e;
    for (let round = 0; round < 500; round++) {
      if (e.listConversations().length === 0) return;
      for (const a of e.listAgents()) if (a.state !== 'available') this.apply(() => e.setAgentState(a.id, 'available', null, this.now));
      let acted = false;
      for (const c of e.listConversations()) {
        if (c.offer) {
          acted = true;
          this.apply(() => e.accept(c.id, c.offer!.agentId, this.now));
        }
      }
      for (const c of e.listConversations()) {
        if (c.status === 'active' || c.status === 'conference') {
          acted = true;
          this.apply(() => e.endByAgent(c.id, this.ownerOf(c), this.now));
        }
      }
      for (const c of e.listConversations()) {
        for (const p of c.participants) {
          if (p.status !== 'wrapup') continue;
          acted = true;
          this.apply(() => e.submitWrapup(c.id, p.agentId, this.now));
        }
      }
      if (acted) continue;
      // Quiet: whatever still waits has no member with capacity for it; only time moves it (overflow, max wait).
      for (const c of e.listConversations()) {
        expect(c.status).toBe('queued');
        const q = e.getQueue(c.queueId);
        // A conversation of a queue removed while down waits for its max wait, which ends it.
        if (!q) continue;
        expect(q.memberIds.some((m) => (e.getAgent(m)!.capacity[q.channel] ?? 0) > 0), `${c.id} stuck in ${q.id}`).toBe(false);
      }
      this.now += 61 * SEC;
      this.apply(() => e.tick(this.now));
    }
    throw new Error('did not drain');
  }
}

describe('routing engine properties', () => {
  it('keeps its invariants over random command sequences, refusals change nothing, and everything drains', () => {
    const totals = { ok: 0, refused: 0, offers: 0, closed: 0, abandoned: 0, queueConferences: 0, reopened: 0 };
    fc.assert(
      fc.property(configArb, fc.array(cmdArb, { minLength: 5, maxLength: 60, size: "max" }), (cfg, cmds) => {
        const h = new Harness(cfg);
        for (const cmd of cmds) h.run(cmd);
        h.drain();
        expect(h.e.listConversations()).toEqual([]);
        for (const a of h.e.listAgents()) expect(Object.values(h.e.loadOf(a.id)).every((n) => n === 0)).toBe(true);
        for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += h.stats[key];
      }),
      { numRuns: RUNS },
    );
    // The generator must exercise the engine, not just bounce off refusals.
    expect(totals.offers).toBeGreaterThan(800);
    expect(totals.closed).toBeGreaterThan(500);
    expect(totals.refused).toBeGreaterThan(50);
    expect(totals.abandoned).toBeGreaterThan(20);
    expect(totals.queueConferences).toBeGreaterThan(5);
    expect(totals.reopened).toBeGreaterThan(20);
  }, 30_000 + RUNS * 40);

  it('survives a restart at any point: restored state equals the stored one, deadlines missed while down apply, invariants hold on', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.array(cmdArb, { maxLength: 40, size: "max" }),
        fc.array(cmdArb, { maxLength: 30, size: "max" }),
        fc.integer({ min: 0, max: 30_000 }),
        (cfg, before, after, downMs) => {
          const a = new Harness(cfg);
          for (const cmd of before) a.run(cmd);
          const b = new Harness(cfg, structuredClone(a.stored()));
          expect(sortedSnapshot(b.e)).toBe(sortedSnapshot(a.e));
          // Down for a while, then the first tick applies every deadline that passed meanwhile.
          b.now += downMs;
          const o = b.apply(() => b.e.tick(b.now))!;
          expect(o).toBeDefined();
          const next = b.e.nextDeadline();
          if (next !== undefined) expect(next).toBeGreaterThan(b.now);
          for (const c of b.e.listConversations()) {
            if (c.offer) expect(c.offer.deadline).toBeGreaterThan(b.now);
            if (c.maxWaitDeadline !== null) expect(c.maxWaitDeadline).toBeGreaterThan(b.now);
            if (c.abandonDeadline !== null) expect(c.abandonDeadline).toBeGreaterThan(b.now);
          }
          for (const cmd of after) b.run(cmd);
          b.drain();
          expect(b.e.listConversations()).toEqual([]);
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, 30_000 + RUNS * 40);

  it('survives a restart with queues removed while down: no command, tick included, throws halfway; everything drains', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.array(cmdArb, { maxLength: 40, size: 'max' }),
        fc.array(cmdArb, { maxLength: 30, size: 'max' }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 30_000 }),
        (cfg, before, after, drop, downMs) => {
          const a = new Harness(cfg);
          for (const cmd of before) a.run(cmd);
          const removed = new Set(cfg.queues.filter((_, i) => drop[i]).map((q) => q.id));
          const b = new Harness(cfg, structuredClone(a.stored()), removed);
          b.now += downMs;
          // The tick meets offers and waits of removed queues: it must handle them, not refuse.
          expect(b.apply(() => b.e.tick(b.now))).toBeDefined();
          for (const cmd of after) b.run(cmd);
          b.drain();
          expect(b.e.listConversations()).toEqual([]);
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  }, 30_000 + RUNS * 40);
});

/** snapshot() with conversations in id order (a restored engine holds them in queuedAt order). */
function sortedSnapshot(e: RoutingEngine): string {
  const s = JSON.parse(snapshot(e, false)) as { conversations: ConversationState[]; waiting: [string, number][] };
  s.conversations.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  // Queue order too: one removed and added back goes to the end of the engine's map.
  s.waiting.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify(s);
}
