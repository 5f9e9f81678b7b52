import { describe, expect, it } from 'vitest';
import type { ConversationState, RoutingEngine } from '../src/index';
import { SEC, agent, conv, expectRefused, log, makeEngine, queue } from './helpers';

/** c1 handled to the end by whoever it was offered to: accepted, ended, wrapped up — closed, gone from memory. */
function closed(e: RoutingEngine): ConversationState {
  e.enqueue({ id: 'c1', channel: 'email', queueId: 'q1' }, 20 * SEC);
  const by = e.getConversation('c1')!.offer!.agentId;
  e.accept('c1', by, 21 * SEC);
  e.endByAgent('c1', by, 22 * SEC);
  const last = structuredClone(conv(e, 'c1'));
  const o = e.submitWrapup('c1', by, 23 * SEC);
  const done = o.conversations.find((c) => c.id === 'c1')!;
  expect(done.status).toBe('closed');
  expect(e.getConversation('c1')).toBeUndefined();
  expect(last.status).toBe('ended');
  return structuredClone(done);
}

describe('reopen (a reply to a closed email conversation)', () => {
  it('queues it again in its queue for the longest-available agent, with a notice, keeping id and history', () => {
    const e = makeEngine([agent('a1', { email: 2 }), agent('a2', { email: 2 })], [queue('q1', 'email', ['a1', 'a2'])]);
    const c = closed(e);
    const o = e.reopen(c, 'q1', 100 * SEC);
    expect(log(o)[0]).toBe('notice c1 reopened queue=q1');
    expect(log(o)[1]).toMatch(/^offer\.created c1>a[12] route$/);
    expect(conv(e, 'c1')).toMatchObject({
      status: 'offered', queueId: 'q1', ownerAgentId: null, acceptedAt: null, endedAt: null, endedBy: null,
      queuedAt: 100 * SEC, maxWaitDeadline: 100 * SEC + 600 * SEC, createdAt: 20 * SEC,
    });
    // The earlier owner stays in the history, done.
    expect(conv(e, 'c1').participants.map((p) => p.status)).toEqual(['done']);
  });

  // a1 was available longest, so it handled c1; since then a2 has been available longer.
  const pair = () => [agent('a1', { email: 2 }, { readySince: 5 * SEC }), agent('a2', { email: 2 }, { readySince: 10 * SEC })];

  it("'lastAgent' offers it to its last owner first, even when another agent was available longer", () => {
    const e = makeEngine(pair(), [queue('q1', 'email', ['a1', 'a2'], { reopenTo: 'lastAgent' })]);
    const c = closed(e);
    expect(c.ownerAgentId).toBe('a1');
    expect(log(e.reopen(c, 'q1', 100 * SEC))).toEqual(['notice c1 reopened queue=q1', 'offer.created c1>a1 route']);
    // Its RONA sends it to the queue like any other offer.
    expect(log(e.tick(130 * SEC))).toContain('offer.created c1>a2 route');
  });

  it("'queue' (the default) ignores the last owner: the longest-available agent gets it", () => {
    const e = makeEngine(pair(), [queue('q1', 'email', ['a1', 'a2'])]);
    const c = closed(e);
    expect(c.ownerAgentId).toBe('a1');
    expect(log(e.reopen(c, 'q1', 100 * SEC))).toEqual(['notice c1 reopened queue=q1', 'offer.created c1>a2 route']);
  });

  it("'lastAgent' whose agent can't take it now waits in the queue for anyone", () => {
    const e = makeEngine(pair(), [queue('q1', 'email', ['a1', 'a2'], { reopenTo: 'lastAgent' })]);
    const c = closed(e);
    e.setAgentState('a1', 'offline', null, 50 * SEC);
    expect(log(e.reopen(c, 'q1', 100 * SEC))).toEqual(['notice c1 reopened queue=q1', 'offer.created c1>a2 route']);
  });

  it('goes to another queue of its channel when asked (its own was removed) and waits when nobody is free', () => {
    const e = makeEngine([agent('a1', { email: 1 })], [queue('q1', 'email', ['a1']), queue('q2', 'email', [])]);
    const c = closed(e);
    const o = e.reopen(c, 'q2', 100 * SEC);
    expect(log(o)).toEqual(['notice c1 reopened queue=q2']);
    expect(conv(e, 'c1')).toMatchObject({ status: 'queued', queueId: 'q2' });
    expect(e.waitingCount('q2')).toBe(1);
  });

  it('refuses a conversation still open, one not closed, an unknown queue or one of another channel', () => {
    const e = makeEngine([agent('a1', { email: 1, sms: 1 })], [queue('q1', 'email', ['a1']), queue('qs', 'sms', ['a1'])]);
    const c = closed(e);
    expectRefused(e, 'PARLEY_ERR_NOT_FOUND', () => e.reopen(c, 'nope', 10 * SEC));
    expectRefused(e, 'PARLEY_ERR_CHANNEL_RULE', () => e.reopen(c, 'qs', 10 * SEC));
    expectRefused(e, 'PARLEY_ERR_INVALID_STATE', () => e.reopen({ ...c, status: 'ended' }, 'q1', 10 * SEC));
    e.reopen(c, 'q1', 10 * SEC);
    expectRefused(e, 'PARLEY_ERR_CONFLICT', () => e.reopen(c, 'q1', 11 * SEC));
  });
});
