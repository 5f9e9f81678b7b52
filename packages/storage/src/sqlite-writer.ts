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
  private worker!: Worker;
  private readonly pending = new Map<number, { resolve: (value: never) => void; reject: (err: Error) => void }>();
  private nextId = 1;
  private failed: Error | undefined;
  private closing = false;
  /** How many times the thread died and was started again. */
  restarts = 0;
  /** Told when the thread dies: `restarted` false means writes fail from now on (see `healthy`). */
  onThreadDied: ((err: Error, restarted: boolean) => void) | undefined;

  constructor(private readonly opts: SqliteWriterOptions) {
    this.startThread();
  }

  /** False once the thread died without ever answering (it can't open the file…): writes can't succeed. */
  get healthy(): boolean {
    return !this.failed;
  }

  private startThread(): void {
    const worker = new Worker(new URL('./sqlite-writer.worker.mjs', import.meta.url), {
      workerData: {
        file: this.opts.file,
        synchronous: this.opts.synchronous,
        checkpointEveryMs: this.opts.checkpointEveryMs ?? 20,
        walSizeLimitBytes: this.opts.walSizeLimitBytes ?? 64 * 1024 * 1024,
      },
    });
    let answered = false;
    let dead = false;
    worker.on('message', (msg: { id: number }) => {
      answered = true;
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      p?.resolve(msg as never);
    });
    // The thread died (out of memory, a native fault…). What it was writing is either committed or
    // rolled back by SQLite, so its callers get an error and may retry (client ids make a retry safe).
    // A thread that had worked is started again; one that never answered would only die again.
    const die = (err: Error) => {
      if (dead) return;
      dead = true;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      if (this.closing) return;
      if (answered) {
        this.restarts++;
        this.startThread();
      } else {
        this.failed = err;
      }
      this.onThreadDied?.(err, answered);
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`storage: SQLite writer thread exited (code ${code})`)));
    this.worker = worker;
  }

  /** Runs the plans in one transaction; per plan, its result or the error that undid it. */
  async runBatch(plans: readonly WritePlan[]): Promise<(PlanResult | WriteFailedError)[]> {
    const reply = await this.request<{ results: WorkerResult[] }>({ type: 'batch', units: plans });
    return reply.results.map((r) => (r.ok ? { changes: r.changes, skipped: r.skipped } : new WriteFailedError(r.error.message, r.error.code)));
  }

  /** Closes the writer's connection and ends the thread. */
  async close(): Promise<void> {
    this.closing = true;
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
