/**
 * Group commit: many small units of write work share one transaction (one fsync) per batch.
 *
 * - A batch opens its transaction when the first unit arrives and runs units one by one, in
 *   submission order, as they come. It commits once `maxBatch` units have run, or once
 *   `maxDelayMs` has passed since it opened and no unit is waiting.
 * - Each unit runs inside its own SAVEPOINT, so a unit that throws is rolled back alone: its
 *   caller gets the error, the rest of the batch still commits.
 * - Callers' promises settle only after COMMIT, in submission order.
 * - One batch at a time: a single writer keeps per-conversation order.
 *
 * A unit must not await another `run()` on the same committer (it would wait for its own batch).
 */
import { sql, type ControlledTransaction, type Transaction } from 'kysely';
import type { Db } from './open';
import type { Database } from './schema';

export interface GroupCommitOptions {
  /** How long an open batch waits for more units (default 1 ms). */
  maxDelayMs?: number;
  /** Most units per transaction (default 500). */
  maxBatch?: number;
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
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

type Outcome = { unit: Unit; ok: true; value: unknown } | { unit: Unit; ok: false; error: unknown };

const SAVEPOINT = sql.raw('parley_gc_unit');

export class GroupCommitter {
  private readonly maxDelayMs: number;
  private readonly maxBatch: number;
  private readonly queue: Unit[] = [];
  private active = false;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    opts: GroupCommitOptions = {},
  ) {
    this.maxDelayMs = Math.max(0, opts.maxDelayMs ?? 1);
    this.maxBatch = Math.max(1, opts.maxBatch ?? 500);
  }

  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new GroupCommitClosedError());
    return this.enqueue(work);
  }

  /** Resolves once everything submitted before the call has settled. */
  async flush(): Promise<void> {
    if (!this.active && this.queue.length === 0) return;
    await this.enqueue(async () => undefined).catch(() => undefined);
  }

  /** Flushes, then refuses new work. Does not close the database. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private enqueue<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.wake?.();
      if (!this.active) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.active = true;
    try {
      while (this.queue.length > 0) await this.runBatch();
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

    const outcomes: Outcome[] = [];
    const deadline = Date.now() + this.maxDelayMs;
    let broken: unknown;
    while (outcomes.length < this.maxBatch) {
      const unit = this.queue.shift();
      if (unit === undefined) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        await this.waitForUnit(left);
        continue;
      }
      const outcome = await this.runUnit(trx, unit);
      outcomes.push(outcome.result);
      if (outcome.broken !== undefined) {
        broken = outcome.broken;
        break;
      }
    }

    if (broken !== undefined) {
      await trx.rollback().execute().catch(() => undefined);
      return this.failAll(outcomes, broken);
    }
    try {
      await trx.commit().execute();
    } catch (err) {
      await trx.rollback().execute().catch(() => undefined);
      return this.failAll(outcomes, err);
    }
    for (const o of outcomes) {
      if (o.ok) o.unit.resolve(o.value);
      else o.unit.reject(o.error);
    }
  }

  /** `broken` is set when the savepoint itself failed: the whole transaction is then unusable. */
  private async runUnit(
    trx: ControlledTransaction<Database>,
    unit: Unit,
  ): Promise<{ result: Outcome; broken?: unknown }> {
    try {
      await sql`savepoint ${SAVEPOINT}`.execute(trx);
    } catch (err) {
      return { result: { unit, ok: false, error: err }, broken: err };
    }
    try {
      const value = await unit.work(trx);
      await sql`release savepoint ${SAVEPOINT}`.execute(trx);
      return { result: { unit, ok: true, value } };
    } catch (error) {
      try {
        await sql`rollback to savepoint ${SAVEPOINT}`.execute(trx);
        await sql`release savepoint ${SAVEPOINT}`.execute(trx);
        return { result: { unit, ok: false, error } };
      } catch (err) {
        return { result: { unit, ok: false, error }, broken: err };
      }
    }
  }

  private failAll(outcomes: Outcome[], err: unknown): void {
    for (const o of outcomes) {
      // A unit that failed on its own keeps its own error; the others learn the batch was lost.
      if (o.ok) o.unit.reject(new Error('storage: group commit batch was rolled back', { cause: err }));
      else o.unit.reject(o.error);
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
