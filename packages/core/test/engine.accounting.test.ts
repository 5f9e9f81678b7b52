/**
 * The accounting marks (`queued`, `left`, `ended`, and `transferred`'s from/by) that the day's
 * figures are counted from: each path of the lifecycle marks once, where it happens.
 */
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../src/index';
import { SEC, agent, fullLog, makeEngine, queue } from './helpers';

const marks = (o: Outcome) => fullLog(o).filter((l) => /^(queued|left|ended|rona|notice \S+ transferred)/.test(l));

function engine() {
  return makeEngine(
    [agent('a1', { webchat: 2 }), agent('a2', { webchat: 2 }, { readySince: 1 })],
    [
      queue('q1', 'webchat', ['a1'], { overflowQueueId: 'q2', maxWaitMs: 100 * SEC }),
      queue('q2', 'webchat', ['a2'], { transferFallback: 'requeue' }),
    ],
  );
}

describe('accounting marks', () => {
  it('a new conversation joins its queue once; a RONA puts it back in place without a new entry', () => {
    const e = engine();
    expect(marks(e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0))).toEqual(['queued c1 queue=q1']);
    const o = e.tick(30 * SEC);
    expect(marks(o)).toEqual(['rona a1 c1']);
    expect(o.events.find((x) => x.type === 'rona')).toMatchObject({ queueId: 'q1' });
  });

  it('a transfer to a queue: the owner leaves, from q1 by a1, joins q2; the end marks every owner who leaves', () => {
    const e = engine();
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    e.accept('c1', 'a1', 5);
    const t = e.transferToQueue('c1', 'a1', 'q2', 50);
    expect(marks(t)).toEqual(['left c1 a1 owner', 'notice c1 transferred agent=a1 queue=q2', 'queued c1 queue=q2']);
    expect(t.events.find((x) => x.type === 'notice')).toMatchObject({ fromQueueId: 'q1', byAgentId: 'a1' });
    expect(t.events.find((x) => x.type === 'left')).toMatchObject({ queueId: 'q1', joinedAt: 5 });
    e.accept('c1', 'a2', 60);
    expect(marks(e.endByAgent('c1', 'a2', 90))).toEqual(['ended c1 by=agent', 'left c1 a2 owner']);
  });

  it('a transfer to an agent marks from and by; a requeue after nobody accepts joins the queue again', () => {
    const e = engine();
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q2' }, 0);
    e.accept('c1', 'a2', 1);
    const t = e.transferToAgent('c1', 'a2', 'a1', 10);
    expect(t.events.find((x) => x.type === 'notice')).toMatchObject({ fromQueueId: 'q2', byAgentId: 'a2', agentId: 'a1' });
    expect(marks(e.tick(10 + 30 * SEC))).toEqual(['rona a1 c1', 'queued c1 queue=q2']);
  });

  it('an overflow on max wait: transferred from q1 without an agent, joins q2', () => {
    const e = engine();
    e.setAgentState('a1', 'idle', null, 0);
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    const o = e.tick(100 * SEC);
    expect(marks(o)).toEqual(['notice c1 transferred queue=q2', 'queued c1 queue=q2']);
    const transferred = o.events.find((x) => x.type === 'notice' && x.code === 'transferred');
    expect(transferred).toMatchObject({ fromQueueId: 'q1' });
    expect(transferred).not.toHaveProperty('byAgentId');
  });

  it('a customer who leaves while waiting or offered ends "waiting"; after an accept, not', () => {
    const e = engine();
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0); // offered to a1
    expect(e.endByCustomer('c1', 1).events.find((x) => x.type === 'ended')).toMatchObject({ by: 'customer', waiting: true, queueId: 'q1' });
    e.enqueue({ id: 'c2', channel: 'webchat', queueId: 'q1' }, 2);
    e.accept('c2', 'a1', 3);
    expect(e.endByCustomer('c2', 4).events.find((x) => x.type === 'ended')).toMatchObject({ waiting: false });
  });

  it('a conferee leaving marks its role, so only owners count as handled', () => {
    const e = engine();
    e.enqueue({ id: 'c1', channel: 'webchat', queueId: 'q1' }, 0);
    e.accept('c1', 'a1', 1);
    e.inviteToConference('c1', 'a1', 'a2', 2);
    e.accept('c1', 'a2', 3);
    expect(marks(e.exitConference('c1', 'a2', 4))).toEqual(['left c1 a2 conferee']);
  });
});
