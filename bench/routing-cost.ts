/**
 * In-process figures: the pure RoutingEngine (cost of one routing decision vs waiting-queue size,
 * and an in-process offers/s baseline for the end-to-end routing figure), and Parley's storage path
 * alone (message + event rows through the GroupCommitter, no network).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoutingEngine, type AgentRecord, type QueueRecord } from '@parley/core';
import { GroupCommitter, insertMessagePlan, openDatabase, orderedId, type MessageRecord } from '@parley/storage';

const ns = () => process.hrtime.bigint();
const us = (a: bigint, b: bigint) => Number(b - a) / 1000;

function agent(id: string, capacity: number, state: AgentRecord['state']): AgentRecord {
  return { id, state, idleReasonId: null, stateChangedAt: 0, readySince: 0, capacity: { webchat: capacity } };
}

function queue(id: string, memberIds: string[]): QueueRecord {
  return { id, channel: 'webchat', offerTimeoutMs: 600_000, maxWaitMs: 3_600_000_000, transferFallback: 'drop', overflowQueueId: null, memberIds };
}

export interface DecisionCost {
  waiting: number;
  /** wrap-up submitted → the freed agent is offered the head of the line (one routing decision). */
  decisionUs: number;
  /** a new conversation arrives while no agent is free (enqueue + a dispatch that finds nobody). */
  enqueueUs: number;
  /** the whole cycle: accept, end, enqueue one more, wrap-up → next offer. */
  cycleUs: number;
  /** an agent goes offline (setAgentState 'offline'): its offers are found through an index. */
  offlineUs: number;
  fillMs: number;
  iterations: number;
}

/**
 * One queue, 10 members. `waiting` conversations wait (nobody available); then agent m0 (capacity 1)
 * goes available and cycles: accept → end → enqueue one more (size stays `waiting`) → wrap-up, whose
 * dispatch offers m0 the next head. The decision is timed alone and as part of the cycle.
 */
export function decisionCost(waiting: number, iterations: number): DecisionCost {
  const e = new RoutingEngine();
  const members = Array.from({ length: 10 }, (_, i) => `m${i}`);
  for (const id of members) e.upsertAgent(agent(id, 1, 'idle'));
  e.upsertQueue(queue('q', members));
  let now = 1;
  let next = 0;
  const t0 = ns();
  // One extra: the first offer takes the head, leaving `waiting` in line between decisions.
  for (; next < waiting + 1; next++) e.enqueue({ id: `w${next}`, channel: 'webchat', queueId: 'q' }, now++);
  const fillMs = us(t0, ns()) / 1000;

  const offered = (o: ReturnType<RoutingEngine['enqueue']>) => {
    const ev = o.events.find((x) => x.type === 'offer.created');
    if (ev?.type !== 'offer.created') throw new Error('expected an offer');
    return ev.conversationId;
  };
  let current = offered(e.setAgentState('m0', 'available', null, now++));
  // Timed in blocks; the figure is the median block mean (robust to a GC pause landing in one block).
  const BLOCK = 250;
  const blocks: { decision: number; enqueue: number; cycle: number }[] = [];
  let decision = 0;
  let enqueue = 0;
  let cycle = 0;
  const warmup = Math.min(500, iterations);
  for (let i = 0; i < warmup + iterations; i++) {
    const c0 = ns();
    e.accept(current, 'm0', now++);
    e.endByAgent(current, 'm0', now++);
    const q0 = ns();
    e.enqueue({ id: `w${next++}`, channel: 'webchat', queueId: 'q' }, now++);
    const d0 = ns();
    current = offered(e.submitWrapup(current, 'm0', now++));
    const d1 = ns();
    if (i >= warmup) {
      decision += us(d0, d1);
      enqueue += us(q0, d0);
      cycle += us(c0, d1);
      if ((i - warmup + 1) % BLOCK === 0) {
        blocks.push({ decision: decision / BLOCK, enqueue: enqueue / BLOCK, cycle: cycle / BLOCK });
        decision = enqueue = cycle = 0;
      }
    }
  }
  const median = (k: 'decision' | 'enqueue' | 'cycle') => {
    const v = blocks.map((b) => b[k]).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)]!;
  };
  if (e.waitingCount('q') !== waiting) throw new Error(`queue drifted: ${e.waitingCount('q')} != ${waiting}`);

  // An agent going offline: finds its pending offers through an index, so it should stay flat.
  const offIters = Math.max(20, Math.min(500, Math.floor(2_000_000 / Math.max(1, waiting))));
  let offline = 0;
  for (let i = 0; i < offIters; i++) {
    const a = ns();
    e.setAgentState('m1', 'offline', null, now++);
    offline += us(a, ns());
    e.setAgentState('m1', 'idle', null, now++);
  }
  return {
    waiting,
    decisionUs: median('decision'),
    enqueueUs: median('enqueue'),
    cycleUs: median('cycle'),
    offlineUs: offline / offIters,
    fillMs,
    iterations,
  };
}

/**
 * Baseline for the end-to-end routing figure: the same shape in-process (agents × capacity, all
 * available; N conversations arrive one by one, each gets an offer).
 */
export function engineOffersPerSec(agents: number, capacity: number, conversations: number): number {
  let best = 0;
  for (let rep = 0; rep < 3; rep++) {
    const e = new RoutingEngine();
    const ids = Array.from({ length: agents }, (_, i) => `a${i}`);
    for (const id of ids) e.upsertAgent(agent(id, capacity, 'idle'));
    e.upsertQueue(queue('q', ids));
    let now = 1;
    for (const id of ids) e.setAgentState(id, 'available', null, now++);
    let offers = 0;
    const t0 = ns();
    for (let i = 0; i < conversations; i++) {
      const o = e.enqueue({ id: `c${i}`, channel: 'webchat', queueId: 'q' }, now++);
      offers += o.events.filter((x) => x.type === 'offer.created').length;
    }
    const secs = Number(ns() - t0) / 1e9;
    if (offers !== conversations) throw new Error(`expected ${conversations} offers, got ${offers}`);
    best = Math.max(best, conversations / secs);
  }
  return best;
}

export interface StorageBaseline {
  messagesPerSec: number;
  messages: number;
}

/**
 * Parley's own storage path for customer messages, without network or routing: one write plan per
 * message (insertMessagePlan with one event row, as the server does, over 1,000 conversations)
 * through the server's GroupCommitter settings, SQLite in a temp dir (its writer thread) or
 * PostgreSQL at `url`.
 */
export async function storageBaseline(messages: number, url?: string): Promise<StorageBaseline> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-store-'));
  const db = await openDatabase({ url, dataDir: dir });
  const committer = new GroupCommitter(db, { maxDelayMs: 3, maxBatch: 500 });
  try {
    const conversations = Array.from({ length: 1000 }, () => orderedId());
    const conv = (i: number) => conversations[i % conversations.length]!;
    const mk = (i: number): MessageRecord => ({
      id: orderedId(),
      conversationId: conv(i),
      direction: 'inbound',
      authorType: 'customer',
      authorId: null,
      authorName: 'Customer',
      text: `bm 0 ${i} 123456.789`,
      attachments: [],
      notice: null,
      clientId: `s-${i}`,
      providerId: null,
      channel: 'webchat',
      status: 'received',
      statusReason: null,
      createdAt: Date.now(),
    });
    const event = (seq: number, i: number) => ({ seq, agentId: `a${i % 100}`, conversationId: conv(i), type: 'message.created', payload: { type: 'message.created', seq }, createdAt: Date.now() });
    const store = (i: number) => committer.runPlan(insertMessagePlan(db.kysely, mk(i), [event(i + 1, i)]));
    // Warm-up, then the timed run: all units submitted at once (the committer batches them).
    await Promise.all(Array.from({ length: 500 }, (_, i) => store(i)));
    const t0 = performance.now();
    await Promise.all(Array.from({ length: messages }, (_, i) => store(1000 + i)));
    return { messagesPerSec: messages / ((performance.now() - t0) / 1000), messages };
  } finally {
    await committer.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
