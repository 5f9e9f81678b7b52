/**
 * SMTP load for the email bench: `concurrency` connections (nodemailer, one pooled connection each,
 * kept open across mails like an MTA's delivery session), closed loop. Connection k sends units
 * k, k + concurrency, … (email-mails.ts), each unit's mails in order, the next as soon as the previous
 * one was answered: a reply is only sent once the mail it answers was stored.
 */
import nodemailer from 'nodemailer';
import { BENCH_MAILBOX, MAILS_PER_UNIT, unitMails } from './email-mails';
import { cpuSecondsOf, Samples, sleep } from './lib';

export interface SmtpRunResult {
  /** Distinct mails answered 250 in the measuring window, per second. */
  rate: number;
  /** Latency of one mail (sendMail to its 250), in the window. */
  p50: number;
  p99: number;
  max: number;
  /** Distinct Message-IDs answered 250 in the whole run (warm-up and the last mails in flight included). */
  ok: number;
  /** Of those, per kind (email-mails.ts order). */
  okByKind: number[];
  /** Units (customers) with at least one mail answered 250. */
  units: number;
  failed: number;
  failSamples: string[];
  /** Listener process CPU (user + system, all threads) per mail answered in the window, µs. */
  serverCpuUs: number;
  /** This process's CPU (nodemailer and the mails' templating) per mail answered in the window, µs. */
  loadgenCpuUs: number;
  /** Bytes of the mails answered in the window ÷ their count. */
  meanBytes: number;
}

export interface SmtpLoadOptions {
  port: number;
  /** Keeps customers and Message-IDs distinct between runs against one database. */
  run: string;
  concurrency: number;
  warmupMs: number;
  measureMs: number;
  serverPid: number | undefined;
}

export async function smtpClosedLoop(o: SmtpLoadOptions): Promise<SmtpRunResult> {
  const lat = new Samples();
  const answered = new Set<string>();
  const okByKind = new Array<number>(MAILS_PER_UNIT).fill(0);
  const units = new Set<number>();
  const failSamples: string[] = [];
  let failed = 0;
  let inWindow = 0;
  let bytesInWindow = 0;
  let measuring = false;
  let stop = false;

  const worker = async (k: number) => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: o.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity, logger: false });
    try {
      for (let unit = k; !stop; unit += o.concurrency) {
        for (const mail of unitMails(o.run, unit)) {
          if (stop) break;
          const t0 = performance.now();
          try {
            const info = await transport.sendMail({ envelope: { from: mail.from, to: [BENCH_MAILBOX] }, raw: mail.raw });
            if (!/^250\b/.test(info.response)) throw new Error(`answered ${info.response}`);
          } catch (err) {
            failed++;
            if (failSamples.length < 3) failSamples.push(`${mail.messageId}: ${(err as Error).message}`);
            // The unit's later mails answer this one: without it they would not thread as intended.
            break;
          }
          // Sent once each, so a Message-ID answered twice cannot happen; the set makes sure it never counts twice.
          if (answered.has(mail.messageId)) continue;
          answered.add(mail.messageId);
          okByKind[mail.kind]!++;
          units.add(unit);
          if (measuring) {
            inWindow++;
            bytesInWindow += mail.raw.length;
            lat.add(performance.now() - t0);
          }
        }
      }
    } finally {
      transport.close();
    }
  };

  const workers = Array.from({ length: o.concurrency }, (_, k) => worker(k));
  await sleep(o.warmupMs);
  const cpu0 = cpuSecondsOf(o.serverPid);
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  measuring = true;
  await sleep(o.measureMs);
  measuring = false;
  const windowMs = performance.now() - t0;
  const cpuS = cpuSecondsOf(o.serverPid) - cpu0;
  const own = process.cpuUsage(own0);
  stop = true;
  await Promise.all(workers);

  const s = lat.summary();
  return {
    rate: inWindow / (windowMs / 1000),
    p50: s.p50,
    p99: s.p99,
    max: s.max,
    ok: answered.size,
    okByKind,
    units: units.size,
    failed,
    failSamples,
    serverCpuUs: (cpuS * 1e6) / Math.max(1, inWindow),
    loadgenCpuUs: (own.user + own.system) / Math.max(1, inWindow),
    meanBytes: bytesInWindow / Math.max(1, inWindow),
  };
}
