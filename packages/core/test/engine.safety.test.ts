import { describe, expect, it } from 'vitest';
import { RoutingEngine } from '../src/index';
import type { ConversationState } from '../src/index';
import { SEC, agent, expectRefusedExactly, internals, log, makeEngine, queue } from './helpers';

/** An engine restored from `stored` with only the queues in `queues` configured (others were removed meanwhile). */
function restoredWithout(stored: ConversationState[], agents: ReturnType<RoutingEngine['listAgents']>, queues: ReturnType<typeof queue>[]) {
  const e = new RoutingEngine();
  for (const a of agents) e.upsertAgent(structuredClone(a));
  for (const q of queues) e.upsertQueue(q);
  e.restore(structuredClone(stored));
  return e;
}

describe('removing a queue', () => {
  it('is refused while an offered, active or waiting conversation is in it, and changes nothing', () => {
    const e = makeEngine([agent('a1', { webchat: 1 })], [queue('q1', 'webchat', ['a1']), queue('q2', 'webchat', [])]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0); // offered to a1 (the line is empty)
    expectRefusedExactly(e, 'PARLEY_ERR_CONFLICT', () => e.removeQueue('q1'));
    e.accept('c1', 'a1', 1);
    expectRefusedExactly(e, 'PARLEY_ERR_CONFLICT', () => e.removeQueue('q1'));
    e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q2' }, 2); // waits: nobody in q2
    expectRefusedExactly(e, 'PARLEY_ERR_CONFLICT', () => e.removeQueue('q2'));
    // The offer deadline passes normally afterwards.
    expect(() => e.tick(40 * SEC)).not.toThrow();
  });

  it('is allowed once its conversations have ended (wrap-up does not need the queue)', () => {
    const e = makeEngine([agent('a1', { webchat: 1 })], [queue('q1', 'webchat', ['a1'])]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    e.accept('c1', 'a1', 1);
    e.endByAgent('c1', 'a1', 2);
    e.removeQueue('q1');
    expect(e.getQueue('q1')).toBeUndefined();
    expect(log(e.submitWrapup('c1', 'a1', 3))).toEqual(['closed c1']);
  });

  it('refuses to change the channel of a queue that has open conversations', () => {
    const e = makeEngine([agent('a1', { webchat: 1 })], [queue('q1', 'webchat', ['a1'])]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    expectRefusedExactly(e, 'PARLEY_ERR_CONFLICT', () => e.upsertQueue(queue('q1', 'sms', ['a1'])));
  });
});

describe('a conversation whose queue is gone (removed while the server was down)', () => {
  const agents = [agent('a1', { webchat: 2 }), agent('a2', { webchat: 1 }, { readySince: 1 })];
  const q1 = queue('q1', 'webchat', ['a1'], { transferFallback: 'requeue' });
  const q2 = queue('q2', 'webchat', ['a2']);

  it('RONA tick: the offer times out, the agent is RONA, and the chat ends with no_agent_available instead of throwing', () => {
    const a = makeEngine(agents, [q1, q2]);
    a.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0); // offered to a1
    const e = restoredWithout(a.listConversations(), a.listAgents(), [q2]);
    const o = e.tick(30 * SEC);
    expect(log(o)).toEqual([
      'offer.withdrawn c1>a1 route timeout',
      'agent.state a1 available->rona',
      'rona a1 c1',
      'notice c1 no_agent_available',
      'closed c1',
    ]);
    expect(o.conversations).toEqual([expect.objectContaining({ id: 'c1', status: 'closed', endedBy: 'system' })]);
    expect(e.getConversation('c1')).toBeUndefined();
    expect(e.loadOf('a1')).toEqual({});
  });

  it('max wait of a waiting chat ends it (no overflow to look up)', () => {
    const a = makeEngine([agent('a1', { webchat: 0 })], [q1]);
    a.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    const e = restoredWithout(a.listConversations(), a.listAgents(), []);
    expect(log(e.tick(600 * SEC))).toEqual(['notice c1 no_agent_available', 'closed c1']);
  });

  it('a logout withdrawing its offer ends the chat instead of throwing halfway', () => {
    const a = makeEngine(agents, [q1, q2]);
    a.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    const e = restoredWithout(a.listConversations(), a.listAgents(), [q2]);
    const o = e.setAgentState('a1', 'offline', null, 5);
    expect(log(o)).toEqual([
      'agent.state a1 available->offline',
      'offer.withdrawn c1>a1 route cancelled',
      'notice c1 no_agent_available',
      'closed c1',
    ]);
  });

  it('an unanswered transfer with fallback requeue ends the chat', () => {
    const a = makeEngine(agents, [q1, q2]);
    a.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    a.accept('c1', 'a1', 1);
    a.transferToAgent('c1', 'a1', 'a2', 2);
    const e = restoredWithout(a.listConversations(), a.listAgents(), [q2]);
    expect(log(e.tick(40 * SEC))).toEqual([
      'offer.withdrawn c1>a2 transfer timeout',
      'agent.state a2 available->rona',
      'rona a2 c1',
      'notice c1 transfer_failed',
    ]);
    // Ended, not requeued: closed once a1 (who handed it over) submits the wrap-up.
    expect(e.getConversation('c1')).toMatchObject({ status: 'ended', endedBy: 'system', offer: null });
    expect(log(e.submitWrapup('c1', 'a1', 41 * SEC))).toEqual(['closed c1']);
  });

  it('a transfer or conference request on it is refused up front and changes nothing', () => {
    const a = makeEngine(agents, [q1, q2]);
    a.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    a.accept('c1', 'a1', 1);
    const e = restoredWithout(a.listConversations(), a.listAgents(), [q2]);
    expectRefusedExactly(e, 'PARLEY_ERR_NOT_FOUND', () => e.transferToAgent('c1', 'a1', 'a2', 2));
    expectRefusedExactly(e, 'PARLEY_ERR_NOT_FOUND', () => e.inviteToConference('c1', 'a1', 'a2', 2));
    // The owner can still end it, and the agent's capacity comes back.
    e.endByAgent('c1', 'a1', 3);
    expect(log(e.submitWrapup('c1', 'a1', 4))).toEqual(['closed c1']);
    expect(internals(e)).not.toContain('"c1"');
  });
});

describe('a queue added back after a restart without it', () => {
  it('takes the conversations that waited for it, in order, and offers them', () => {
    const a = makeEngine([agent('a1', { webchat: 0 })], [queue('q1', 'webchat', ['a1'])]);
    a.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    a.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 1);
    const e = restoredWithout(a.listConversations(), [agent('a1', { webchat: 1 })], []);
    expect(e.waitingCount('q1')).toBe(0);
    e.upsertQueue(queue('q1', 'webchat', ['a1']));
    expect(e.waitingCount('q1')).toBe(2);
    expect(log(e.rebalance(2))).toEqual(['offer.created c1>a1 route']);
  });
});
