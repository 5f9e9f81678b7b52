import { expect, it, vi } from 'vitest';
import { ManualClock, type RetryPolicy } from '@parley/core';
import type { SendResult } from '@parley/channels';
import { claimDueOutbox, enqueueOutbox, getOutboxJob, GroupCommitter, type Db, type OutboxEnqueue, type OutboxJob } from '@parley/storage';
import { OutboxWorker, type OutboxWorkerOptions } from '../src/app/outbox/worker';
import type { OutboxOutcome } from '../src/app/outbox/outcome';
import type { Timers } from '../src/app/outbox/timers';
import { describeEachDatabase } from '../../storage/test/databases';

const LEASE = 60_000;
const TIMEOUT = 10_000;
const policy: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 5, maxAgeMs: 3_600_000 };

/** Timers the test fires by hand: the clock is a ManualClock, so nothing may wait for real time. */
class HandTimers implements Timers {
  private readonly pending = new Map<number, { fn: () => void; ms: number }>();
  private n = 0;
  set(fn: () => void, ms: number): unknown {
    this.pending.set(++this.n, { fn, ms });
    return this.n;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires the timers set for `ms` (the send timeout) or, by default, the worker's wake-up timer. */
  fire(which: (ms: number) => boolean = (ms) => ms !== TIMEOUT): void {
    for (const [id, t] of [...this.pending]) {
      if (!which(t.ms)) continue;
      this.pending.delete(id);
      t.fn();
    }
  }
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.ms).filter((ms) => ms !== TIMEOUT);
  }
}

function job(id: string, over: Partial<OutboxEnqueue> = {}): OutboxEnqueue {
  return {
    id, kind: 'send', channel: 'sms', conversationId: 'c1', messageId: id, entryPointId: 'ep1',
    payload: { text: id }, nextAttemptAt: 1_000, createdAt: 1_000, ...over,
  };
}

const sentOk = (j: OutboxJob): SendResult => ({ ok: true, providerId: `p-${j.id}` });

function rig(db: Db, over: Partial<OutboxWorkerOptions> = {}) {
  const clock = new ManualClock(1_000);
  const timers = new HandTimers();
  const sends: string[] = [];
  const outcomes: [string, OutboxOutcome][] = [];
  let reply: (j: OutboxJob, signal: AbortSignal) => Promise<SendResult> = async (j) => sentOk(j);
  const worker = new OutboxWorker({
    db, clock, timers, owner: 'w1', policy, random: () => 0, leaseMs: LEASE, sendTimeoutMs: TIMEOUT,
    send: (j, signal) => {
      sends.push(j.id);
      return reply(j, signal);
    },
    onResult: (j, outcome) => {
      outcomes.push([j.id, outcome]);
    },
    ...over,
  });
  return {
    clock, timers, sends, outcomes, worker,
    reply: (fn: typeof reply) => {
      reply = fn;
    },
  };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describeEachDatabase('outbox worker', (t) => {
  it('at start, takes back at once the jobs leased by a worker known to be dead; a live one keeps its lease', async () => {
    const ex = t.db.kysely;
    await enqueueOutbox(ex, job('dead1'));
    await enqueueOutbox(ex, job('live1', { conversationId: 'c2' }));
    expect((await claimDueOutbox(ex, 'gone:1', 1_000, LEASE, 1)).map((j) => j.id)).toEqual(['dead1']);
    expect((await claimDueOutbox(ex, 'alive:2', 1_000, LEASE, 1)).map((j) => j.id)).toEqual(['live1']);
    const r = rig(t.db, { isDeadOwner: (owner) => owner === 'gone:1' });
    r.worker.start();
    // Long before either lease runs out (the clock does not move): only the dead worker's job is resent.
    await vi.waitFor(() => expect(r.sends).toEqual(['dead1']));
    await r.worker.idle();
    expect(await getOutboxJob(ex, 'dead1')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await getOutboxJob(ex, 'live1')).toMatchObject({ status: 'sending', leaseOwner: 'alive:2' });
    await r.worker.stop();
  });

  it('sends a conversation\'s jobs one at a time, in order; other conversations in parallel', async () => {
    const ex = t.db.kysely;
    for (const [i, id] of ['a1', 'a2', 'a3'].entries()) await enqueueOutbox(ex, job(id, { createdAt: 1_000 + i }));
    await enqueueOutbox(ex, job('b1', { conversationId: 'c2' }));
    const r = rig(t.db);
    const answers = new Map<string, (v: SendResult) => void>();
    r.reply((j) => {
      const d = deferred<SendResult>();
      answers.set(j.id, d.resolve);
      return d.promise;
    });
    r.worker.start();
    await vi.waitFor(() => expect([...r.sends].sort()).toEqual(['a1', 'b1']));
    answers.get('a1')!(sentOk({ id: 'a1' } as OutboxJob));
    await vi.waitFor(() => expect(r.sends).toContain('a2'));
    expect(r.sends).not.toContain('a3');
    answers.get('a2')!(sentOk({ id: 'a2' } as OutboxJob));
    answers.get('b1')!(sentOk({ id: 'b1' } as OutboxJob));
    await vi.waitFor(() => expect(r.sends).toContain('a3'));
    answers.get('a3')!(sentOk({ id: 'a3' } as OutboxJob));
    await r.worker.stop();
    expect(r.sends.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(await getOutboxJob(ex, 'a3')).toMatchObject({ status: 'sent', providerId: 'p-a3', attempts: 1 });
  });

  it('retries a 5xx after its backoff, sleeping until the deadline stored in the database', async () => {
    // Writes through the application's group commit, as the server will wire it.
    const committer = new GroupCommitter(t.db);
    const r = rig(t.db, { committer });
    await enqueueOutbox(t.db.kysely, job('m1'));
    r.reply(async () => ({ ok: false, retryable: true, code: 'transient', reason: 'HTTP 503' }));
    r.worker.start();
    await r.worker.idle();
    // random() = 0: half of the 1 s base delay.
    expect(await getOutboxJob(t.db.kysely, 'm1')).toMatchObject({
      status: 'pending', attempts: 1, nextAttemptAt: 1_500, lastError: { code: 'transient', reason: 'HTTP 503' },
    });
    await vi.waitFor(() => expect(r.timers.delays()).toEqual([500]));
    r.reply(async (j) => sentOk(j));
    r.clock.advance(499);
    r.timers.fire();
    await r.worker.idle();
    expect(r.sends).toEqual(['m1']);
    r.clock.advance(1);
    r.worker.poke();
    await r.worker.idle();
    expect(r.sends).toEqual(['m1', 'm1']);
    expect(r.outcomes.map(([, o]) => o.status)).toEqual(['retry', 'sent']);
    expect(await getOutboxJob(t.db.kysely, 'm1')).toMatchObject({ status: 'sent', attempts: 2, providerId: 'p-m1' });
    await r.worker.stop();
    await committer.close();
  });

  it('honours Retry-After on a 429', async () => {
    const r = rig(t.db);
    await enqueueOutbox(t.db.kysely, job('m1'));
    r.reply(async () => ({ ok: false, retryable: true, retryAfterMs: 30_000, code: 'rate_limited', reason: 'HTTP 429' }));
    r.worker.start();
    await r.worker.idle();
    expect(await getOutboxJob(t.db.kysely, 'm1')).toMatchObject({ status: 'pending', nextAttemptAt: 31_000 });
    r.reply(async (j) => sentOk(j));
    r.clock.set(30_999);
    r.worker.poke();
    await r.worker.idle();
    expect(r.sends).toEqual(['m1']);
    r.clock.set(31_000);
    r.worker.poke();
    await r.worker.idle();
    expect(r.sends).toEqual(['m1', 'm1']);
    await r.worker.stop();
  });

  it('abandons a send that times out as a retryable failure', async () => {
    const r = rig(t.db);
    await enqueueOutbox(t.db.kysely, job('m1'));
    let aborted: AbortSignal | undefined;
    r.reply((_j, signal) => {
      aborted = signal;
      return new Promise<SendResult>(() => undefined);
    });
    r.worker.start();
    await vi.waitFor(() => expect(r.sends).toEqual(['m1']));
    r.timers.fire((ms) => ms === TIMEOUT);
    await r.worker.idle();
    expect(aborted?.aborted).toBe(true);
    expect(await getOutboxJob(t.db.kysely, 'm1')).toMatchObject({
      status: 'pending', lastError: { code: 'network', reason: `no answer within ${TIMEOUT} ms` },
    });
    await r.worker.stop();
  });

  it('fails a permanent 4xx at once, with the provider\'s reason', async () => {
    const r = rig(t.db);
    await enqueueOutbox(t.db.kysely, job('m1'));
    const failure = { ok: false, retryable: false, code: 'invalid_recipient', reason: '21211: not a valid phone number' } as const;
    r.reply(async () => failure);
    r.worker.start();
    await r.worker.idle();
    expect(r.outcomes).toEqual([['m1', { status: 'failed', failure, why: 'permanent' }]]);
    expect(await getOutboxJob(t.db.kysely, 'm1')).toMatchObject({
      status: 'failed', attempts: 1, lastError: { code: 'invalid_recipient', reason: '21211: not a valid phone number' },
    });
    await r.worker.stop();
  });

  it('resumes a job a crashed worker leased once the lease expires, and sends it once', async () => {
    await enqueueOutbox(t.db.kysely, job('m1'));
    await claimDueOutbox(t.db.kysely, 'crashed', 1_000, LEASE, 10);
    const r = rig(t.db);
    r.worker.start();
    await r.worker.idle();
    expect(r.sends).toEqual([]);
    await vi.waitFor(() => expect(r.timers.delays()).toEqual([1_000])); // capped by maxSleepMs
    r.clock.set(1_000 + LEASE);
    r.timers.fire();
    await r.worker.idle();
    expect(r.sends).toEqual(['m1']);
    expect(await getOutboxJob(t.db.kysely, 'm1')).toMatchObject({ status: 'sent', attempts: 2 });
    await r.worker.stop();
  });

  it('two workers on two connections drain one outbox: each job sent once, each conversation in order', async () => {
    const other = await t.open();
    for (let i = 0; i < 30; i++) await enqueueOutbox(t.db.kysely, job(`j${String(i).padStart(2, '0')}`, { conversationId: `c${i % 6}`, createdAt: 1_000 + i }));
    const log: string[] = [];
    const send = async (j: OutboxJob) => {
      log.push(j.id);
      return sentOk(j);
    };
    const a = rig(t.db, { owner: 'w1', send });
    const b = rig(other, { owner: 'w2', send });
    a.worker.start();
    b.worker.start();
    for (let round = 0; round < 30 && log.length < 30; round++) {
      a.worker.poke();
      b.worker.poke();
      await Promise.all([a.worker.idle(), b.worker.idle()]);
    }
    await Promise.all([a.worker.stop(), b.worker.stop()]);
    expect([...log].sort()).toEqual(Array.from({ length: 30 }, (_, i) => `j${String(i).padStart(2, '0')}`));
    for (let c = 0; c < 6; c++) {
      const mine = log.filter((id) => Number(id.slice(1)) % 6 === c);
      expect(mine).toEqual([...mine].sort());
    }
  });

  it('after a restart, a pending retry is sent at its stored deadline', async () => {
    const first = rig(t.db);
    await enqueueOutbox(t.db.kysely, job('m1'));
    first.reply(async () => ({ ok: false, retryable: true, code: 'network', reason: 'connection reset' }));
    first.worker.start();
    await first.worker.idle();
    await first.worker.stop();

    const reopened = await t.open();
    const second = rig(reopened, { owner: 'w2' });
    second.clock.set(1_500);
    second.worker.start();
    await second.worker.idle();
    expect(second.sends).toEqual(['m1']);
    expect(await getOutboxJob(reopened.kysely, 'm1')).toMatchObject({ status: 'sent', attempts: 2 });
    await second.worker.stop();
  });

  it('a poke after an enqueue sends at once; stop lets the send in flight finish and be recorded', async () => {
    const r = rig(t.db);
    r.worker.start();
    await r.worker.idle();
    const answer = deferred<SendResult>();
    r.reply(() => answer.promise);
    await enqueueOutbox(t.db.kysely, job('m1'));
    r.worker.poke();
    await vi.waitFor(() => expect(r.sends).toEqual(['m1']));
    const stopped = r.worker.stop();
    answer.resolve({ ok: true, providerId: 'p1' });
    await stopped;
    expect(await getOutboxJob(t.db.kysely, 'm1')).toMatchObject({ status: 'sent', providerId: 'p1' });
    await enqueueOutbox(t.db.kysely, job('m2', { conversationId: 'c2' }));
    r.worker.poke();
    await r.worker.idle();
    expect(r.sends).toEqual(['m1']);
  });
});
