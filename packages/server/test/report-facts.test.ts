/**
 * Report facts derived from real engine outcomes (pure): every path counted once — offer, RONA,
 * accept, transfer to a queue and to an agent, overflow, abandon before an accept, conference,
 * reopen — with the wait and handle times.
 */
import { describe, expect, it } from 'vitest';
import { RoutingEngine, type AgentRecord, type ConversationState, type Outcome, type QueueRecord } from '@parley/core';
import type { ReportFact } from '@parley/storage';
import { reportFactsOf, wrapupFacts } from '../src/app/reports/facts';

const SEC = 1000;
const agent = (id: string, readySince = 0): AgentRecord => ({ id, state: 'available', idleReasonId: null, stateChangedAt: 0, readySince, capacity: { webchat: 2 } });
const queue = (id: string, memberIds: string[], opts: Partial<QueueRecord> = {}): QueueRecord => ({
  id, channel: 'webchat', offerTimeoutMs: 30 * SEC, maxWaitMs: 600 * SEC, transferFallback: 'drop', overflowQueueId: null, memberIds, ...opts,
});

/** An engine whose every outcome's facts are collected, as the commit path does. */
function recorder() {
  const e = new RoutingEngine();
  for (const a of [agent('a1'), agent('a2', 1), agent('a3', 2)]) e.upsertAgent(a);
  e.upsertQueue(queue('q1', ['a1'], { overflowQueueId: 'q2', maxWaitMs: 100 * SEC }));
  e.upsertQueue(queue('q2', ['a2', 'a3'], { transferFallback: 'requeue' }));
  const facts: ReportFact[] = [];
  const run = (now: number, cmd: (e: RoutingEngine, now: number) => Outcome) => facts.push(...reportFactsOf(cmd(e, now), now));
  const short = () => facts.map((f) => `${f.at} ${f.kind} ${f.queueId}${f.agentId ? ` ${f.agentId}` : ''}${f.ms !== null ? ` ms=${f.ms}` : ''}${f.detail ? ` ${f.detail}` : ''}`);
  return { e, facts, run, short };
}

describe('report facts of routing outcomes', () => {
  it('offer, RONA, accept after the RONA (wait from the first entry), end: queued once, handled once', () => {
    const r = recorder();
    r.run(0, (e, t) => e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, t));
    r.run(30 * SEC, (e, t) => e.tick(t)); // a1 RONA: back in its place, nobody else in q1
    r.run(31 * SEC, (e, t) => e.setAgentState('a1', 'available', null, t));
    r.run(32 * SEC, (e, t) => e.accept('c1', 'a1', t));
    r.run(92 * SEC, (e, t) => e.endByAgent('c1', 'a1', t));
    expect(r.short()).toEqual(['0 queued q1', '30000 rona q1 a1', '32000 accepted q1 a1 ms=32000', '92000 handled q1 a1 ms=60000']);
    expect(r.facts.every((f) => f.conversationId === 'c1' && f.channel === 'webchat')).toBe(true);
  });

  it('transfer to a queue: handled and transferred in the first queue, queued and accepted in the second', () => {
    const r = recorder();
    r.run(0, (e, t) => e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, t));
    r.run(1000, (e, t) => e.accept('c1', 'a1', t));
    r.run(5000, (e, t) => e.transferToQueue('c1', 'a1', 'q2', t));
    r.run(7000, (e, t) => e.accept('c1', 'a2', t));
    expect(r.short()).toEqual([
      '0 queued q1',
      '1000 accepted q1 a1 ms=1000',
      '5000 handled q1 a1 ms=4000',
      '5000 transferred q1 a1 queue:q2',
      '5000 queued q2',
      '7000 accepted q2 a2 ms=2000',
    ]);
  });

  it('transfer to an agent: transferred (to the agent) in its queue; the accept is no new queue accept; not accepted → RONA and requeued', () => {
    const r = recorder();
    r.run(0, (e, t) => e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q2' }, t));
    r.run(1000, (e, t) => e.accept('c1', 'a2', t));
    r.run(2000, (e, t) => e.transferToAgent('c1', 'a2', 'a3', t));
    r.run(2000 + 30 * SEC, (e, t) => e.tick(t)); // a3 lets it ring: requeued (q2 falls back to the queue)
    expect(r.short()).toEqual([
      '0 queued q2',
      '1000 accepted q2 a2 ms=1000',
      '2000 handled q2 a2 ms=1000',
      '2000 transferred q2 a2 agent:a3',
      '32000 rona q2 a3',
      '32000 queued q2',
    ]);
    const r2 = recorder();
    r2.run(0, (e, t) => e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q2' }, t));
    r2.run(1000, (e, t) => e.accept('c1', 'a2', t));
    r2.run(2000, (e, t) => e.transferToAgent('c1', 'a2', 'a3', t));
    r2.run(3000, (e, t) => e.accept('c1', 'a3', t));
    r2.run(9000, (e, t) => e.endByAgent('c1', 'a3', t));
    expect(r2.short().slice(4)).toEqual(['9000 handled q2 a3 ms=6000']);
  });

  it('overflow on max wait: transferred out of q1 (no agent), queued in q2', () => {
    const r = recorder();
    r.run(0, (e, t) => e.setAgentState('a1', 'idle', null, t));
    r.run(0, (e, t) => e.setAgentState('a2', 'idle', null, t));
    r.run(0, (e, t) => e.setAgentState('a3', 'idle', null, t));
    r.run(0, (e, t) => e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, t));
    r.run(100 * SEC, (e, t) => e.tick(t));
    expect(r.short()).toEqual(['0 queued q1', '100000 transferred q1 queue:q2', '100000 queued q2']);
  });

  it('abandoned only while waiting: a customer leaving an offered chat, a lapsed chat; not after an accept', () => {
    const r = recorder();
    r.run(0, (e, t) => e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, t));
    r.run(1000, (e, t) => e.endByCustomer('c1', t));
    r.run(2000, (e, t) => e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q2', customerConnected: false }, t));
    r.run(62000, (e, t) => e.tick(t)); // the chat's customer never connected
    r.run(63000, (e, t) => e.enqueue({ id: 'c3', channel: 'webchat', queueId: 'q1' }, t));
    r.run(64000, (e, t) => e.accept('c3', 'a1', t));
    r.run(65000, (e, t) => e.endByCustomer('c3', t));
    expect(r.facts.filter((f) => f.kind === 'abandoned').map((f) => [f.conversationId, f.queueId])).toEqual([['c1', 'q1'], ['c2', 'q2']]);
    expect(r.facts.filter((f) => f.kind === 'handled').map((f) => [f.conversationId, f.ms])).toEqual([['c3', 1000]]);
  });

  it('a conference adds no accept and no handled part for the conferee; a reopen joins the queue again', () => {
    const r = recorder();
    r.run(0, (e, t) => e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, t));
    r.run(1000, (e, t) => e.accept('c1', 'a1', t));
    r.run(2000, (e, t) => e.inviteToConference('c1', 'a1', 'a2', t));
    r.run(3000, (e, t) => e.accept('c1', 'a2', t));
    r.run(4000, (e, t) => e.exitConference('c1', 'a2', t));
    r.run(5000, (e, t) => e.endByAgent('c1', 'a1', t));
    r.run(6000, (e, t) => e.submitWrapup('c1', 'a1', t));
    let closed: ConversationState | undefined;
    r.run(6000, (e, t) => {
      const o = e.submitWrapup('c1', 'a2', t);
      closed = o.conversations.find((c) => c.id === 'c1');
      return o;
    });
    expect(closed?.status).toBe('closed');
    r.run(7000, (e, t) => e.reopen(closed!, 'q1', t));
    expect(r.short()).toEqual(['0 queued q1', '1000 accepted q1 a1 ms=1000', '5000 handled q1 a1 ms=4000', '7000 queued q1']);
  });

  it('wrap-up facts: one per reason, in the conversation queue', () => {
    expect(wrapupFacts({ id: 'c1', channel: 'sms', queueId: 'q9' }, 'a1', ['resolved', 'spam'], 7)).toEqual([
      { at: 7, kind: 'wrapup', conversationId: 'c1', queueId: 'q9', channel: 'sms', agentId: 'a1', ms: null, detail: 'resolved' },
      { at: 7, kind: 'wrapup', conversationId: 'c1', queueId: 'q9', channel: 'sms', agentId: 'a1', ms: null, detail: 'spam' },
    ]);
  });
});
