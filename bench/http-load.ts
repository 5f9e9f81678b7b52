/**
 * HTTP load for the channel benchmarks: keep-alive `node:http` POSTs, closed loop (saturation) and
 * open loop (paced, latency from the intended send time so a stall cannot hide).
 */
import { Agent, request } from 'node:http';
import { cpuSecondsOf, Samples, sleep } from './lib';

export interface HttpRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface HttpRunResult {
  /** 2xx answers per second in the measuring window. */
  rate: number;
  targetRate?: number;
  p50: number;
  p99: number;
  max: number;
  /** Requests started in total (warm-up, window and drain). */
  sent: number;
  ok: number;
  /** Answers that were not 2xx, and transport errors; with a few samples. */
  failed: number;
  failSamples: string[];
  /** Server CPU time (user + system, all threads) per 2xx answer in the window, µs. */
  serverCpuUs: number;
  /** Open loop: how late requests left the load generator (p99, ms): its own stalls, not the server's. */
  sendLagP99?: number;
}

export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

/** One POST; resolves with the status and body (never rejects: a transport error is status 0). */
export function post(agent: Agent, base: URL, req: HttpRequest): Promise<{ status: number; body: string }> {
  return new Promise((ok) => {
    const r = request(
      { agent, host: base.hostname, port: base.port, method: 'POST', path: req.path, headers: { ...req.headers, 'content-length': String(req.body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', (err) => ok({ status: 0, body: String(err) }));
      },
    );
    r.on('error', (err) => ok({ status: 0, body: String(err) }));
    r.end(req.body);
  });
}

class Tally {
  lat = new Samples();
  lag = new Samples();
  okInWindow = 0;
  ok = 0;
  failed = 0;
  failSamples: string[] = [];
  sent = 0;
  measuring = false;

  /** `counted`: whether it belongs to the measuring window (closed loop: answered in it; open loop: due in it). */
  record(status: number, body: string, latencyMs: number, counted = this.measuring): void {
    if (status >= 200 && status < 300) {
      this.ok++;
      if (counted) {
        this.okInWindow++;
        this.lat.add(latencyMs);
      }
    } else {
      this.failed++;
      if (this.failSamples.length < 3) this.failSamples.push(`${status} ${body.slice(0, 200)}`);
    }
  }

  result(windowMs: number, serverCpuS: number, targetRate?: number): HttpRunResult {
    const s = this.lat.summary();
    return {
      rate: this.okInWindow / (windowMs / 1000),
      targetRate,
      p50: s.p50,
      p99: s.p99,
      max: s.max,
      sent: this.sent,
      ok: this.ok,
      failed: this.failed,
      failSamples: this.failSamples,
      serverCpuUs: (serverCpuS * 1e6) / Math.max(1, this.okInWindow),
      ...(this.lag.n > 0 && { sendLagP99: this.lag.percentile(99) }),
    };
  }
}

/** Measures `measureMs` after `warmupMs` and returns the window's length and the server CPU it used. */
async function window(t: Tally, warmupMs: number, measureMs: number, serverPid: number | undefined): Promise<{ ms: number; cpuS: number }> {
  await sleep(warmupMs);
  const cpu0 = cpuSecondsOf(serverPid);
  const t0 = performance.now();
  t.measuring = true;
  await sleep(measureMs);
  t.measuring = false;
  return { ms: performance.now() - t0, cpuS: cpuSecondsOf(serverPid) - cpu0 };
}

export interface LoadOptions {
  base: URL;
  /** The i-th request of this run (each distinct). */
  make: (i: number) => HttpRequest;
  warmupMs: number;
  measureMs: number;
  serverPid?: number | undefined;
}

/** Closed loop: `concurrency` requests always in flight; each answer starts the next. */
export async function closedLoop(o: LoadOptions & { concurrency: number }): Promise<HttpRunResult> {
  const agent = keepAliveAgent(o.concurrency);
  const t = new Tally();
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const req = o.make(t.sent++);
      const t0 = performance.now();
      const r = await post(agent, o.base, req);
      t.record(r.status, r.body, performance.now() - t0);
    }
  };
  const workers = Array.from({ length: o.concurrency }, worker);
  const w = await window(t, o.warmupMs, o.measureMs, o.serverPid);
  stop = true;
  await Promise.all(workers);
  agent.destroy();
  return t.result(w.ms, w.cpuS);
}

/**
 * Open loop: requests leave at `rate` per second whatever happened to earlier ones (up to
 * `maxSockets` connections; beyond that they wait in the client, and that wait counts).
 */
export async function openLoop(o: LoadOptions & { rate: number; maxSockets?: number }): Promise<HttpRunResult> {
  const agent = keepAliveAgent(o.maxSockets ?? 512);
  const t = new Tally();
  const pending = new Set<Promise<void>>();
  const interval = 1000 / o.rate;
  const start = performance.now();
  let stop = false;
  const pacer = (async () => {
    while (!stop) {
      // Every request due by now leaves now; latency counts from when it was due.
      const due = start + t.sent * interval;
      const now = performance.now();
      if (due > now) {
        await sleep(Math.max(1, due - now));
        continue;
      }
      const req = o.make(t.sent++);
      const counted = t.measuring;
      if (counted) t.lag.add(now - due);
      const p: Promise<void> = post(agent, o.base, req).then((r) => {
        t.record(r.status, r.body, performance.now() - due, counted);
        pending.delete(p);
      });
      pending.add(p);
      if (t.sent % 32 === 0) await new Promise<void>((r) => setImmediate(r));
    }
  })();
  const w = await window(t, o.warmupMs, o.measureMs, o.serverPid);
  stop = true;
  await pacer;
  await Promise.all(pending);
  agent.destroy();
  return t.result(w.ms, w.cpuS, o.rate);
}
