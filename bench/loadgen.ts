/**
 * The one load generator used for the bare relay and for Parley.
 *
 * Conversation i has a customer socket (sends `{type:'message', clientId, text}`) and is read on
 * agent socket `agentOf(i)`. The text carries the run id, the conversation and the send time, so
 * the receiver needs no lookup: `bm <run> <conv> <t>`. The receiver finds the text with a string
 * search (no JSON.parse), which costs the same for the bare relay's frame and Parley's
 * `{type:'event', event:{type:'message.created', message:{…, text}}}`.
 *
 * - closed loop (saturation): every conversation keeps `window` messages in flight; each arrival
 *   at the agent sends the next one. Throughput = arrivals per second in the measuring window.
 * - open loop (paced): messages leave at a fixed total rate whatever happens to them; latency is
 *   measured from the *intended* send time, so a stalled server can't hide (no coordinated omission).
 */
import type WebSocket from 'ws';
import { cpuSecondsOf, Samples, sleep } from './lib';

export interface Topology {
  customers: WebSocket[];
  agents: WebSocket[];
  /** The server's process id, to read its CPU time (all threads) during the window. */
  serverPid?: number | undefined;
}

export interface RunResult {
  mode: 'closed' | 'open';
  /** Arrivals per second at the agent sockets in the measuring window. */
  rate: number;
  /** Sends per second in the measuring window (open loop: the achieved pacing). */
  sendRate: number;
  targetRate?: number;
  p50: number;
  p99: number;
  max: number;
  samples: number;
  sent: number;
  received: number;
  /** Sent but never arrived by the end of the drain. */
  lost: number;
  /** Error frames seen on customer sockets during the run (Parley answers `{type:'error'}`). */
  errors: number;
  errorSamples: string[];
  closedSockets: number;
  /** CPU time per message received in the window (µs, user + system, all threads). */
  cpuPerMsg: { server: number; serverMainThread: number; loadgen: number };
}

const TEXT_KEY = '"text":"bm ';

export class LoadGen {
  private run = 0;
  private inflight: Int32Array;
  private closedLoop = false;
  private sending = false;
  private window = 1;
  private measuring = false;
  private lat = new Samples();
  private recvInWindow = 0;
  private sentInWindow = 0;
  private sent = 0;
  private received = 0;
  private errors = 0;
  private errorSamples: string[] = [];
  private closed = 0;
  private seq = 0;
  private cpuAtStart = { server: 0, serverMainThread: 0, loadgen: 0 };
  private cpuInWindow = { server: 0, serverMainThread: 0, loadgen: 0 };

  constructor(private topo: Topology) {
    this.inflight = new Int32Array(topo.customers.length);
    for (const a of topo.agents) {
      a.on('message', (d: Buffer) => this.onAgentFrame(d.toString()));
      a.on('close', () => this.closed++);
    }
    for (const c of topo.customers) {
      c.on('message', (d: Buffer) => {
        // Parley acks every message; only look closer at errors (cheap prefix test).
        if (d.length > 14 && d[9] === 0x65 /* e */ && d.toString('utf8', 0, 16) === '{"type":"error",') {
          this.errors++;
          if (this.errorSamples.length < 5) this.errorSamples.push(d.toString().slice(0, 300));
        }
      });
      c.on('close', () => this.closed++);
    }
  }

  private send(i: number, t: number): void {
    const ws = this.topo.customers[i]!;
    if (ws.readyState !== 1) return;
    ws.send(`{"type":"message","clientId":"b${this.run}-${++this.seq}","text":"bm ${this.run} ${i} ${t}"}`);
    this.inflight[i]!++;
    this.sent++;
    if (this.measuring) this.sentInWindow++;
  }

  private onAgentFrame(s: string): void {
    const k = s.indexOf(TEXT_KEY);
    if (k < 0) return;
    const end = s.indexOf('"', k + TEXT_KEY.length);
    const parts = s.slice(k + TEXT_KEY.length, end).split(' ');
    if (Number(parts[0]) !== this.run) return; // a straggler from an earlier run
    const i = Number(parts[1]);
    const now = performance.now();
    this.inflight[i]!--;
    this.received++;
    if (this.measuring) {
      this.recvInWindow++;
      this.lat.add(now - Number(parts[2]));
    }
    if (this.closedLoop && this.sending) {
      while (this.inflight[i]! < this.window) this.send(i, performance.now());
    }
  }

  private cpuNow(): { server: number; serverMainThread: number; loadgen: number } {
    const u = process.cpuUsage();
    const pid = this.topo.serverPid;
    return { server: cpuSecondsOf(pid), serverMainThread: cpuSecondsOf(pid, true), loadgen: (u.user + u.system) / 1e6 };
  }

  private startWindow(): void {
    this.measuring = true;
    this.cpuAtStart = this.cpuNow();
  }

  private endWindow(): void {
    this.measuring = false;
    const now = this.cpuNow();
    const was = this.cpuAtStart;
    this.cpuInWindow = { server: now.server - was.server, serverMainThread: now.serverMainThread - was.serverMainThread, loadgen: now.loadgen - was.loadgen };
  }

  private reset(): void {
    this.run++;
    this.inflight.fill(0);
    this.lat = new Samples();
    this.recvInWindow = this.sentInWindow = this.sent = this.received = this.errors = this.closed = 0;
    this.errorSamples = [];
  }

  /** Closed loop: `window` messages in flight per conversation. */
  async saturate(opts: { window: number; warmupMs: number; measureMs: number; drainMs: number }): Promise<RunResult> {
    this.reset();
    this.closedLoop = true;
    this.window = opts.window;
    this.sending = true;
    for (let i = 0; i < this.inflight.length; i++) for (let w = 0; w < opts.window; w++) this.send(i, performance.now());
    await sleep(opts.warmupMs);
    const t0 = performance.now();
    this.startWindow();
    await sleep(opts.measureMs);
    this.endWindow();
    const secs = (performance.now() - t0) / 1000;
    this.sending = false;
    return this.finish('closed', secs, opts.drainMs);
  }

  /** Open loop at `rate` messages/s in total, round-robin over the conversations. */
  async paced(opts: { rate: number; warmupMs: number; measureMs: number; drainMs: number }): Promise<RunResult> {
    this.reset();
    this.closedLoop = false;
    const n = this.inflight.length;
    const interval = 1000 / opts.rate;
    const start = performance.now();
    const endAt = start + opts.warmupMs + opts.measureMs;
    let k = 0;
    let t0 = 0;
    let secs = 0;
    await new Promise<void>((done) => {
      const tick = () => {
        const now = performance.now();
        if (!this.measuring && t0 === 0 && now - start >= opts.warmupMs) {
          this.startWindow();
          t0 = now;
        }
        if (now >= endAt) {
          this.endWindow();
          secs = (now - t0) / 1000;
          return done();
        }
        // Everything due by now leaves now, stamped with the time it was due.
        for (let due = start + k * interval; due <= now; due = start + k * interval) {
          this.send(k % n, due);
          k++;
        }
        setTimeout(tick, 1);
      };
      tick();
    });
    const r = await this.finish('open', secs, opts.drainMs);
    r.targetRate = opts.rate;
    return r;
  }

  private async finish(mode: 'closed' | 'open', secs: number, drainMs: number): Promise<RunResult> {
    const drainEnd = performance.now() + drainMs;
    while (this.sent > this.received && performance.now() < drainEnd) await sleep(20);
    const s = this.lat.summary();
    return {
      mode,
      rate: this.recvInWindow / secs,
      sendRate: this.sentInWindow / secs,
      p50: s.p50,
      p99: s.p99,
      max: s.max,
      samples: s.n,
      sent: this.sent,
      received: this.received,
      lost: this.sent - this.received,
      errors: this.errors,
      errorSamples: this.errorSamples,
      closedSockets: this.closed,
      cpuPerMsg: {
        server: (this.cpuInWindow.server / Math.max(1, this.recvInWindow)) * 1e6,
        serverMainThread: (this.cpuInWindow.serverMainThread / Math.max(1, this.recvInWindow)) * 1e6,
        loadgen: (this.cpuInWindow.loadgen / Math.max(1, this.recvInWindow)) * 1e6,
      },
    };
  }
}
