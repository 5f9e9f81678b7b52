/**
 * Group commit: many small units of write work share one transaction (one fsync) per batch.
 *
 * - A batch opens its transaction when the first unit arrives and runs units one by one, in
 *   submission order, as they come. It commits once `maxBatch` units have run, or once
 *   `maxDelayMs` has passed since it opened and no unit is waiting.
 * - A unit that throws rolls the batch back; its units are then replayed one transaction each,
 *   so only that unit's caller gets an error and the rest still commit. A unit may therefore run
 *   twice: it must only write to the database (in-memory effects belong after `run()` resolves).
 * - Callers' promises settle only after COMMIT, in submission order.
 * - One batch at a time: a single writer keeps per-conversation order.
 *
 * A unit must not await another `run()` on the same committer (it would wait for its own batch).
 *
 * Write plans (`runPlan`: statements only, no JavaScript between them) are the hot path's units.
 * On SQLite, the plans of one event-loop turn go to the writer thread together, without waiting for
 * earlier ones; the thread joins whatever queued while it was busy into one transaction, so
 * batches grow with the load. On PostgreSQL they run in the batch's transaction like any other unit.
 */
import type { ControlledTransaction, Transaction } from 'kysely';
import type { Db } from './open';
import { executePlan, type PlanResult, type WritePlan } from './plan';
import type { Database } from './schema';
import type { SqliteWriter } from './sqlite-writer';

export interface GroupCommitOptions {
  /** How long an open batch waits for more units (default 1 ms). */
  maxDelayMs?: number;
  /** Most units per transaction (default 500). */
  maxBatch?: number;
  /** Most plans per writer-thread transaction (default 2000). */
  maxPlanBatch?: number;
}

export class GroupCommitClosedError extends Error {
  readonly code = 'STORAGE_GROUP_COMMIT_CLOSED';
  constructor() {
    super('GroupCommitter is closed: no new work is accepted');
    this.name = 'GroupCommitClosedError';
  }
}

interface Unit {
  work: (trx: Transaction<Database>) => Promise<unknown>;
  /** Set for write plans, which the writer thread can run without `work`. */
  plan?: WritePlan;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export class GroupCommitter {
  private readonly maxDelayMs: number;
  private readonly maxBatch: number;
  private readonly maxPlanBatch: number;
  private readonly writer: SqliteWriter | undefined;
  private readonly queue: Unit[] = [];
  /** Plan batches the writer thread has not answered yet. */
  private readonly inFlight = new Set<Promise<void>>();
  private active = false;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    opts: GroupCommitOptions = {},
  ) {
    this.maxDelayMs = Math.max(0, opts.maxDelayMs ?? 1);
    this.maxBatch = Math.max(1, opts.maxBatch ?? 500);
    this.maxPlanBatch = Math.max(1, opts.maxPlanBatch ?? 2000);
    this.writer = db.writer;
  }

  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new GroupCommitClosedError());
    return this.enqueue(work);
  }

  /** Runs a write plan in a batch; resolves after COMMIT. */
  runPlan(plan: WritePlan): Promise<PlanResult> {
    if (this.closed) return Promise.reject(new GroupCommitClosedError());
    return this.enqueue((trx) => executePlan(trx, plan), plan);
  }

  /** Resolves once everything submitted before the call has settled. */
  async flush(): Promise<void> {
    if (!this.active && this.queue.length === 0 && this.inFlight.size === 0) return;
    await this.enqueue(async () => undefined).catch(() => undefined);
  }

  /** Flushes, then refuses new work. Does not close the database. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private enqueue<T>(work: (trx: Transaction<Database>) => Promise<T>, plan?: WritePlan): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, ...(plan && { plan }), resolve: resolve as (value: unknown) => void, reject });
      this.wake?.();
      if (!this.active) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.active = true;
    try {
      // Let the units of this turn of the event loop gather into one batch.
      if (this.writer) await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.queue.length > 0) {
        if (this.writer && this.queue[0]!.plan) {
          this.sendPlans(this.writer);
          continue;
        }
        // Other work runs on this thread's connection, after the plans before it are written.
        await Promise.all(this.inFlight);
        await this.runBatch();
      }
    } finally {
      this.active = false;
    }
  }

  private async runBatch(): Promise<void> {
    let trx: ControlledTransaction<Database>;
    try {
      trx = await this.db.kysely.startTransaction().execute();
    } catch (err) {
      // Could not even begin: fail what is waiting now rather than retrying forever.
      for (const unit of this.queue.splice(0, this.maxBatch)) unit.reject(err);
      return;
    }

    // Optimistic: units run back to back with no savepoints (a savepoint is two more statements per
    // unit, three round trips on PostgreSQL). If one throws, the batch is rolled back and its units
    // are replayed one transaction each, so only the failing unit's caller sees an error.
    const batch: Unit[] = [];
    const values: unknown[] = [];
    const deadline = Date.now() + this.maxDelayMs;
    let failed = false;
    while (batch.length < this.maxBatch) {
      // Plans wait for this transaction to commit, then go to the writer thread.
      if (this.writer && this.queue[0]?.plan) break;
      const unit = this.queue.shift();
      if (unit === undefined) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        await this.waitForUnit(left);
        continue;
      }
      batch.push(unit);
      try {
        values.push(await unit.work(trx));
      } catch {
        failed = true;
        break;
      }
    }

    if (!failed) {
      try {
        await trx.commit().execute();
        batch.forEach((unit, i) => unit.resolve(values[i]));
        return;
      } catch {
        // Replayed below, one by one, so each caller learns its own fate.
      }
    }
    await trx.rollback().execute().catch(() => undefined);
    for (const unit of batch) await this.runAlone(unit);
  }

  /**
   * The plans at the head of the queue go to the writer thread without waiting for the batches
   * before them: the thread writes while this loop publishes, and it joins whatever queued while
   * it was busy into one transaction. Replies come back in order, so callers resume in order.
   */
  private sendPlans(writer: SqliteWriter): void {
    const batch = this.takePlans();
    const done = writer.runBatch(batch.map((u) => u.plan!)).then(
      (results) =>
        batch.forEach((unit, i) => {
          const r = results[i]!;
          if (r instanceof Error) unit.reject(r);
          else unit.resolve(r);
        }),
      (err: unknown) => batch.forEach((unit) => unit.reject(err)),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  private takePlans(): Unit[] {
    let n = 0;
    while (n < this.queue.length && n < this.maxPlanBatch && this.queue[n]!.plan) n++;
    return this.queue.splice(0, n);
  }

  /** One unit in its own transaction. */
  private async runAlone(unit: Unit): Promise<void> {
    try {
      const value = await this.db.kysely.transaction().execute((trx) => unit.work(trx));
      unit.resolve(value);
    } catch (err) {
      unit.reject(err);
    }
  }

  private waitForUnit(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
