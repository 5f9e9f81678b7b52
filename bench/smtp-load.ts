/**
 * SMTP load for the email bench: `concurrency` connections (nodemailer, one pooled connection each,
 * kept open across mails like an MTA's delivery session), closed loop while its gate is open.
 * Connection k sends units k, k + concurrency, … (email-mails.ts), each unit's mails in order, the
 * next as soon as the previous one was answered: a reply is only sent once the mail it answers was
 * stored.
 *
 * Time slices (`slice`) let two listeners take turns on one machine — Parley and its baseline —
 * so both halves of a ratio see the same background load: a slice opens the gate, closes it after
 * its time, and waits until the mails in flight are answered; it counts the mails sent in it.
 */
import nodemailer from 'nodemailer';
import { BENCH_MAILBOX, MAILS_PER_UNIT, unitMails } from './email-mails';
import { cpuSecondsOf, Samples, sleep } from './lib';

export interface SmtpRunResult {
  /** Distinct mails sent in the measured slices and answered 250, per second of those slices. */
  rate: number;
  /** Latency of one mail (sendMail to its 250), in the measured slices. */
  p50: number;
  p99: number;
  max: number;
  /** Distinct Message-IDs answered 250 in the whole run (warm-up included). */
  ok: number;
  /** Of those, per kind (email-mails.ts order). */
  okByKind: number[];
  /** Units (customers) with at least one mail answered 250. */
  units: number;
  failed: number;
  failSamples: string[];
  /** Listener process CPU (user + system, all threads) per mail counted, µs (each slice until its last mail was answered). */
  serverCpuUs: number;
  /** This process's CPU (nodemailer and the mails' templating) per mail answered in them, µs. */
  loadgenCpuUs: number;
  /** Bytes of the mails answered in the measured slices ÷ their count. */
  meanBytes: number;
  /** Measured time, ms (the sum of the slices, each until its gate closed). */
  measuredMs: number;
}

export interface SmtpLoadOptions {
  port: number;
  /** Keeps customers and Message-IDs distinct between runs against one database. */
  run: string;
  concurrency: number;
  /** The listener's process, for its CPU time. */
  serverPid: number | undefined;
}

export class SmtpLoad {
  private readonly lat = new Samples();
  private readonly answered = new Set<string>();
  private readonly okByKind = new Array<number>(MAILS_PER_UNIT).fill(0);
  private readonly units = new Set<number>();
  private readonly failSamples: string[] = [];
  private failed = 0;
  private counted = 0;
  private bytes = 0;
  private measuredMs = 0;
  private cpuS = 0;
  private ownCpuUs = 0;
  private measuring = false;
  private inFlight = 0;
  private stopped = false;
  /** Resolves when the gate opens; null while it is open. */
  private gate: { opened: Promise<void>; open: () => void } | null = closedGate();
  private idle: (() => void) | undefined;
  private readonly workers: Promise<void>[];

  constructor(private readonly o: SmtpLoadOptions) {
    this.workers = Array.from({ length: o.concurrency }, (_, k) => this.worker(k));
  }

  /** Runs the closed loop for `ms`, then waits for the mails in flight; counts them if `measure`. */
  async slice(ms: number, measure: boolean): Promise<void> {
    const cpu0 = cpuSecondsOf(this.o.serverPid);
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    this.measuring = measure;
    const gate = this.gate;
    this.gate = null;
    gate?.open();
    await sleep(ms);
    this.gate = closedGate();
    const closedAt = performance.now();
    if (this.inFlight > 0) await new Promise<void>((r) => (this.idle = r));
    this.measuring = false;
    if (!measure) return;
    // Mails sent in [t0, closedAt] over that time: with `concurrency` mails always in flight this is
    // the closed loop's rate (the first answers come one latency late; as many are answered after the close).
    this.measuredMs += closedAt - t0;
    this.cpuS += cpuSecondsOf(this.o.serverPid) - cpu0;
    const own = process.cpuUsage(own0);
    this.ownCpuUs += own.user + own.system;
  }

  /** Ends the workers (the gate opens for them to see it) and closes their connections. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.gate?.open();
    this.gate = null;
    await Promise.all(this.workers);
  }

  result(): SmtpRunResult {
    const s = this.lat.summary();
    const per = Math.max(1, this.counted);
    return {
      rate: this.counted / (Math.max(1, this.measuredMs) / 1000),
      p50: s.p50,
      p99: s.p99,
      max: s.max,
      ok: this.answered.size,
      okByKind: [...this.okByKind],
      units: this.units.size,
      failed: this.failed,
      failSamples: this.failSamples,
      serverCpuUs: (this.cpuS * 1e6) / per,
      loadgenCpuUs: this.ownCpuUs / per,
      meanBytes: this.bytes / per,
      measuredMs: this.measuredMs,
    };
  }

  private async worker(k: number): Promise<void> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: this.o.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity, logger: false });
    try {
      for (let unit = k; ; unit += this.o.concurrency) {
        for (const mail of unitMails(this.o.run, unit)) {
          while (this.gate && !this.stopped) await this.gate.opened;
          if (this.stopped) return;
          this.inFlight++;
          const measured = this.measuring;
          const t0 = performance.now();
          let ok = true;
          try {
            const info = await transport.sendMail({ envelope: { from: mail.from, to: [BENCH_MAILBOX] }, raw: mail.raw });
            if (!/^250\b/.test(info.response)) throw new Error(`answered ${info.response}`);
          } catch (err) {
            ok = false;
            this.failed++;
            if (this.failSamples.length < 3) this.failSamples.push(`${mail.messageId}: ${(err as Error).message}`);
          }
          // Sent once each, so a Message-ID answered twice cannot happen; the set makes sure it never counts twice.
          if (ok && !this.answered.has(mail.messageId)) {
            this.answered.add(mail.messageId);
            this.okByKind[mail.kind]!++;
            this.units.add(unit);
            if (measured) {
              this.counted++;
              this.bytes += mail.raw.length;
              this.lat.add(performance.now() - t0);
            }
          }
          if (--this.inFlight === 0 && this.gate) this.idle?.();
          // The unit's later mails answer this one: without it they would not thread as intended.
          if (!ok) break;
        }
      }
    } finally {
      transport.close();
    }
  }
}

function closedGate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}
