import { describe, expect, it } from 'vitest';
import { RoutingEngine } from '../src/index';
import { SEC, agent, conv, expectRefused, log, makeEngine, queue, snapshot } from './helpers';

describe('offer to the longest-available member', () => {
  it('picks the oldest readySince, breaks ties by id, and spreads work because an offer updates readySince', () => {
    const e = makeEngine(
      [agent('a3', { webchat: 3 }), agent('a2', { webchat: 3 }), agent('a1', { webchat: 3 })],
      [queue('q1', 'webchat', ['a3', 'a2', 'a1'])],
    );
    const o1 = e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 10);
    expect(log(o1)).toEqual(['offer.created c1>a1 route']);
    const created = o1.events.find((x) => x.type === 'offer.created');
    expect(created).toEqual({
      type: 'offer.created',
      conversationId: 'c1',
      offer: { agentId: 'a1', kind: 'route', offeredAt: 10, deadline: 10 + 30 * SEC, fromAgentId: null },
    });
    expect(o1.conversations.map((c) => [c.id, c.status])).toEqual([['c1', 'offered']]);
    expect(o1.agents.map((a) => [a.id, a.readySince])).toEqual([['a1', 10]]);
    expect(o1.queueIds).toEqual(['q1']);
    expect(e.getAgent('a1')!.readySince).toBe(10);
    expect(conv(e, 'c1')).toMatchObject({ status: 'offered', queueId: 'q1', queuedAt: 10, maxWaitDeadline: 10 + 600 * SEC });

    expect(log(e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 20))).toEqual(['offer.created c2>a2 route']);
    expect(log(e.enqueue({ id: 'c3', channel: 'webchat', queueId: 'q1' }, 30))).toEqual(['offer.created c3>a3 route']);
    // a1 was offered longest ago (10) so it is the longest available again.
    expect(log(e.enqueue({ id: 'c4', channel: 'webchat', queueId: 'q1' }, 40))).toEqual(['offer.created c4>a1 route']);
    expect(e.loadOf('a1')).toEqual({ webchat: 2 });
    expect(e.waitingCount('q1')).toBe(0);
  });

  it('prefers the agent available longest over a smaller id', () => {
    const e = makeEngine(
      [agent('a1', { sms: 1 }, { readySince: 7 }), agent('a2', { sms: 1 }, { readySince: 5 })],
      [queue('q1', 'sms', ['a1', 'a2'])],
    );
    expect(log(e.enqueue({ id: 'c1', channel: 'sms', queueId: 'q1' }, 100))).toEqual(['offer.created c1>a2 route']);
  });

  it('refuses an enqueue to an unknown queue, a queue of another channel, or a duplicate id', () => {
    const e = makeEngine([agent('a1', { webchat: 1 })], [queue('q1', 'webchat', ['a1'])]);
    expectRefused(e, 'PARLEY_ERR_NOT_FOUND', () => e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'nope' }, 0));
    expectRefused(e, 'PARLEY_ERR_CHANNEL_RULE', () => e.enqueue({ id: 'c1', channel: 'sms', queueId: 'q1' }, 0));
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    expectRefused(e, 'PARLEY_ERR_CONFLICT', () => e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 1));
  });
});

describe('accept', () => {
  it('makes the agent the owner; only the offered agent can accept, once', () => {
    const e = makeEngine([agent('a1', { webchat: 2 }), agent('a2', { webchat: 0 })], [queue('q1', 'webchat', ['a1', 'a2'])]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    expectRefused(e, 'PARLEY_ERR_NO_OFFER', () => e.accept('c1', 'a2', 5));
    expectRefused(e, 'PARLEY_ERR_NOT_FOUND', () => e.accept('c9', 'a1', 5));
    const o = e.accept('c1', 'a1', 5);
    expect(log(o)).toEqual(['offer.withdrawn c1>a1 route accepted', 'notice c1 agent_joined agent=a1']);
    expect(o.conversations).toHaveLength(1);
    expect(conv(e, 'c1')).toMatchObject({
      status: 'active',
      ownerAgentId: 'a1',
      offer: null,
      acceptedAt: 5,
      maxWaitDeadline: null,
      participants: [{ agentId: 'a1', role: 'owner', status: 'active', joinedAt: 5, leftAt: null }],
    });
    expect(e.loadOf('a1')).toEqual({ webchat: 1 });
    expectRefused(e, 'PARLEY_ERR_NO_OFFER', () => e.accept('c1', 'a1', 6));
    // The stale offer deadline does nothing once accepted.
    expect(log(e.tick(31 * SEC))).toEqual([]);
    expect(conv(e, 'c1').status).toBe('active');
  });
});

describe('RONA (F2)', () => {
  it('withdraws a timed-out offer, puts the agent in RONA and offers the next eligible agent', () => {
    const e = makeEngine([agent('a1', { webchat: 1 }), agent('a2', { webchat: 1 }, { readySince: 1 })], [queue('q1', 'webchat', ['a1', 'a2'])]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    expect(e.nextDeadline()).toBe(30 * SEC);
    expect(log(e.tick(30 * SEC - 1))).toEqual([]);
    const o = e.tick(30 * SEC);
    expect(log(o)).toEqual([
      'offer.withdrawn c1>a1 route timeout',
      'agent.state a1 available->rona',
      'rona a1 c1',
      'offer.created c1>a2 route',
    ]);
    expect(o.agents.map((a) => [a.id, a.state]).sort()).toEqual([['a1', 'rona'], ['a2', 'available']]);
    expect(e.getAgent('a1')).toMatchObject({ state: 'rona', stateChangedAt: 30 * SEC });
    expect(e.loadOf('a1')).toEqual({});
    // The conversation keeps its place and its max-wait deadline.
    expect(conv(e, 'c1')).toMatchObject({ queuedAt: 0, maxWaitDeadline: 600 * SEC, offer: { agentId: 'a2', deadline: 60 * SEC } });

    // a2 lets it time out too: nobody left, it waits.
    expect(log(e.tick(60 * SEC))).toEqual(['offer.withdrawn c1>a2 route timeout', 'agent.state a2 available->rona', 'rona a2 c1']);
    expect(conv(e, 'c1').status).toBe('queued');
    expect(e.waitingCount('q1')).toBe(1);

    // A RONA agent gets nothing, even new arrivals, until they set themselves available.
    expect(log(e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 61 * SEC))).toEqual([]);
    expect(e.availableAgentsIn('q1')).toBe(0);
    expect(e.canTakeNow('a1', 'webchat')).toBe(false);
    const back = e.setAgentState('a1', 'available', null, 70 * SEC);
    expect(log(back)).toEqual(['agent.state a1 rona->available', 'offer.created c1>a1 route']);
    expect(e.waitingCount('q1')).toBe(1);
    expect(conv(e, 'c2').status).toBe('queued');
  });

  it('never offers an idle agent, and offers when it comes back', () => {
    const e = makeEngine([agent('a1', { sms: 1 }), agent('a2', { sms: 1 }, { readySince: 50 })], [queue('q1', 'sms', ['a1', 'a2'])]);
    const idle = e.setAgentState('a1', 'idle', 'lunch', 1);
    expect(log(idle)).toEqual(['agent.state a1 available->idle']);
    expect(e.getAgent('a1')).toMatchObject({ state: 'idle', idleReasonId: 'lunch', stateChangedAt: 1 });
    expect(log(e.enqueue({ id: 'c1', channel: 'sms', queueId: 'q1' }, 2))).toEqual(['offer.created c1>a2 route']);
    expect(log(e.enqueue({ id: 'c2', channel: 'sms', queueId: 'q1' }, 3))).toEqual([]);
    expect(log(e.setAgentState('a1', 'idle', 'break', 4))).toEqual([]); // reason change only
    expect(e.getAgent('a1')!.idleReasonId).toBe('break');
    const o = e.setAgentState('a1', 'available', 'ignored', 5);
    expect(log(o)).toEqual(['agent.state a1 idle->available', 'offer.created c2>a1 route']);
    expect(e.getAgent('a1')).toMatchObject({ idleReasonId: null, readySince: 5 });
  });

  it('refuses a state change for an unknown agent', () => {
    const e = makeEngine([], []);
    expectRefused(e, 'PARLEY_ERR_NOT_FOUND', () => e.setAgentState('x', 'available', null, 0));
  });
});

describe('capacity per channel', () => {
  it('frees capacity only on wrap-up submit, not on end, and counts channels apart', () => {
    const e = makeEngine(
      [agent('a1', { webchat: 1, email: 1, sms: 0 })],
      [queue('qw', 'webchat', ['a1']), queue('qe', 'email', ['a1']), queue('qs', 'sms', ['a1'])],
    );
    expect(log(e.enqueue({ id: 'w1', channel: 'webchat', queueId: 'qw' }, 0))).toEqual(['offer.created w1>a1 route']);
    expect(log(e.enqueue({ id: 'w2', channel: 'webchat', queueId: 'qw' }, 1))).toEqual([]);
    expect(log(e.enqueue({ id: 'e1', channel: 'email', queueId: 'qe' }, 2))).toEqual(['offer.created e1>a1 route']);
    expect(log(e.enqueue({ id: 's1', channel: 'sms', queueId: 'qs' }, 3))).toEqual([]); // capacity 0
    e.accept('w1', 'a1', 4);
    const end = e.endByAgent('w1', 'a1', 5);
    expect(log(end)).toEqual(['notice w1 agent_left agent=a1']);
    expect(conv(e, 'w1')).toMatchObject({ status: 'ended', endedBy: 'agent', endedAt: 5, participants: [{ status: 'wrapup', leftAt: 5 }] });
    expect(e.loadOf('a1')).toEqual({ webchat: 1, email: 1 });
    expect(conv(e, 'w2').status).toBe('queued');
    const wrap = e.submitWrapup('w1', 'a1', 6);
    expect(log(wrap)).toEqual(['closed w1', 'offer.created w2>a1 route']);
    expect(wrap.conversations.find((c) => c.id === 'w1')).toMatchObject({ status: 'closed' });
    expect(e.getConversation('w1')).toBeUndefined();
    expect(e.loadOf('a1')).toEqual({ webchat: 1, email: 1 });
    expect(conv(e, 's1').status).toBe('queued');
  });

  it('refuses wrap-up twice and wrap-up of a conversation still active', () => {
    const e = makeEngine([agent('a1', { webchat: 2 }), agent('a2', { webchat: 2 })], [queue('q1', 'webchat', ['a1'])]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    e.accept('c1', 'a1', 1);
    expectRefused(e, 'PARLEY_ERR_INVALID_STATE', () => e.submitWrapup('c1', 'a1', 2));
    e.inviteToConference('c1', 'a1', 'a2', 3);
    e.accept('c1', 'a2', 4);
    e.endByAgent('c1', 'a1', 5);
    e.submitWrapup('c1', 'a1', 6);
    expectRefused(e, 'PARLEY_ERR_INVALID_STATE', () => e.submitWrapup('c1', 'a1', 7));
    expect(log(e.submitWrapup('c1', 'a2', 8))).toEqual(['closed c1']);
    expectRefused(e, 'PARLEY_ERR_NOT_FOUND', () => e.submitWrapup('c1', 'a2', 9));
    expect(e.loadOf('a1')).toEqual({});
    expect(e.loadOf('a2')).toEqual({});
  });
});

function activeWebchat(extraQueues = [queue('q2', 'webchat', ['a2']), queue('qe', 'email', ['a2'])]) {
  const e = makeEngine(
    [agent('a1', { webchat: 2, email: 1 }), agent('a2', { webchat: 1, email: 1 }, { readySince: 1 }), agent('a3', { webchat: 1 }, { readySince: 2 })],
    [queue('q1', 'webchat', ['a1']), ...extraQueues],
  );
  e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
  e.accept('c1', 'a1', 1);
  return e;
}

describe('transfer (F5)', () => {
  it('to a queue: the owner goes to wrap-up and the conversation is queued and offered there', () => {
    const e = activeWebchat();
    expectRefused(e, 'PARLEY_ERR_CHANNEL_RULE', () => e.transferToQueue('c1', 'a1', 'qe', 10));
    expectRefused(e, 'PARLEY_ERR_NOT_FOUND', () => e.transferToQueue('c1', 'a1', 'nope', 10));
    expectRefused(e, 'PARLEY_ERR_NOT_PARTICIPANT', () => e.transferToQueue('c1', 'a2', 'q2', 10));
    const o = e.transferToQueue('c1', 'a1', 'q2', 10);
    expect(log(o)).toEqual(['notice c1 transferred agent=a1 queue=q2', 'offer.created c1>a2 route']);
    expect(o.queueIds).toContain('q2');
    expect(conv(e, 'c1')).toMatchObject({
      queueId: 'q2',
      status: 'offered',
      ownerAgentId: null,
      queuedAt: 10,
      maxWaitDeadline: 10 + 600 * SEC,
      participants: [{ agentId: 'a1', role: 'owner', status: 'wrapup', leftAt: 10 }],
    });
    expect(e.loadOf('a1')).toEqual({ webchat: 1 });
    expectRefused(e, 'PARLEY_ERR_NOT_PARTICIPANT', () => e.endByAgent('c1', 'a1', 11));
    e.accept('c1', 'a2', 12);
    expect(conv(e, 'c1')).toMatchObject({ status: 'active', ownerAgentId: 'a2', acceptedAt: 1 });
    expect(log(e.submitWrapup('c1', 'a1', 13))).toEqual([]);
    expect(e.loadOf('a1')).toEqual({});
    expect(conv(e, 'c1').status).toBe('active');
  });

  it('refuses an email transfer to an agent but allows it to an email queue', () => {
    const e = makeEngine([agent('a1', { email: 1 }), agent('a2', { email: 1 })], [queue('qe', 'email', ['a1']), queue('qe2', 'email', ['a2'])]);
    e.enqueue({ id: 'm1', channel: 'email', queueId: 'qe' }, 0);
    e.accept('m1', 'a1', 1);
    expectRefused(e, 'PARLEY_ERR_CHANNEL_RULE', () => e.transferToAgent('m1', 'a1', 'a2', 2));
    expectRefused(e, 'PARLEY_ERR_CHANNEL_RULE', () => e.inviteToConference('m1', 'a1', 'a2', 2));
    expect(log(e.transferToQueue('m1', 'a1', 'qe2', 3))).toEqual(['notice m1 transferred agent=a1 queue=qe2', 'offer.created m1>a2 route']);
  });

  it('to an agent who accepts: the target becomes the owner', () => {
    const e = activeWebchat();
    const o = e.transferToAgent('c1', 'a1', 'a3', 10);
    expect(log(o)).toEqual(['notice c1 transferred agent=a3', 'offer.created c1>a3 transfer']);
    expect(o.events.find((x) => x.type === 'offer.created')).toMatchObject({ offer: { kind: 'transfer', fromAgentId: 'a1', deadline: 10 + 30 * SEC } });
    expect(conv(e, 'c1')).toMatchObject({ status: 'offered', ownerAgentId: null, queueId: 'q1' });
    expect(e.getAgent('a3')!.readySince).toBe(10);
    expectRefused(e, 'PARLEY_ERR_NO_OFFER', () => e.accept('c1', 'a1', 11));
    expect(log(e.accept('c1', 'a3', 11))).toEqual(['offer.withdrawn c1>a3 transfer accepted', 'notice c1 agent_joined agent=a3']);
    expect(conv(e, 'c1')).toMatchObject({ status: 'active', ownerAgentId: 'a3' });
    expect(conv(e, 'c1').participants.map((p) => [p.agentId, p.role, p.status])).toEqual([
      ['a1', 'owner', 'wrapup'],
      ['a3', 'owner', 'active'],
    ]);
  });

  it("to an agent who does not accept, fallback 'drop': the conversation ends, the target is RONA", () => {
    const e = activeWebchat();
    e.transferToAgent('c1', 'a1', 'a3', 10);
    const o = e.tick(10 + 30 * SEC);
    expect(log(o)).toEqual([
      'offer.withdrawn c1>a3 transfer timeout',
      'agent.state a3 available->rona',
      'rona a3 c1',
      'notice c1 transfer_failed',
    ]);
    expect(conv(e, 'c1')).toMatchObject({ status: 'ended', endedBy: 'system', offer: null });
    expect(e.getAgent('a3')!.state).toBe('rona');
    expect(e.loadOf('a3')).toEqual({});
    expect(log(e.submitWrapup('c1', 'a1', 40 * SEC))).toEqual(['closed c1']);
    expect(e.listConversations()).toEqual([]);
  });

  it("to an agent who does not accept, fallback 'requeue': back in the queue and routed there", () => {
    const e = makeEngine(
      [agent('a1', { webchat: 2 }), agent('a2', { webchat: 1 }), agent('a3', { webchat: 1 }, { state: 'idle' })],
      [queue('q1', 'webchat', ['a1', 'a3'], { transferFallback: 'requeue' })],
    );
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    e.accept('c1', 'a1', 1);
    e.transferToAgent('c1', 'a1', 'a2', 10);
    const t = 10 + 30 * SEC;
    // a1 is in wrap-up on it, a3 idle: nobody may take it, so it waits in q1.
    expect(log(e.tick(t))).toEqual([
      'offer.withdrawn c1>a2 transfer timeout',
      'agent.state a2 available->rona',
      'rona a2 c1',
      'notice c1 transfer_failed',
    ]);
    expect(conv(e, 'c1')).toMatchObject({ status: 'queued', queueId: 'q1', queuedAt: t, maxWaitDeadline: t + 600 * SEC });
    expect(e.waitingCount('q1')).toBe(1);
    expect(log(e.setAgentState('a3', 'available', null, t + 1))).toEqual(['agent.state a3 idle->available', 'offer.created c1>a3 route']);
  });

  it('to an agent who is not available is refused and changes nothing', () => {
    const e = activeWebchat();
    e.setAgentState('a2', 'idle', null, 2);
    expectRefused(e, 'PARLEY_ERR_CONFLICT', () => e.transferToAgent('c1', 'a1', 'a2', 3));
    expectRefused(e, 'PARLEY_ERR_CONFLICT', () => e.inviteToConference('c1', 'a1', 'a2', 3));
    e.setAgentState('a2', 'offline', null, 4);
    expectRefused(e, 'PARLEY_ERR_CONFLICT', () => e.transferToAgent('c1', 'a1', 'a2', 5));
    expect(e.canTakeNow('a3', 'webchat')).toBe(true);
    // An available agent with no free capacity is refused too.
    const full = makeEngine([agent('a1', { webchat: 1 }), agent('a3', { webchat: 1 })], [queue('q1', 'webchat', ['a1', 'a3'])]);
    full.enqueue({ id: 'x1', channel: 'webchat', queueId: 'q1' }, 0);
    full.enqueue({ id: 'x2', channel: 'webchat', queueId: 'q1' }, 0);
    full.accept('x1', 'a1', 1);
    expect(full.canTakeNow('a3', 'webchat')).toBe(false); // holds the x2 offer
    expectRefused(full, 'PARLEY_ERR_CONFLICT', () => full.transferToAgent('x1', 'a1', 'a3', 2));
    expectRefused(full, 'PARLEY_ERR_CONFLICT', () => full.transferToAgent('x1', 'a1', 'a1', 2));
    expectRefused(full, 'PARLEY_ERR_NOT_FOUND', () => full.transferToAgent('x1', 'a1', 'ghost', 2));
    expectRefused(full, 'PARLEY_ERR_NOT_PARTICIPANT', () => full.transferToAgent('x1', 'a3', 'a1', 2));
  });
});

describe('conference (F6)', () => {
  it('invite, accept, exit by the conferee, end by the owner only', () => {
    const e = activeWebchat();
    const inv = e.inviteToConference('c1', 'a1', 'a2', 10);
    expect(log(inv)).toEqual(['notice c1 conference_requested agent=a2', 'offer.created c1>a2 conference']);
    expect(conv(e, 'c1')).toMatchObject({ status: 'active', offer: { agentId: 'a2', kind: 'conference', fromAgentId: 'a1' } });
    expectRefused(e, 'PARLEY_ERR_INVALID_STATE', () => e.inviteToConference('c1', 'a1', 'a3', 11));
    expectRefused(e, 'PARLEY_ERR_INVALID_STATE', () => e.transferToQueue('c1', 'a1', 'q2', 11));
    expect(log(e.accept('c1', 'a2', 12))).toEqual(['offer.withdrawn c1>a2 conference accepted', 'notice c1 conference_joined agent=a2']);
    expect(conv(e, 'c1')).toMatchObject({ status: 'conference', ownerAgentId: 'a1' });
    expect(conv(e, 'c1').participants.map((p) => [p.agentId, p.role, p.status])).toEqual([
      ['a1', 'owner', 'active'],
      ['a2', 'conferee', 'active'],
    ]);
    expectRefused(e, 'PARLEY_ERR_NOT_OWNER', () => e.endByAgent('c1', 'a2', 13));
    expectRefused(e, 'PARLEY_ERR_NOT_PARTICIPANT', () => e.endByAgent('c1', 'a3', 13));
    expectRefused(e, 'PARLEY_ERR_INVALID_STATE', () => e.exitConference('c1', 'a1', 13));
    expectRefused(e, 'PARLEY_ERR_INVALID_STATE', () => e.transferToQueue('c1', 'a1', 'q2', 13));
    expect(log(e.exitConference('c1', 'a2', 14))).toEqual(['notice c1 conference_left agent=a2']);
    expect(conv(e, 'c1').status).toBe('active');
    expect(conv(e, 'c1').participants[1]).toMatchObject({ agentId: 'a2', status: 'wrapup', leftAt: 14 });
    expect(e.loadOf('a2')).toEqual({ webchat: 1 });
    expectRefused(e, 'PARLEY_ERR_NOT_PARTICIPANT', () => e.exitConference('c1', 'a2', 15));
    // Still wrapping up: cannot be invited again yet.
    e.setAgentState('a2', 'available', null, 15);
    expectRefused(e, 'PARLEY_ERR_CONFLICT', () => e.inviteToConference('c1', 'a1', 'a2', 15));
    e.submitWrapup('c1', 'a2', 16);
    expect(e.loadOf('a2')).toEqual({});
    // The owner's chat continues and can be ended normally.
    expect(log(e.endByAgent('c1', 'a1', 17))).toEqual(['notice c1 agent_left agent=a1']);
  });

  it('ending in conference puts owner and conferee in wrap-up', () => {
    const e = activeWebchat();
    e.inviteToConference('c1', 'a1', 'a3', 10);
    e.accept('c1', 'a3', 11);
    const o = e.endByAgent('c1', 'a1', 12);
    expect(log(o)).toEqual(['notice c1 conference_ended agent=a1', 'notice c1 agent_left agent=a1', 'notice c1 agent_left agent=a3']);
    expect(o.agents.map((a) => a.id).sort()).toEqual(['a1', 'a3']);
    expect(conv(e, 'c1')).toMatchObject({ status: 'ended', endedBy: 'agent', endedAt: 12 });
    expect(conv(e, 'c1').participants.map((p) => p.status)).toEqual(['wrapup', 'wrapup']);
    expect(log(e.submitWrapup('c1', 'a3', 13))).toEqual([]);
    expect(log(e.submitWrapup('c1', 'a1', 14))).toEqual(['closed c1']);
  });

  it('an unanswered invite is declined (no RONA) and the chat stays active; the invitee is offered waiting work', () => {
    const e = makeEngine(
      [agent('a1', { webchat: 1 }), agent('a2', { webchat: 1 }, { readySince: 5 })],
      [queue('q1', 'webchat', ['a1']), queue('q2', 'webchat', ['a2'])],
    );
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    e.accept('c1', 'a1', 1);
    e.inviteToConference('c1', 'a1', 'a2', 10);
    expect(log(e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q2' }, 11))).toEqual([]); // a2 is full with the invite
    const o = e.tick(10 + 30 * SEC);
    expect(log(o)).toEqual([
      'offer.withdrawn c1>a2 conference timeout',
      'notice c1 conference_declined agent=a2',
      'offer.created c2>a2 route',
    ]);
    expect(e.getAgent('a2')!.state).toBe('available');
    expect(conv(e, 'c1')).toMatchObject({ status: 'active', offer: null });
  });

  it('an owner ending while an invite is pending cancels it and frees the invitee for waiting work', () => {
    const e = makeEngine(
      [agent('a1', { webchat: 1 }), agent('a2', { webchat: 1 }, { readySince: 5 })],
      [queue('q1', 'webchat', ['a1']), queue('q2', 'webchat', ['a2'])],
    );
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    e.accept('c1', 'a1', 1);
    e.inviteToConference('c1', 'a1', 'a2', 10);
    e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q2' }, 11);
    expect(log(e.endByAgent('c1', 'a1', 12))).toEqual([
      'offer.withdrawn c1>a2 conference cancelled',
      'notice c1 agent_left agent=a1',
      'offer.created c2>a2 route',
    ]);
  });
});

describe('customer ends (F7)', () => {
  const setup = () =>
    makeEngine([agent('a1', { whatsapp: 1 })], [queue('q1', 'whatsapp', ['a1'])]);

  it('while queued: closed and out of the line at once', () => {
    const e = setup();
    e.setAgentState('a1', 'idle', null, 0);
    e.enqueue({ id: 'c1', channel: 'whatsapp', queueId: 'q1' }, 1);
    expect(e.waitingCount('q1')).toBe(1);
    const o = e.endByCustomer('c1', 2);
    expect(log(o)).toEqual(['notice c1 customer_left', 'closed c1']);
    expect(o.conversations).toEqual([expect.objectContaining({ id: 'c1', status: 'closed', endedBy: 'customer', endedAt: 2 })]);
    expect(e.waitingCount('q1')).toBe(0);
    expect(e.listConversations()).toEqual([]);
    // The stale max-wait deadline is harmless.
    expect(log(e.tick(10_000 * SEC))).toEqual([]);
  });

  it('while offered: the offer is withdrawn, and the freed agent gets the next one', () => {
    const e = setup();
    e.enqueue({ id: 'c1', channel: 'whatsapp', queueId: 'q1' }, 1);
    e.enqueue({ id: 'c2', channel: 'whatsapp', queueId: 'q1' }, 2);
    expect(conv(e, 'c2').status).toBe('queued');
    const o = e.endByCustomer('c1', 3);
    expect(log(o)).toEqual(['notice c1 customer_left', 'offer.withdrawn c1>a1 route customer-left', 'closed c1', 'offer.created c2>a1 route']);
    expect(e.loadOf('a1')).toEqual({ whatsapp: 1 });
    expect(log(e.tick(31 * SEC))).toEqual(['offer.withdrawn c2>a1 route timeout', 'agent.state a1 available->rona', 'rona a1 c2']);
  });

  it('while active: the agent goes to wrap-up, no agent_left notice, closed after wrap-up; twice is a no-op', () => {
    const e = setup();
    e.enqueue({ id: 'c1', channel: 'whatsapp', queueId: 'q1' }, 1);
    e.accept('c1', 'a1', 2);
    const o = e.endByCustomer('c1', 3);
    expect(log(o)).toEqual(['notice c1 customer_left']);
    expect(conv(e, 'c1')).toMatchObject({ status: 'ended', endedBy: 'customer', participants: [{ status: 'wrapup', leftAt: 3 }] });
    const before = snapshot(e);
    expect(log(e.endByCustomer('c1', 4))).toEqual([]);
    expect(snapshot(e)).toBe(before);
    expect(log(e.submitWrapup('c1', 'a1', 5))).toEqual(['closed c1']);
    expect(e.loadOf('a1')).toEqual({});
  });
});

describe('max wait', () => {
  it('closes a conversation nobody took with no_agent_available', () => {
    const e = makeEngine([agent('a1', { sms: 1 }, { state: 'idle' })], [queue('q1', 'sms', ['a1'], { maxWaitMs: 60 * SEC })]);
    e.enqueue({ id: 'c1', channel: 'sms', queueId: 'q1' }, 0);
    expect(e.nextDeadline()).toBe(60 * SEC);
    expect(log(e.tick(60 * SEC - 1))).toEqual([]);
    const o = e.tick(60 * SEC);
    expect(log(o)).toEqual(['notice c1 no_agent_available', 'closed c1']);
    expect(o.conversations[0]).toMatchObject({ status: 'closed', endedBy: 'system' });
    expect(e.waitingCount('q1')).toBe(0);
    expect(e.listConversations()).toEqual([]);
  });

  it('withdraws a pending route offer when the max wait passes, and frees the agent for other work', () => {
    const e = makeEngine(
      [agent('a1', { sms: 1 })],
      [queue('q1', 'sms', ['a1'], { maxWaitMs: 60 * SEC, offerTimeoutMs: 100 * SEC }), queue('q2', 'sms', ['a1'])],
    );
    e.enqueue({ id: 'c1', channel: 'sms', queueId: 'q1' }, 0);
    e.enqueue({ id: 'c2', channel: 'sms', queueId: 'q2' }, 1);
    const o = e.tick(60 * SEC);
    expect(log(o)).toEqual([
      'offer.withdrawn c1>a1 route max-wait',
      'notice c1 no_agent_available',
      'closed c1',
      'offer.created c2>a1 route',
    ]);
  });

  it('overflows to the overflow queue once, never looping', () => {
    const e = makeEngine(
      [agent('a1', { webchat: 1 }, { state: 'idle' }), agent('a2', { webchat: 1 })],
      [
        queue('q1', 'webchat', ['a1'], { maxWaitMs: 60 * SEC, overflowQueueId: 'q2' }),
        queue('q2', 'webchat', ['a2'], { maxWaitMs: 90 * SEC, overflowQueueId: 'q1' }),
        queue('qs', 'sms', [], { maxWaitMs: 10 * SEC, overflowQueueId: 'q1' }),
      ],
    );
    e.setAgentState('a2', 'idle', null, 0);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    const o = e.tick(60 * SEC);
    expect(log(o)).toEqual(['notice c1 transferred queue=q2']);
    expect(o.queueIds.sort()).toEqual(['q1', 'q2']);
    expect(conv(e, 'c1')).toMatchObject({ queueId: 'q2', status: 'queued', queuedAt: 60 * SEC, maxWaitDeadline: 150 * SEC, overflowedFrom: ['q1'] });
    expect([e.waitingCount('q1'), e.waitingCount('q2')]).toEqual([0, 1]);
    expect(log(e.tick(150 * SEC))).toEqual(['notice c1 no_agent_available', 'closed c1']);
    // Overflow to a queue of another channel is not used.
    e.enqueue({ id: 's1', channel: 'sms', queueId: 'qs' }, 200 * SEC);
    expect(log(e.tick(210 * SEC))).toEqual(['notice s1 no_agent_available', 'closed s1']);
  });

  it('overflow offers at once when the overflow queue has a free agent', () => {
    const e = makeEngine(
      [agent('a1', { webchat: 1 }, { state: 'idle' }), agent('a2', { webchat: 1 })],
      [queue('q1', 'webchat', ['a1'], { maxWaitMs: 60 * SEC, overflowQueueId: 'q2' }), queue('q2', 'webchat', ['a2'])],
    );
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    expect(log(e.tick(60 * SEC))).toEqual(['notice c1 transferred queue=q2', 'offer.created c1>a2 route']);
  });
});

describe('waiting line order', () => {
  it("keeps a RONA'd conversation at its original place, ahead of newer arrivals", () => {
    const e = makeEngine(
      [agent('a1', { webchat: 1 }), agent('a2', { webchat: 1 }, { state: 'idle' })],
      [queue('q1', 'webchat', ['a1', 'a2'])],
    );
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 10);
    e.enqueue({ id: 'c3', channel: 'webchat', queueId: 'q1' }, 20);
    e.tick(30 * SEC); // a1 RONA, c1 back in line
    e.enqueue({ id: 'c4', channel: 'webchat', queueId: 'q1' }, 31 * SEC);
    expect(e.waitingCount('q1')).toBe(4);
    const order: string[] = [];
    const take = (agentId: string, t: number) => {
      const o = e.setAgentState(agentId, 'available', null, t);
      for (const ev of o.events) if (ev.type === 'offer.created') order.push(ev.conversationId);
      const c = e.listConversations().find((x) => x.offer?.agentId === agentId)!;
      e.accept(c.id, agentId, t);
      e.endByAgent(c.id, agentId, t);
      e.setAgentState(agentId, 'idle', null, t);
      e.submitWrapup(c.id, agentId, t);
    };
    take('a2', 40 * SEC);
    take('a1', 41 * SEC);
    take('a2', 42 * SEC);
    take('a1', 43 * SEC);
    expect(order).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it("keeps a RONA'd conversation ahead of one that arrived after it in the same millisecond", () => {
    const e = makeEngine(
      [agent('a1', { webchat: 1 }), agent('a2', { webchat: 1 }, { state: 'idle' })],
      [queue('q1', 'webchat', ['a1', 'a2'])],
    );
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 0);
    e.tick(30 * SEC); // a1 RONA, c1 back in line
    expect(log(e.setAgentState('a2', 'available', null, 31 * SEC))).toEqual(['agent.state a2 idle->available', 'offer.created c1>a2 route']);
  });

  it('serves several queues oldest-first across the queues an agent is in', () => {
    const e = makeEngine(
      [agent('a1', { webchat: 1, sms: 1 }, { state: 'idle' })],
      [queue('qa', 'webchat', ['a1']), queue('qb', 'webchat', ['a1']), queue('qs', 'sms', ['a1'])],
    );
    e.enqueue({ id: 'b1', channel: 'webchat', queueId: 'qb' }, 5);
    e.enqueue({ id: 'a1c', channel: 'webchat', queueId: 'qa' }, 7);
    e.enqueue({ id: 's1', channel: 'sms', queueId: 'qs' }, 9);
    expect(log(e.setAgentState('a1', 'available', null, 10))).toEqual([
      'agent.state a1 idle->available',
      'offer.created b1>a1 route',
      'offer.created s1>a1 route',
    ]);
  });
});

describe('logout', () => {
  it('withdraws a pending offer and re-offers it to the next agent', () => {
    const e = makeEngine([agent('a1', { webchat: 1 }), agent('a2', { webchat: 1 }, { readySince: 5 })], [queue('q1', 'webchat', ['a1', 'a2'])]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    const o = e.setAgentState('a1', 'offline', null, 10);
    expect(o.events.map((x) => x.type).sort()).toEqual(['agent.state', 'offer.created', 'offer.withdrawn']);
    expect(log(o)).toContain('offer.withdrawn c1>a1 route cancelled');
    expect(log(o)).toContain('agent.state a1 available->offline');
    expect(log(o).at(-1)).toBe('offer.created c1>a2 route');
    expect(e.getAgent('a1')!.state).toBe('offline');
    expect(e.loadOf('a1')).toEqual({});
    expect(conv(e, 'c1')).toMatchObject({ status: 'offered', queuedAt: 0, offer: { agentId: 'a2' } });
  });

  it('never re-offers the withdrawn conversation to the agent logging out', () => {
    const e = makeEngine([agent('a1', { webchat: 1 })], [queue('q1', 'webchat', ['a1'])]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    const o = e.setAgentState('a1', 'offline', null, 10);
    expect(o.events.filter((x) => x.type === 'offer.created')).toEqual([]);
    expect(conv(e, 'c1')).toMatchObject({ status: 'queued', offer: null });
    expect(e.loadOf('a1')).toEqual({});
    expect(e.waitingCount('q1')).toBe(1);
  });

  it('the withdrawn offer\'s old deadline does not time out the new offer', () => {
    const e = makeEngine([agent('a1', { webchat: 1 }), agent('a2', { webchat: 1 }, { readySince: 5 })], [queue('q1', 'webchat', ['a1', 'a2'])]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    e.setAgentState('a1', 'offline', null, 10 * SEC); // re-offered to a2 until 40 s
    expect(log(e.tick(30 * SEC))).toEqual([]);
    expect(conv(e, 'c1').offer).toMatchObject({ agentId: 'a2', deadline: 40 * SEC });
    expect(log(e.tick(40 * SEC))).toEqual(['offer.withdrawn c1>a2 route timeout', 'agent.state a2 available->rona', 'rona a2 c1']);
  });

  it('a pending transfer to a logging-out agent follows the fallback', () => {
    const e = activeWebchat();
    e.transferToAgent('c1', 'a1', 'a3', 10);
    const o = e.setAgentState('a3', 'offline', null, 11);
    expect(log(o)).toContain('offer.withdrawn c1>a3 transfer cancelled');
    expect(log(o)).toContain('notice c1 transfer_failed');
    expect(conv(e, 'c1')).toMatchObject({ status: 'ended', endedBy: 'system' });
    expect(e.getAgent('a3')!.state).toBe('offline');
  });
});

describe('restore after a restart', () => {
  it('rebuilds load, lines and deadlines, and a tick applies deadlines that passed while down', () => {
    const agents = [agent('a1', { webchat: 1 }), agent('a2', { webchat: 1 }, { readySince: 1 })];
    const queues = [queue('q1', 'webchat', ['a1', 'a2'], { maxWaitMs: 120 * SEC })];
    const a = makeEngine(agents, queues);
    a.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0); // offered to a1
    a.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 5 * SEC); // offered to a2
    a.accept('c2', 'a2', 6 * SEC);
    a.enqueue({ id: 'c3', channel: 'webchat', queueId: 'q1' }, 7 * SEC); // waits
    a.enqueue({ id: 'c4', channel: 'webchat', queueId: 'q1' }, 8 * SEC); // waits, customer leaves
    a.endByCustomer('c4', 9 * SEC);

    const stored = structuredClone(a.listConversations());
    // A closed conversation in the input is ignored.
    stored.push({ ...structuredClone(stored[0]!), id: 'old', status: 'closed' });
    const b = new RoutingEngine();
    for (const x of a.listAgents()) b.upsertAgent(structuredClone(x));
    for (const q of queues) b.upsertQueue(q);
    b.restore(stored);

    expect(snapshot(b, false)).toBe(snapshot(a, false));
    expect(b.getConversation('old')).toBeUndefined();
    expect(b.waitingCount('q1')).toBe(1);
    expect(b.loadOf('a1')).toEqual({ webchat: 1 });
    expect(b.loadOf('a2')).toEqual({ webchat: 1 });
    expect(b.nextDeadline()).toBe(30 * SEC);

    // Down until 125 s: c1's offer timed out at 30 s and its max wait passed at 120 s; c3 has until 127 s.
    const later = 125 * SEC;
    const ob = b.tick(later);
    expect(log(ob)).toEqual([
      'offer.withdrawn c1>a1 route timeout',
      'agent.state a1 available->rona',
      'rona a1 c1',
      'notice c1 no_agent_available',
      'closed c1',
    ]);
    expect(b.getConversation('c1')).toBeUndefined();
    expect(b.getAgent('a1')!.state).toBe('rona');
    expect(b.loadOf('a1')).toEqual({});
    expect(conv(b, 'c3').status).toBe('queued');
    // The same ticks on the engine that never went down agree.
    expect(log(a.tick(later))).toEqual(log(ob));
    expect(snapshot(b, false)).toBe(snapshot(a, false));
    expect(log(b.tick(127 * SEC))).toEqual(['notice c3 no_agent_available', 'closed c3']);
    expect(b.listConversations().map((c) => c.id)).toEqual(['c2']);
  });

  it('restores waiting order by queuedAt and in-flight conversations keep their state', () => {
    const a = makeEngine(
      [agent('a1', { webchat: 2 }), agent('a2', { webchat: 1 }, { readySince: 1 }), agent('a3', { webchat: 1 }, { state: 'idle' })],
      [queue('q1', 'webchat', ['a1', 'a3'])],
    );
    a.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    a.accept('c1', 'a1', 1);
    a.inviteToConference('c1', 'a1', 'a2', 2);
    a.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 3); // a1 (now capacity 2) takes it
    a.setAgentState('a1', 'idle', null, 4);
    a.enqueue({ id: 'c4', channel: 'webchat', queueId: 'q1' }, 5);
    a.enqueue({ id: 'c5', channel: 'webchat', queueId: 'q1' }, 6);
    const stored = structuredClone(a.listConversations()).reverse();
    const b = new RoutingEngine();
    for (const x of a.listAgents()) b.upsertAgent(structuredClone(x));
    for (const q of a.listQueues()) b.upsertQueue(structuredClone(q));
    b.restore(stored);
    expect(snapshot(b, false)).toBe(snapshot(a, false));
    expect(b.loadOf('a2')).toEqual({ webchat: 1 });
    expect(b.getConversation('c1')!.offer).toMatchObject({ agentId: 'a2', kind: 'conference' });
    const o = b.setAgentState('a3', 'available', null, 10);
    expect(log(o)).toEqual(['agent.state a3 idle->available', 'offer.created c4>a3 route']);
  });
});

describe('rebalance', () => {
  it('offers waiting work to agents who became able to take it outside a command (restart, more capacity)', () => {
    const a = makeEngine([agent('a1', { webchat: 0 })], [queue('q1', 'webchat', ['a1'])]);
    a.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    a.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 1);
    expect(a.waitingCount('q1')).toBe(2);
    a.upsertAgent(agent('a1', { webchat: 1 }));
    const o = a.rebalance(2);
    expect(log(o)).toEqual(['offer.created c1>a1 route']);
    expect(a.waitingCount('q1')).toBe(1);
    expect(log(a.rebalance(3))).toEqual([]);
  });
});

describe('outcome', () => {
  it('lists touched conversations, agents and queues, with the final state of a closed one', () => {
    const e = makeEngine([agent('a1', { webchat: 1 })], [queue('q1', 'webchat', ['a1'])]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    e.accept('c1', 'a1', 1);
    e.endByAgent('c1', 'a1', 2);
    e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 3);
    const o = e.submitWrapup('c1', 'a1', 4);
    expect(o.conversations.map((c) => [c.id, c.status])).toEqual([
      ['c1', 'closed'],
      ['c2', 'offered'],
    ]);
    expect(o.agents.map((a) => a.id)).toEqual(['a1']);
    expect(o.queueIds).toEqual(['q1']);
    // Outcome objects are copies: mutating them does not reach the engine.
    o.conversations[1]!.status = 'closed';
    o.agents[0]!.capacity.webchat = 99;
    expect(conv(e, 'c2').status).toBe('offered');
    expect(e.getAgent('a1')!.capacity.webchat).toBe(1);
  });
});
