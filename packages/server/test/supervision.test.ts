/**
 * The supervisor live view's fan-out, without a server: a burst of routing outcomes leaves as one
 * delta frame per flush interval carrying each changed row once, in its latest state; rows of a
 * deleted queue or agent leave as removals; nobody watching costs nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock, RoutingEngine } from '@parley/core';
import type { SupervisorServerFrame } from '@parley/protocol';
import { Directory } from '../src/app/directory';
import type { AppCore } from '../src/app/core';
import { Supervision } from '../src/app/supervisor/live/supervision';

function setup() {
  const clock = new ManualClock(1_000_000);
  const engine = new RoutingEngine();
  const directory = new Directory();
  for (const id of ['a1', 'a2']) {
    engine.upsertAgent({ id, state: 'available', idleReasonId: null, stateChangedAt: 0, readySince: 0, capacity: { webchat: 50 } });
    directory.agents.set(id, { id, username: id, displayName: `Agent ${id}`, role: 'agent', teamIds: [], capacity: { webchat: 50 } } as never);
  }
  for (const id of ['q1', 'q2']) {
    engine.upsertQueue({ id, channel: 'webchat', offerTimeoutMs: 30_000, maxWaitMs: 600_000, transferFallback: 'drop', overflowQueueId: null, memberIds: id === 'q1' ? ['a1'] : ['a2'] });
    directory.queues.set(id, { id, name: `Queue ${id}` } as never);
  }
  const core = { engine, directory, meta: new Map(), get now() { return clock.now(); }, deps: { fileUrl: (id: string) => id }, conversationDto: () => null } as unknown as AppCore;
  const frames: SupervisorServerFrame[] = [];
  const supervision = new Supervision(core, 150);
  const socket = { readyState: 1, send: (text: string) => frames.push(JSON.parse(text) as SupervisorServerFrame) };
  return { clock, engine, directory, supervision, socket, frames };
}

describe('supervision fan-out', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a burst of 40 outcomes is one delta with each changed row once, in its latest state', () => {
    const { clock, engine, supervision, socket, frames } = setup();
    supervision.connect(socket);
    expect(frames.map((f) => f.type)).toEqual(['snapshot']);
    for (let i = 0; i < 40; i++) supervision.outcomeApplied(engine.enqueue({ id: `c${i}`, channel: 'webchat', queueId: 'q1' }, clock.advance(10)), []);
    expect(frames).toHaveLength(1);
    vi.advanceTimersByTime(150);
    expect(frames).toHaveLength(2);
    const delta = frames[1] as Extract<SupervisorServerFrame, { type: 'delta' }>;
    expect(delta.queues).toEqual([expect.objectContaining({ id: 'q1', name: 'Queue q1', offered: 40, waiting: 0 })]);
    expect(delta.agents).toEqual([expect.objectContaining({ id: 'a1', displayName: 'Agent a1', load: { webchat: 40 } })]);
    // Nothing new: no frame.
    vi.advanceTimersByTime(1_000);
    expect(frames).toHaveLength(2);
  });

  it('a queue or agent the configuration no longer has leaves as a removal', () => {
    const { clock, engine, directory, supervision, socket, frames } = setup();
    supervision.connect(socket);
    directory.queues.delete('q2');
    directory.agents.delete('a2');
    supervision.outcomeApplied(engine.setAgentState('a2', 'idle', null, clock.advance(5)), []);
    supervision.flush();
    expect(frames[1]).toMatchObject({ type: 'delta', queues: [], agents: [], removedQueueIds: ['q2'], removedAgentIds: ['a2'] });
  });

  it('without viewers nothing is kept or sent; the next viewer gets the floor as it is', () => {
    const { clock, engine, supervision, socket, frames } = setup();
    const first = supervision.connect(socket);
    supervision.disconnect(first);
    supervision.outcomeApplied(engine.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q2' }, clock.advance(5)), []);
    vi.advanceTimersByTime(1_000);
    expect(frames.map((f) => f.type)).toEqual(['snapshot']);
    supervision.connect(socket);
    expect(frames[1]).toMatchObject({ type: 'snapshot', queues: expect.arrayContaining([expect.objectContaining({ id: 'q2', offered: 1 })]) });
  });
});
