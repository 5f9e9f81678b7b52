import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError, FloorModel, type FloorAgent, type FloorQueue, type Outcome, type RoutingEngine } from '../src/index';
import { SEC, agent, makeEngine, queue } from './helpers';

/** An engine and a floor fed with every outcome, as the server feeds it. */
function floorOf(e: RoutingEngine): { floor: FloorModel; run: (o: Outcome) => Outcome } {
  const floor = new FloorModel(e);
  floor.rebuild();
  floor.takeChanges();
  const run = (o: Outcome) => {
    floor.apply(o);
    return o;
  };
  return { floor, run };
}

const row = (f: FloorModel, id: string) => f.queue(id)!;

describe('the floor model', () => {
  it('follows a chat through waiting, offered, active, wrap-up and closed, per queue and per agent', () => {
    const e = makeEngine(
      [agent('a1', { webchat: 2 }, { state: 'idle' }), agent('a2', { sms: 1 })],
      [queue('q1', 'webchat', ['a1']), queue('q2', 'sms', ['a2'])],
    );
    const { floor, run } = floorOf(e);
    expect(row(floor, 'q1')).toEqual({ id: 'q1', channel: 'webchat', waiting: 0, longestWaitSince: null, offered: 0, active: 0, availableAgents: 0 });
    expect(row(floor, 'q2').availableAgents).toBe(1);

    run(e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 10 * SEC));
    run(e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 12 * SEC));
    expect(row(floor, 'q1')).toMatchObject({ waiting: 2, longestWaitSince: 10 * SEC, offered: 0, active: 0 });
    // Only what the outcome touched is reported as changed.
    expect(floor.takeChanges()).toEqual({ queueIds: ['q1'], agentIds: [] });

    run(e.setAgentState('a1', 'available', null, 20 * SEC));
    expect(row(floor, 'q1')).toMatchObject({ waiting: 0, longestWaitSince: null, offered: 2, active: 0, availableAgents: 0 });
    expect(floor.agent('a1')).toMatchObject({ state: 'available', stateChangedAt: 20 * SEC, load: { webchat: 2 }, conversations: {}, capacity: { webchat: 2 } });
    expect(floor.takeChanges()).toEqual({ queueIds: ['q1'], agentIds: ['a1'] });

    run(e.accept('c1', 'a1', 21 * SEC));
    expect(row(floor, 'q1')).toMatchObject({ offered: 1, active: 1 });
    expect(floor.agent('a1')).toMatchObject({ conversations: { webchat: 1 }, load: { webchat: 2 } });
    expect(floor.conversationsOfQueue('q1').map((c) => [c.id, c.status, c.agentIds])).toEqual([
      ['c1', 'active', ['a1']],
      ['c2', 'offered', ['a1']],
    ]);

    run(e.endByAgent('c1', 'a1', 30 * SEC));
    expect(row(floor, 'q1')).toMatchObject({ offered: 1, active: 0 });
    // Wrapping up: still in it, still counted against capacity.
    expect(floor.agent('a1')).toMatchObject({ conversations: { webchat: 1 }, load: { webchat: 2 } });
    run(e.submitWrapup('c1', 'a1', 31 * SEC));
    expect(floor.agent('a1')).toMatchObject({ conversations: {}, load: { webchat: 1 } });
    expect(row(floor, 'q1').availableAgents).toBe(1);
    expect(floor.conversationsOfAgent('a1').map((c) => c.id)).toEqual(['c2']);
    expect(floor.conversationsOfQueue('q2')).toEqual([]);
  });

  it('an agent logged out: offers withdrawn go back in line, the row says offline since when', () => {
    const e = makeEngine([agent('a1', { webchat: 1 })], [queue('q1', 'webchat', ['a1'])]);
    const { floor, run } = floorOf(e);
    run(e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 5 * SEC));
    expect(row(floor, 'q1')).toMatchObject({ waiting: 0, offered: 1 });
    run(e.setAgentState('a1', 'offline', null, 9 * SEC));
    expect(row(floor, 'q1')).toMatchObject({ waiting: 1, longestWaitSince: 5 * SEC, offered: 0, availableAgents: 0 });
    expect(floor.agent('a1')).toMatchObject({ state: 'offline', stateChangedAt: 9 * SEC, load: {} });
  });

  it('stays equal to a floor rebuilt from scratch after any sequence of commands, and reports every row that changed', () => {
    const cmd = fc.record({ t: fc.nat(7), a: fc.nat(3), q: fc.nat(2), k: fc.nat(9), ms: fc.integer({ min: 0, max: 40 * SEC }) });
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 1, maxLength: 60 }), (cmds) => {
        const e = makeEngine(
          [agent('a0', { webchat: 2, sms: 1 }), agent('a1', { webchat: 1 }, { state: 'idle' }), agent('a2', { sms: 2 }), agent('a3', { webchat: 1, sms: 1 })],
          [queue('q0', 'webchat', ['a0', 'a1', 'a3']), queue('q1', 'sms', ['a0', 'a2']), queue('q2', 'webchat', ['a1'], { maxWaitMs: 30 * SEC, overflowQueueId: 'q0' })],
        );
        const { floor, run } = floorOf(e);
        let now = 0;
        let n = 0;
        let seen = rows(floor);
        for (const c of cmds) {
          const open = e.listConversations();
          const conv = open[c.k % Math.max(1, open.length)];
          const a = `a${c.a}`;
          const q = e.listQueues()[c.q]!;
          try {
            if (c.t === 0) run(e.enqueue({ id: `c${n++}`, channel: q.channel, queueId: q.id }, now));
            else if (c.t === 1) run(e.setAgentState(a, (['available', 'idle', 'offline', 'available'] as const)[c.k % 4]!, null, now));
            else if (c.t === 2 && conv?.offer) run(e.accept(conv.id, conv.offer.agentId, now));
            else if (c.t === 3 && conv?.ownerAgentId) run(e.endByAgent(conv.id, conv.ownerAgentId, now));
            else if (c.t === 4 && conv) {
              const p = conv.participants.find((x) => x.status === 'wrapup');
              if (p) run(e.submitWrapup(conv.id, p.agentId, now));
            } else if (c.t === 5 && conv) run(e.endByCustomer(conv.id, now));
            else if (c.t === 6 && conv?.ownerAgentId) run(e.transferToQueue(conv.id, conv.ownerAgentId, q.id, now));
            else run(e.tick((now += c.ms)));
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
          }
          const fresh = new FloorModel(e);
          fresh.rebuild();
          const now2 = rows(floor);
          expect(now2).toEqual(rows(fresh));
          for (const [id, convs] of Object.entries(now2.byQueue)) expect(convs, id).toEqual(fresh.conversationsOfQueue(id));
          // A row that differs from what viewers last saw is among the reported changes.
          const changed = floor.takeChanges();
          for (const [id, r] of now2.queues) if (JSON.stringify(r) !== JSON.stringify(seen.queues.get(id))) expect(changed.queueIds).toContain(id);
          for (const [id, r] of now2.agents) if (JSON.stringify(r) !== JSON.stringify(seen.agents.get(id))) expect(changed.agentIds).toContain(id);
          seen = now2;
        }
      }),
      { numRuns: 150 },
    );
  });
});

function rows(f: FloorModel): { queues: Map<string, FloorQueue>; agents: Map<string, FloorAgent>; byQueue: Record<string, unknown> } {
  const queues = new Map(f.queues().map((q) => [q.id, q]));
  return {
    queues,
    agents: new Map(f.agents().map((a) => [a.id, a])),
    byQueue: Object.fromEntries([...queues.keys()].map((id) => [id, f.conversationsOfQueue(id)])),
  };
}
