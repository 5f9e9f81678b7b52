import type { ChannelType } from '@parley/protocol';
import { DomainError, RoutingEngine } from '../src/index';
import type { AgentRecord, DomainEvent, Outcome, QueueRecord } from '../src/index';

export const SEC = 1000;

export function agent(
  id: string,
  capacity: Partial<Record<ChannelType, number>>,
  opts: Partial<AgentRecord> = {},
): AgentRecord {
  return { id, state: 'available', idleReasonId: null, stateChangedAt: 0, readySince: 0, capacity, ...opts };
}

export function queue(id: string, channel: ChannelType, memberIds: string[], opts: Partial<QueueRecord> = {}): QueueRecord {
  return {
    id,
    channel,
    offerTimeoutMs: 30 * SEC,
    maxWaitMs: 600 * SEC,
    transferFallback: 'drop',
    overflowQueueId: null,
    memberIds,
    ...opts,
  };
}

export function makeEngine(agents: AgentRecord[], queues: QueueRecord[]): RoutingEngine {
  const e = new RoutingEngine();
  for (const a of agents) e.upsertAgent(a);
  for (const q of queues) e.upsertQueue(q);
  return e;
}

/** One compact line per event, so ordered event lists read like a log. */
export function show(e: DomainEvent): string {
  switch (e.type) {
    case 'offer.created':
      return `offer.created ${e.conversationId}>${e.offer.agentId} ${e.offer.kind}`;
    case 'offer.withdrawn':
      return `offer.withdrawn ${e.conversationId}>${e.agentId} ${e.kind} ${e.reason}`;
    case 'agent.state':
      return `agent.state ${e.agentId} ${e.previous}->${e.state}`;
    case 'notice':
      return `notice ${e.conversationId} ${e.code}${e.agentId ? ` agent=${e.agentId}` : ''}${e.queueId ? ` queue=${e.queueId}` : ''}`;
    case 'rona':
      return `rona ${e.agentId} ${e.conversationId}`;
    case 'closed':
      return `closed ${e.conversationId}`;
    case 'queued':
      return `queued ${e.conversationId} queue=${e.queueId}`;
    case 'left':
      return `left ${e.conversationId} ${e.agentId} ${e.role}`;
    case 'ended':
      return `ended ${e.conversationId} by=${e.by}${e.waiting ? ' waiting' : ''}`;
  }
}

/** The accounting marks (`queued`, `left`, `ended`) only feed the day's figures: see engine.accounting.test.ts. */
const ACCOUNTING = new Set<DomainEvent['type']>(['queued', 'left', 'ended']);

/** The routing decisions of an outcome, one line each. */
export function log(o: Outcome): string[] {
  return o.events.filter((e) => !ACCOUNTING.has(e.type)).map(show);
}

/** Every event of an outcome, accounting marks included. */
export function fullLog(o: Outcome): string[] {
  return o.events.map(show);
}

/** Everything observable about the engine's state, as one JSON string. */
export function snapshot(e: RoutingEngine, withDeadline = true): string {
  const agents = e.listAgents().map((a) => a.id);
  return JSON.stringify({
    conversations: e.listConversations(),
    agents: e.listAgents(),
    load: agents.map((id) => [id, nonZero(e.loadOf(id))]),
    waiting: e.listQueues().map((q) => [q.id, e.waitingCount(q.id)]),
    // The heap deletes lazily, so two engines in the same state may differ here; callers opt out.
    next: withDeadline ? (e.nextDeadline() ?? null) : null,
  });
}

/** Asserts the command is refused with `code` and that nothing observable changed. */
export function expectRefused(e: RoutingEngine, code: string, run: () => unknown): void {
  expectRefusedUnchanged(e, code, run, snapshot);
}

/** Runs a command that must throw DomainError `code`, and checks `stateOf(e)` is the same after. */
function expectRefusedUnchanged(e: RoutingEngine, code: string, run: () => unknown, stateOf: (e: RoutingEngine) => string): void {
  const before = stateOf(e);
  let err: unknown;
  try {
    run();
  } catch (x) {
    err = x;
  }
  if (!(err instanceof DomainError)) throw new Error(`expected DomainError ${code}, got ${String(err)}`);
  if (err.code !== code) throw new Error(`expected ${code}, got ${err.code}: ${err.message}`);
  const after = stateOf(e);
  if (after !== before) throw new Error(`refused command changed state:\nbefore ${before}\nafter  ${after}`);
}

export function conv(e: RoutingEngine, id: string) {
  const c = e.getConversation(id);
  if (!c) throw new Error(`no conversation ${id}`);
  return c;
}

/** loadOf without channels at zero (the engine may or may not keep them). */
export function nonZero(load: Partial<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(load)
      .filter(([, n]) => n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  ) as Record<string, number>;
}

/** Per-command scratch of the engine: reset by every command, not part of its state. */
const SCRATCH = new Set(['events', 'touchedConversations', 'touchedAgents', 'touchedQueues', 'freedAgents', 'lastSeen']);

/**
 * The engine's whole internal state (maps, lines, deadline heap, offer and load indexes) as one
 * string: stricter than `snapshot`, so "a refused command changes nothing" means byte-identical.
 */
export function internals(e: RoutingEngine): string {
  return JSON.stringify(e, (key, value: unknown) => {
    if (SCRATCH.has(key)) return undefined;
    if (value instanceof Map) return { map: [...value.entries()] };
    if (value instanceof Set) return { set: [...value] };
    return value;
  });
}

/** expectRefused, compared on the whole internal state. */
export function expectRefusedExactly(e: RoutingEngine, code: string, run: () => unknown): void {
  expectRefusedUnchanged(e, code, run, internals);
}
