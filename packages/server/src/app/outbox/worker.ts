import type { Logger } from 'pino';
import { DEFAULT_RETRY_POLICY, type Clock, type RetryPolicy } from '@parley/core';
import type { SendResult } from '@parley/channels';
import {
  claimDueOutbox,
  nextOutboxDueAt,
  outboxLeaseOwners,
  releaseOutboxLeases,
  type Db,
  type Executor,
  type GroupCommitter,
  type OutboxJob,
} from '@parley/storage';
import { decideOutcome, recordOutcome, type OutboxOutcome } from './outcome';
import { realTimers, type Timers } from './timers';

export interface OutboxWorkerOptions {
  db: Db;
  /** When given, the worker's writes join the application's group commit (SQLite: one writer). */
  committer?: GroupCommitter;
  clock: Clock;
  /** Unique per process (e.g. node id + random): leases are held in this name. */
  owner: string;
  /** Performs one attempt. The signal aborts when the attempt times out. */
  send: (job: OutboxJob, signal: AbortSignal) => Promise<SendResult>;
  /** After the outcome is stored (not called when the lease was lost to another worker). */
  onResult?: (job: OutboxJob, outcome: OutboxOutcome) => void | Promise<void>;
  /** How long a claimed job stays ours; must exceed `sendTimeoutMs` (default 120 s). */
  leaseMs?: number;
  /** A send still unanswered after this is abandoned as a retryable failure (default 30 s). */
  sendTimeoutMs?: number;
  /** Most sends in flight at once, each of a different conversation (default 16). */
  concurrency?: number;
  policy?: RetryPolicy;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
  /** Longest sleep between looks at the table, so jobs other nodes enqueue are found (default 1 s). */
  maxSleepMs?: number;
  timers?: Timers;
  log?: Pick<Logger, 'error' | 'warn'>;
  /**
   * Whether a lease owner is known to be dead (a process of this machine that no longer runs): its
   * jobs are taken back at start instead of waiting out the lease. Default: none is known dead.
   */
  isDeadOwner?: (owner: string) => boolean;
}

/**
 * Drains the durable outbox (repos/outbox.ts in storage): claims due jobs under a lease, sends each
 * with a timeout, records sent / retry-at / failed, and reports the outcome. A timer sleeps until the
 * next deadline stored in the database, so after a restart pending jobs resume on their own. Several
 * workers (processes or nodes) may drain one outbox; each conversation's jobs go one at a time, in order.
 */
export class OutboxWorker {
  private readonly leaseMs: number;
  private readonly sendTimeoutMs: number;
  private readonly concurrency: number;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;
  private readonly maxSleepMs: number;
  private readonly timers: Timers;
  private readonly inFlight = new Set<Promise<void>>();
  private pumping: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private started = false;
  private timer: unknown;

  constructor(private readonly opts: OutboxWorkerOptions) {
    this.leaseMs = opts.leaseMs ?? 120_000;
    this.sendTimeoutMs = opts.sendTimeoutMs ?? 30_000;
    // A send must be over (answered or timed out) and recorded before anyone may take the job over.
    if (!(this.leaseMs > this.sendTimeoutMs)) throw new Error('OutboxWorker: leaseMs must exceed sendTimeoutMs');
    this.concurrency = Math.max(1, opts.concurrency ?? 16);
    this.policy = opts.policy ?? DEFAULT_RETRY_POLICY;
    this.random = opts.random ?? Math.random;
    this.maxSleepMs = opts.maxSleepMs ?? 1_000;
    this.timers = opts.timers ?? realTimers;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    if (this.opts.isDeadOwner) void this.releaseDeadLeases().finally(() => this.kick());
    else this.kick();
  }

  /** After a crash and restart: the dead process's leased jobs are due again at once. */
  private async releaseDeadLeases(): Promise<void> {
    const isDead = this.opts.isDeadOwner;
    if (!isDead) return;
    try {
      const owners = await outboxLeaseOwners(this.opts.db.kysely);
      for (const owner of owners.filter(isDead)) {
        const n = await this.write((ex) => releaseOutboxLeases(ex, owner, this.opts.clock.now()));
        if (n > 0) this.opts.log?.warn({ owner, jobs: n }, 'outbox: took back the jobs of a worker that is gone');
      }
    } catch (err) {
      this.opts.log?.error({ err }, 'outbox: taking back dead workers\' jobs failed (their leases will expire)');
    }
  }

  /** After an enqueue: look at the table now rather than at the next timer. */
  poke(): void {
    if (this.started) this.kick();
  }

  /** Resolves once nothing is being claimed or sent (tests wait on this instead of sleeping). */
  async idle(): Promise<void> {
    while (this.pumping || this.inFlight.size > 0) await Promise.allSettled([this.pumping, ...this.inFlight]);
  }

  /** Claims nothing more; sends in flight finish (bounded by the send timeout) and are recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.clear(this.timer);
    await this.idle();
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump();
  }

  private async pump(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.fill();
      } while (this.again && !this.stopped);
    } catch (err) {
      this.opts.log?.error({ err }, 'outbox: claiming due jobs failed');
    }
    // No await since the last look at `again`: a kick from here on starts a new pump.
    this.pumping = undefined;
    // When full, a finishing send kicks; a timer now could only spin on jobs there is no room for.
    if (!this.stopped && this.inFlight.size < this.concurrency) void this.arm();
  }

  /** Claims as many due jobs as there is room for, until none is left. */
  private async fill(): Promise<void> {
    while (!this.stopped) {
      const room = this.concurrency - this.inFlight.size;
      if (room <= 0) return;
      const now = this.opts.clock.now();
      const jobs = await this.write((ex) => claimDueOutbox(ex, this.opts.owner, now, this.leaseMs, room));
      if (jobs.length === 0) return;
      for (const job of jobs) this.track(this.attempt(job));
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work
      .catch((err: unknown) => this.opts.log?.error({ err }, 'outbox: an attempt failed unexpectedly'))
      .finally(() => {
        this.inFlight.delete(tracked);
        // The conversation's next job (and room for another) may be claimable now.
        this.kick();
      });
    this.inFlight.add(tracked);
  }

  private async attempt(job: OutboxJob): Promise<void> {
    const result = await this.sendWithTimeout(job);
    const now = this.opts.clock.now();
    const outcome = decideOutcome(job, result, now, this.policy, this.random);
    let held: boolean;
    try {
      held = await this.write((ex) => recordOutcome(ex, job, this.opts.owner, outcome, now));
    } catch (err) {
      // The lease runs out and the job is attempted again: at least once, never lost.
      this.opts.log?.error({ err, jobId: job.id }, 'outbox: recording an outcome failed');
      return;
    }
    if (!held) return;
    try {
      await this.opts.onResult?.(job, outcome);
    } catch (err) {
      this.opts.log?.error({ err, jobId: job.id }, 'outbox: onResult failed');
    }
  }

  private async sendWithTimeout(job: OutboxJob): Promise<SendResult> {
    const controller = new AbortController();
    let handle: unknown;
    const timedOut = new Promise<SendResult>((resolve) => {
      handle = this.timers.set(() => {
        controller.abort();
        resolve({ ok: false, retryable: true, code: 'network', reason: `no answer within ${this.sendTimeoutMs} ms` });
      }, this.sendTimeoutMs);
    });
    try {
      return await Promise.race([this.opts.send(job, controller.signal), timedOut]);
    } catch (err) {
      // Only the error's name: messages of HTTP errors can carry URLs with credentials.
      const name = err instanceof Error ? err.name : 'unknown';
      return { ok: false, retryable: true, code: 'unknown', reason: `the send threw ${name}` };
    } finally {
      this.timers.clear(handle);
    }
  }

  /** Sleeps until the next stored deadline, at most `maxSleepMs`. */
  private async arm(): Promise<void> {
    let next: number | null;
    try {
      next = await nextOutboxDueAt(this.opts.db.kysely);
    } catch (err) {
      this.opts.log?.error({ err }, 'outbox: reading the next deadline failed');
      next = null;
    }
    if (this.stopped || this.pumping) return;
    const wait = next === null ? this.maxSleepMs : next - this.opts.clock.now();
    this.timers.clear(this.timer);
    this.timer = this.timers.set(() => this.kick(), Math.max(0, Math.min(wait, this.maxSleepMs)));
  }

  private write<T>(work: (ex: Executor) => Promise<T>): Promise<T> {
    return this.opts.committer ? this.opts.committer.run(work) : work(this.opts.db.kysely);
  }
}
