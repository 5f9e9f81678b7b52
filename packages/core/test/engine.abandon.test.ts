import { describe, expect, it } from 'vitest';
import { RoutingEngine } from '../src/index';
import { SEC, agent, conv, expectRefusedExactly, log, queue } from './helpers';

const ABANDON = 60 * SEC;

function engine(agents = [agent('a1', { webchat: 1 })]) {
  const e = new RoutingEngine({ abandonAfterMs: ABANDON });
  for (const a of agents) e.upsertAgent(a);
  e.upsertQueue(queue('q1', 'webchat', agents.map((a) => a.id)));
  return e;
}

describe('abandoned chats: the customer left before any agent accepted', () => {
  it('a chat whose customer never connects ends as abandoned at the deadline, never offered again', () => {
    const e = engine([agent('a1', { webchat: 0 })]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1', customerConnected: false }, 0);
    expect(conv(e, 'c1')).toMatchObject({ status: 'queued', abandonDeadline: ABANDON });
    expect(e.nextDeadline()).toBe(ABANDON);
    expect(log(e.tick(ABANDON - 1))).toEqual([]);
    const o = e.tick(ABANDON);
    expect(log(o)).toEqual(['notice c1 abandoned', 'closed c1']);
    expect(o.conversations).toEqual([expect.objectContaining({ id: 'c1', status: 'closed', endedBy: 'abandoned', endedAt: ABANDON, abandonDeadline: null })]);
    expect(e.waitingCount('q1')).toBe(0);
    // Capacity that appears later finds nothing to offer.
    e.upsertAgent(agent('a1', { webchat: 1 }));
    expect(log(e.rebalance(ABANDON + 1))).toEqual([]);
  });

  it('an offered chat whose customer left: the offer is withdrawn (abandoned) and the agent gets the next chat', () => {
    const e = engine();
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1', customerConnected: false }, 0);
    e.customerBack('c1', 1);
    e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 2); // waits: a1 has one slot
    expect(log(e.customersAway(['c1'], 10))).toEqual([]);
    expect(conv(e, 'c1')).toMatchObject({ status: 'offered', abandonDeadline: 10 + ABANDON });
    // The offer's own deadline (30 s) comes first: RONA, the chat waits, still counting.
    e.tick(30 * SEC);
    e.setAgentState('a1', 'available', null, 31 * SEC);
    expect(conv(e, 'c1')).toMatchObject({ status: 'offered', offer: { agentId: 'a1' } });
    const o = e.tick(10 + ABANDON);
    expect(log(o)).toEqual(['notice c1 abandoned', 'offer.withdrawn c1>a1 route abandoned', 'closed c1', 'offer.created c2>a1 route']);
    expect(e.loadOf('a1')).toEqual({ webchat: 1 });
  });

  it('a customer back before the deadline keeps the chat; leaving again starts a new count', () => {
    const e = engine([agent('a1', { webchat: 0 })]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1', customerConnected: false }, 0);
    const back = e.customerBack('c1', 5);
    expect(back.conversations).toEqual([expect.objectContaining({ id: 'c1', abandonDeadline: null })]);
    expect(log(e.tick(ABANDON))).toEqual([]);
    expect(conv(e, 'c1').status).toBe('queued');
    e.customersAway(['c1'], 100 * SEC);
    // Away again while already away: the first moment counts.
    expect(e.customersAway(['c1'], 120 * SEC).conversations).toEqual([]);
    expect(log(e.tick(100 * SEC + ABANDON))).toEqual(['notice c1 abandoned', 'closed c1']);
  });

  it('a chat an agent accepted is never abandoned, even if it goes back to a queue', () => {
    const e = engine([agent('a1', { webchat: 1 }), agent('a2', { webchat: 1 }, { readySince: 1 })]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1', customerConnected: false }, 0);
    e.accept('c1', 'a1', 1);
    expect(conv(e, 'c1').abandonDeadline).toBeNull();
    expect(e.customersAway(['c1'], 2).conversations).toEqual([]);
    e.transferToQueue('c1', 'a1', 'q1', 3);
    expect(e.customersAway(['c1'], 4).conversations).toEqual([]);
    expect(log(e.tick(ABANDON + 10))).not.toContain('notice c1 abandoned');
    expect(conv(e, 'c1').status).not.toBe('ended');
  });

  it('the deadline survives a restart, and a restored engine abandons the chat at the same moment', () => {
    const a = engine([agent('a1', { webchat: 0 })]);
    a.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1', customerConnected: false }, 0);
    const b = new RoutingEngine({ abandonAfterMs: 5 * SEC }); // a new setting applies to new counts only
    for (const x of a.listAgents()) b.upsertAgent(structuredClone(x));
    for (const q of a.listQueues()) b.upsertQueue(structuredClone(q));
    b.restore(structuredClone(a.listConversations()));
    expect(b.nextDeadline()).toBe(ABANDON);
    expect(log(b.tick(ABANDON + 5 * SEC))).toEqual(['notice c1 abandoned', 'closed c1']);
  });

  it('restores a conversation stored before presence existed (no abandonDeadline field)', () => {
    const a = engine([agent('a1', { webchat: 0 })]);
    a.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    const old = structuredClone(a.listConversations()).map(({ abandonDeadline: _, ...rest }) => rest);
    const b = engine([agent('a1', { webchat: 0 })]);
    b.restore(old as never);
    expect(conv(b, 'c1').abandonDeadline).toBeNull();
    b.customersAway(['c1'], 1);
    expect(log(b.tick(1 + ABANDON))).toEqual(['notice c1 abandoned', 'closed c1']);
  });

  it('refuses presence for an unknown conversation and changes nothing, even for the known ones listed', () => {
    const e = engine([agent('a1', { webchat: 0 })]);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    expectRefusedExactly(e, 'PARLEY_ERR_NOT_FOUND', () => e.customersAway(['c1', 'nope'], 1));
    expectRefusedExactly(e, 'PARLEY_ERR_NOT_FOUND', () => e.customerBack('nope', 1));
  });
});
