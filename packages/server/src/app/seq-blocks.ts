import type { ReservedBlock } from '@parley/storage';

interface Waiter {
  n: number;
  fn: (seqs: number[]) => unknown;
  resolve: (v: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Hands out event numbers from blocks reserved durably in the database (storage
 * repos/sequences.ts), so a number is never handed out twice, even across crashes. The next block
 * is reserved in the background once half of the current one is used, so the hot path normally
 * never waits for the database.
 *
 * Numbers are handed out in call order, each batch to a callback that runs synchronously with the
 * numbering: whatever that callback starts (a commit) starts in number order too.
 */
export class SeqBlocks {
  private next = 1;
  private last = 0;
  private spare: ReservedBlock | null = null;
  private refilling = false;
  private readonly waiting: Waiter[] = [];
  /** The last number handed out (before any: everything a previous run may have handed out). */
  head = 0;
  /** Names the stream; a client holding numbers of another epoch must resync. */
  epoch = '';

  constructor(
    private readonly reserve: (size: number) => Promise<ReservedBlock>,
    private readonly blockSize = 1000,
  ) {}

  async start(): Promise<void> {
    const b = await this.reserve(this.blockSize);
    this.use(b);
    this.head = b.first - 1;
  }

  /** Takes `n` numbers and calls `fn` with them at once (or, when a block is due, once it is reserved). */
  run<T>(n: number, fn: (seqs: number[]) => T): Promise<T> {
    if (this.waiting.length === 0 && this.available() >= n) {
      try {
        return Promise.resolve(fn(this.take(n)));
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ n, fn, resolve: resolve as (v: unknown) => void, reject });
      this.serveWaiting();
    });
  }

  private take(n: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      if (this.next > this.last) {
        this.use(this.spare!);
        this.spare = null;
      }
      out.push(this.next++);
    }
    if (n > 0) this.head = out[n - 1]!;
    if (this.last - this.next < this.blockSize / 2) this.refill();
    return out;
  }

  private available(): number {
    return this.last - this.next + 1 + (this.spare ? this.spare.last - this.spare.first + 1 : 0);
  }

  private use(b: ReservedBlock): void {
    this.next = b.first;
    this.last = b.last;
    this.epoch = b.epoch;
  }

  /** Reserves the spare block (one reservation at a time), then serves whoever waited for it. */
  private refill(): void {
    if (this.spare || this.refilling) return;
    this.refilling = true;
    const size = Math.max(this.blockSize, ...this.waiting.map((w) => w.n));
    this.reserve(size).then(
      (b) => {
        this.refilling = false;
        this.spare = b;
        this.serveWaiting();
      },
      (err: unknown) => {
        this.refilling = false;
        // Nothing to number with: the waiting writes fail; the next call tries again.
        for (const w of this.waiting.splice(0)) w.reject(err);
      },
    );
  }

  private serveWaiting(): void {
    while (this.waiting.length > 0 && this.available() >= this.waiting[0]!.n) {
      const w = this.waiting.shift()!;
      try {
        w.resolve(w.fn(this.take(w.n)));
      } catch (err) {
        w.reject(err);
      }
    }
    if (this.waiting.length > 0 && this.spare) {
      // A batch larger than what is left: skip to the spare (a gap, never a reuse) and reserve enough.
      this.use(this.spare);
      this.spare = null;
    }
    if (this.waiting.length > 0) this.refill();
  }
}
