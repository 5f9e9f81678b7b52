/**
 * A thread that writes SQLite batches (sqlite-writer.worker.mjs): the server's event loop only
 * posts a batch of write plans and later resolves its callers, while the statements, COMMIT and
 * WAL checkpoints run on another core. One batch at a time keeps the single-writer order.
 */
import { Worker } from 'node:worker_threads';
import type { PlanResult, WritePlan } from './plan';

type WorkerResult = { ok: true; changes: number[]; skipped: boolean } | { ok: false; error: { message: string; code?: string } };

/** A statement of a plan failed in the writer thread (the code is SQLite's, e.g. SQLITE_CONSTRAINT_UNIQUE). */
export class WriteFailedError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'WriteFailedError';
  }
}

export interface SqliteWriterOptions {
  file: string;
  synchronous: 'NORMAL' | 'FULL';
  /** Checkpoint the WAL into the database file at most this often (ms). */
  checkpointEveryMs?: number;
  /** Size the WAL file is truncated to when it restarts (bytes). */
  walSizeLimitBytes?: number;
}

export class SqliteWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: never) => void; reject: (err: Error) => void }>();
  private nextId = 1;
  private failed: Error | undefined;

  constructor(opts: SqliteWriterOptions) {
    this.worker = new Worker(new URL('./sqlite-writer.worker.mjs', import.meta.url), {
      workerData: {
        file: opts.file,
        synchronous: opts.synchronous,
        checkpointEveryMs: opts.checkpointEveryMs ?? 20,
        walSizeLimitBytes: opts.walSizeLimitBytes ?? 64 * 1024 * 1024,
      },
    });
    this.worker.on('message', (msg: { id: number }) => {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      p?.resolve(msg as never);
    });
    // The thread died (it can't open the file, out of memory…): fail what waits and what comes.
    const die = (err: Error) => {
      this.failed ??= err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', die);
    this.worker.on('exit', (code) => die(new Error(`storage: SQLite writer thread exited (code ${code})`)));
  }

  /** Runs the plans in one transaction; per plan, its result or the error that undid it. */
  async runBatch(plans: readonly WritePlan[]): Promise<(PlanResult | WriteFailedError)[]> {
    const reply = await this.request<{ results: WorkerResult[] }>({ type: 'batch', units: plans });
    return reply.results.map((r) => (r.ok ? { changes: r.changes, skipped: r.skipped } : new WriteFailedError(r.error.message, r.error.code)));
  }

  /** Closes the writer's connection and ends the thread. */
  async close(): Promise<void> {
    if (!this.failed) await this.request({ type: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }

  private request<T>(msg: object): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }
}
