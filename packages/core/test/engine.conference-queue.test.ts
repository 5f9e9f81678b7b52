import { describe, expect, it } from 'vitest';
import { RoutingEngine } from '../src/index';
import type { AgentRecord } from '../src/index';
import { SEC, agent, conv, expectRefused, log, makeEngine, queue, snapshot } from './helpers';

/**
 * A WhatsApp conversation c1 owned by a1 (queue q1), and a second WhatsApp queue q2 whose members
 * are `helpers` (a1 is a member too: the requester is never offered its own conference).
 */
function activeWhatsapp(helpers: AgentRecord[], q2: { offerTimeoutMs?: number } = {}): RoutingEngine {
  const e = makeEngine(
    [agent('a1', { whatsapp: 2 }), ...helpers],
    [queue('q1', 'whatsapp', ['a1']), queue('q2', 'whatsapp', ['a1', ...helpers.map((h) => h.id)], q2), queue('w1', 'webchat', ['a1'])],
  );
  e.enqueue({ id: 'c1', channel: 'whatsapp', queueId: 'q1' }, 0);
  e.accept('c1', 'a1', 1);
  return e;
}

describe('conference to a queue (F6, WhatsApp)', () => {
  it("offers it at once to the queue's longest-available eligible member, who joins as conferee", () => {
    const e = activeWhatsapp([
      agent('a2', { whatsapp: 1 }, { readySince: 5 }),
      agent('a3', { whatsapp: 1 }, { readySince: 3 }),
      agent('a4', { webchat: 1 }), // no WhatsApp capacity
    ]);
    const o = e.inviteQueueToConference('c1', 'a1', 'q2', 10);
    expect(log(o)).toEqual(['notice c1 conference_requested queue=q2', 'offer.created c1>a3 conference']);
    expect(conv(e, 'c1')).toMatchObject({
      status: 'active',
      offer: { agentId: 'a3', kind: 'conference', fromAgentId: 'a1', deadline: 10 + 30 * SEC },
      conferenceRequest: { queueId: 'q2', byAgentId: 'a1', requestedAt: 10 },
    });
    // One request at a time, and no transfer while it is pending.
    expectRefused(e, 'PARLEY_ERR_INVALID_STATE', () => e.inviteQueueToConference('c1', 'a1', 'q2', 11));
    expectRefused(e, 'PARLEY_ERR_INVALID_STATE', () => e.inviteToConference('c1', 'a1', 'a2', 11));
    expect(log(e.accept('c1', 'a3', 12))).toEqual(['offer.withdrawn c1>a3 conference accepted', 'notice c1 conference_joined agent=a3']);
    expect(conv(e, 'c1')).toMatchObject({ status: 'conference', ownerAgentId: 'a1', offer: null, conferenceRequest: null });
    expect(conv(e, 'c1').participants.map((p) => [p.agentId, p.role])).toEqual([
      ['a1', 'owner'],
      ['a3', 'conferee'],
    ]);
    expect(e.waitingCount('q2')).toBe(0);
  });

  it('waits in the queue while nobody can take it, then goes to the first agent who can', () => {
    const e = activeWhatsapp([agent('a2', { whatsapp: 1 }, { state: 'idle' }), agent('a3', { whatsapp: 1 }, { state: 'idle' })]);
    expect(log(e.inviteQueueToConference('c1', 'a1', 'q2', 10))).toEqual(['notice c1 conference_requested queue=q2']);
    expect(conv(e, 'c1')).toMatchObject({ status: 'active', offer: null, conferenceRequest: { queueId: 'q2', requestedAt: 10 } });
    // It is not a customer waiting, and the owner can't start another request meanwhile.
    expect(e.waitingCount('q2')).toBe(0);
    expectRefused(e, 'PARLEY_ERR_INVALID_STATE', () => e.transferToQueue('c1', 'a1', 'q2', 11));
    // A customer who arrived later waits behind it (the owner, also a member of q2, is busy meanwhile).
    e.setAgentState('a1', 'idle', null, 15);
    e.enqueue({ id: 'c2', channel: 'whatsapp', queueId: 'q2' }, 20);
    expect(log(e.setAgentState('a3', 'available', null, 30))).toEqual([
      'agent.state a3 idle->available',
      'offer.created c1>a3 conference',
    ]);
    expect(conv(e, 'c1').offer).toMatchObject({ agentId: 'a3', kind: 'conference', fromAgentId: 'a1', offeredAt: 30 });
    expect(log(e.setAgentState('a2', 'available', null, 31))).toEqual(['agent.state a2 idle->available', 'offer.created c2>a2 route']);
  });

  it("an unanswered offer is declined after the queue's offer timeout, without RONA, and the request ends", () => {
    const e = activeWhatsapp([agent('a2', { whatsapp: 1 }), agent('a3', { whatsapp: 1 }, { readySince: 5 })], { offerTimeoutMs: 10 * SEC });
    e.inviteQueueToConference('c1', 'a1', 'q2', 10);
    expect(conv(e, 'c1').offer).toMatchObject({ agentId: 'a2', deadline: 10 + 10 * SEC });
    expect(log(e.tick(10 + 10 * SEC - 1))).toEqual([]);
    const o = e.tick(10 + 10 * SEC);
    expect(log(o)).toEqual(['offer.withdrawn c1>a2 conference timeout', 'notice c1 conference_declined agent=a2']);
    expect(e.getAgent('a2')!.state).toBe('available');
    expect(e.loadOf('a2')).toEqual({});
    expect(conv(e, 'c1')).toMatchObject({ status: 'active', offer: null, conferenceRequest: null });
    // Nothing is offered to a3 behind the owner's back; the owner may ask again.
    expect(log(e.tick(100 * SEC))).toEqual([]);
    expect(log(e.inviteQueueToConference('c1', 'a1', 'q2', 101 * SEC))).toEqual([
      'notice c1 conference_requested queue=q2',
      'offer.created c1>a3 conference',
    ]);
  });

  it('is refused for a channel whose rules list no queue target, and for a queue of another channel', () => {
    const e = makeEngine(
      [agent('a1', { webchat: 1, whatsapp: 1, email: 1 }), agent('a2', { webchat: 1, whatsapp: 1, email: 1 })],
      [queue('w1', 'webchat', ['a1', 'a2']), queue('q1', 'whatsapp', ['a1', 'a2']), queue('m1', 'email', ['a1', 'a2'])],
    );
    for (const [id, channel, queueId] of [['cw', 'webchat', 'w1'], ['cq', 'whatsapp', 'q1'], ['cm', 'email', 'm1']] as const) {
      e.enqueue({ id, channel, queueId }, 0);
      e.accept(id, e.getConversation(id)!.offer!.agentId, 1);
    }
    const ownerOf = (id: string) => e.getConversation(id)!.ownerAgentId!;
    expectRefused(e, 'PARLEY_ERR_CHANNEL_RULE', () => e.inviteQueueToConference('cw', ownerOf('cw'), 'w1', 2));
    expectRefused(e, 'PARLEY_ERR_CHANNEL_RULE', () => e.inviteQueueToConference('cm', ownerOf('cm'), 'm1', 2));
    expectRefused(e, 'PARLEY_ERR_CHANNEL_RULE', () => e.inviteToConference('cm', ownerOf('cm'), 'a2', 2));
    expectRefused(e, 'PARLEY_ERR_CHANNEL_RULE', () => e.inviteQueueToConference('cq', ownerOf('cq'), 'w1', 2));
    expectRefused(e, 'PARLEY_ERR_NOT_FOUND', () => e.inviteQueueToConference('cq', ownerOf('cq'), 'nope', 2));
    const other = ownerOf('cq') === 'a1' ? 'a2' : 'a1';
    expectRefused(e, 'PARLEY_ERR_NOT_PARTICIPANT', () => e.inviteQueueToConference('cq', other, 'q1', 2));
  });

  it('ending the conversation or cancelling takes the request out of the queue', () => {
    const e = activeWhatsapp([agent('a2', { whatsapp: 1 }, { state: 'idle' })]);
    e.inviteQueueToConference('c1', 'a1', 'q2', 10);
    expectRefused(e, 'PARLEY_ERR_NOT_PARTICIPANT', () => e.cancelConference('c1', 'a2', 11));
    expect(log(e.cancelConference('c1', 'a1', 11))).toEqual(['notice c1 conference_cancelled']);
    expect(conv(e, 'c1').conferenceRequest).toBeNull();
    expectRefused(e, 'PARLEY_ERR_INVALID_STATE', () => e.cancelConference('c1', 'a1', 12));
    expect(log(e.setAgentState('a2', 'available', null, 13))).toEqual(['agent.state a2 idle->available']);

    // Offered, then cancelled: the offer is withdrawn and a2 is free again.
    e.inviteQueueToConference('c1', 'a1', 'q2', 20);
    expect(log(e.cancelConference('c1', 'a1', 21))).toEqual(['offer.withdrawn c1>a2 conference cancelled', 'notice c1 conference_cancelled']);
    expect(e.loadOf('a2')).toEqual({});

    // Waiting when the owner ends: nothing is offered afterwards.
    e.setAgentState('a2', 'idle', null, 30);
    e.inviteQueueToConference('c1', 'a1', 'q2', 31);
    expect(log(e.endByAgent('c1', 'a1', 32))).toEqual(['notice c1 agent_left agent=a1']);
    expect(conv(e, 'c1').conferenceRequest).toBeNull();
    expect(log(e.setAgentState('a2', 'available', null, 33))).toEqual(['agent.state a2 idle->available']);
  });

  it('an invitee who logs out hands the request back to the queue, for the next agent', () => {
    const e = activeWhatsapp([agent('a2', { whatsapp: 1 }), agent('a3', { whatsapp: 1 }, { readySince: 5 })]);
    e.inviteQueueToConference('c1', 'a1', 'q2', 10);
    expect(log(e.setAgentState('a2', 'offline', null, 11))).toEqual([
      'agent.state a2 available->offline',
      'offer.withdrawn c1>a2 conference cancelled',
      'offer.created c1>a3 conference',
    ]);
    expect(conv(e, 'c1')).toMatchObject({ offer: { agentId: 'a3' }, conferenceRequest: { queueId: 'q2', requestedAt: 10 } });
  });

  it('a waiting request survives a restart and keeps its queue busy', () => {
    const a = activeWhatsapp([agent('a2', { whatsapp: 1 }, { state: 'idle' })]);
    a.inviteQueueToConference('c1', 'a1', 'q2', 10);
    expectRefused(a, 'PARLEY_ERR_CONFLICT', () => a.removeQueue('q2'));
    const b = new RoutingEngine();
    for (const x of a.listAgents()) b.upsertAgent(structuredClone(x));
    b.restore(structuredClone(a.listConversations()));
    for (const q of a.listQueues()) b.upsertQueue(structuredClone(q)); // queues configured after the restore
    expect(snapshot(b, false)).toBe(snapshot(a, false));
    const later = b.setAgentState('a2', 'available', null, 20);
    expect(log(later)).toEqual(['agent.state a2 idle->available', 'offer.created c1>a2 conference']);
    expect(log(a.setAgentState('a2', 'available', null, 20))).toEqual(log(later));
  });

  it('restores a conversation stored before conferences to a queue (no conferenceRequest field)', () => {
    const a = activeWhatsapp([]);
    const old = structuredClone(a.listConversations()).map(({ conferenceRequest: _, ...rest }) => rest);
    const b = makeEngine(a.listAgents(), a.listQueues());
    b.restore(old as never);
    expect(conv(b, 'c1').conferenceRequest).toBeNull();
  });
});
