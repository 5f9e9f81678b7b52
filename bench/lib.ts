/** Small shared helpers for the benchmark: stats, concurrency, child processes, formatting. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

export { boundPort } from '../packages/testkit/src/server-process';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ stats

/** Growable list of latency samples (ms). */
export class Samples {
  private buf = new Float64Array(1 << 16);
  n = 0;
  add(v: number): void {
    if (this.n === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = v;
  }
  percentile(p: number): number {
    if (this.n === 0) return NaN;
    const s = this.buf.slice(0, this.n).sort();
    const i = Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1));
    return s[i]!;
  }
  summary(): { p50: number; p99: number; max: number; n: number } {
    if (this.n === 0) return { p50: NaN, p99: NaN, max: NaN, n: 0 };
    const s = this.buf.slice(0, this.n).sort();
    const at = (p: number) => s[Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1))]!;
    return { p50: at(50), p99: at(99), max: s[this.n - 1]!, n: this.n };
  }
}

// ------------------------------------------------------------------ concurrency

/** Runs `fn` over `items` with at most `limit` in flight; returns results in order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A counting semaphore for fire-and-forget work (e.g. accepts triggered by socket events). */
export class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.waiting.push(r));
    try {
      return await fn();
    } finally {
      const w = this.waiting.shift();
      if (w) w();
      else this.free++;
    }
  }
}

export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`${what}: timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ------------------------------------------------------------------ sockets

/** Opens a WebSocket and resolves once open (and, if `firstFrame`, once a matching frame arrived). */
export function openWs(url: string, firstFrame?: (data: string) => boolean, timeoutMs = 15_000): Promise<WebSocket> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      ws.terminate();
      fail(new Error(`WebSocket ${url.replace(/token=[^&]+/, 'token=…')}: no ${firstFrame ? 'first frame' : 'open'} within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (err?: Error) => {
      clearTimeout(timer);
      ws.off('message', onMsg);
      if (err) fail(err);
      else ok(ws);
    };
    const onMsg = (d: WebSocket.RawData) => {
      if (firstFrame?.(d.toString())) done();
    };
    ws.on('message', onMsg);
    ws.once('open', () => {
      if (!firstFrame) done();
    });
    ws.once('error', (e) => done(e));
    ws.once('close', (code, reason) => done(new Error(`WebSocket closed ${code} ${reason.toString()}`)));
  });
}

// ------------------------------------------------------------------ child processes

const children = new Set<ChildProcess>();

export interface Child {
  proc: ChildProcess;
  output: () => string;
  /** SIGTERM, then SIGKILL after `graceMs`. Resolves with the exit code/signal description. */
  stop: (graceMs?: number) => Promise<string>;
  rssMb: () => number | undefined;
}

export function spawnChild(args: string[], env: NodeJS.ProcessEnv, cwd: string): Child {
  const proc = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(proc);
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<string>((ok) =>
    proc.once('exit', (code, signal) => {
      children.delete(proc);
      ok(signal ? `signal ${signal}` : `code ${code}`);
    }),
  );
  return {
    proc,
    output: () => out,
    stop: async (graceMs = 10_000) => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.exitCode === null && proc.kill('SIGKILL'), graceMs);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
    rssMb: () => {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'));
        return m ? Number(m[1]) / 1024 : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Last-resort cleanup: kill every child this process started (by pid). */
export function killAllChildren(): void {
  for (const c of children) {
    try {
      if (c.exitCode === null) c.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/**
 * User + system CPU seconds a process has used so far (Linux /proc); NaN if unknown. All threads,
 * or with `mainThreadOnly` just its main thread (where a Node process runs its event loop).
 */
export function cpuSecondsOf(pid: number | undefined, mainThreadOnly = false): number {
  if (pid === undefined) return NaN;
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
    const stat = readFileSync(mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** USER_HZ: 100 on every Linux we run on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

// ------------------------------------------------------------------ formatting

export const fmt = (v: number | undefined, digits = 0): string =>
  v === undefined || Number.isNaN(v) ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export const fmtMs = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)].join('\n');
}

export function log(msg: string): void {
  process.stdout.write(`[bench ${(performance.now() / 1000).toFixed(1).padStart(5)}s] ${msg}\n`);
}
