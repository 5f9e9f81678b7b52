/**
 * The email bench on one database (bench/README.md, "Email"): inbound SMTP mails per second parsed,
 * threaded and stored by a real Parley server's SMTP listener, beside a listener that only parses
 * the same mails (email-baseline.ts), and a count of what Parley stored afterwards. The two take
 * turns in short slices, so both see the same background load on a shared machine.
 */
import { join, resolve } from 'node:path';
import { boundSmtpPort } from '../packages/testkit/src/server-process';
import { BENCH_MAILBOX, KIND_NAMES, STARTS_CONVERSATION } from './email-mails';
import { type Child, fmt, fmtMs, log, sleep, spawnChild } from './lib';
import { benchPasswordHash, startParley, type ParleyServer } from './parley';
import { SmtpLoad, type SmtpRunResult } from './smtp-load';
import { dbReader } from './webhooks';

const ROOT = resolve(import.meta.dirname, '..');

export interface EmailOptions {
  /** SMTP connections sending at once. */
  concurrency: number;
  /** Per listener, before measuring. */
  warmupMs: number;
  /** Per listener, in slices of SLICE_MS. */
  measureMs: number;
}

/** Long enough that the closed loop is at its rate most of the slice; short enough to alternate often. */
const SLICE_MS = 750;

/** What Parley's database holds after the run, beside what the 250 answers promise. */
export interface StoredCheck {
  messages: number;
  distinctMessageIds: number;
  conversations: number;
  customers: number;
  attachments: number;
  expected: { messages: number; conversations: number; customers: number; attachments: number };
  ok: boolean;
}

export interface EmailResult {
  label: string;
  parley?: SmtpRunResult;
  baseline?: SmtpRunResult;
  stored?: StoredCheck;
  problems: string[];
  failures: string[];
  stopResult?: string;
}

/** One email entry point on Parley's SMTP listener, its queue, and one (offline) agent: mail queues up. */
export function emailConfig() {
  return {
    wrapupReasons: [{ id: 'resolved', label: 'Resolved' }],
    teams: [{ id: 'bench', name: 'Bench' }],
    agents: [{ id: 'm001', username: 'm001', displayName: 'Bench m001', passwordHash: benchPasswordHash('pw'), teams: ['bench'], capacity: { email: 10 } }],
    // Long timers: nothing times out during the bench.
    queues: [{ id: 'q-mail-bench', name: 'Email bench', channel: 'email', offerTimeoutSeconds: 600, maxWaitSeconds: 7 * 86400, teams: ['bench'] }],
    entryPoints: [
      {
        id: 'mail-bench',
        name: 'Email bench',
        channel: 'email',
        queue: 'q-mail-bench',
        // The outgoing relay is never used: nobody answers during the bench.
        settings: { address: BENCH_MAILBOX, inbound: 'smtp', smtpHost: '127.0.0.1', smtpPort: 25 },
      },
    ],
  };
}

let runSeq = 0;

export async function emailBench(label: string, databaseUrl: string | undefined, o: EmailOptions): Promise<EmailResult> {
  log(`--- email on ${label}: inbound SMTP parsed, threaded and stored, beside a parse-only listener`);
  const out: EmailResult = { label, problems: [], failures: [] };
  // The same mails (same run tag: same bytes) go to both listeners.
  const run = `${process.pid}x${Date.now().toString(36)}x${++runSeq}`;
  const baseline = await startBaseline();
  try {
    const server = await startParleyWithSmtp(databaseUrl);
    try {
      const loads = {
        baseline: new SmtpLoad({ port: baseline.port, run, concurrency: o.concurrency, serverPid: baseline.child.proc.pid }),
        parley: new SmtpLoad({ port: server.smtpPort, run, concurrency: o.concurrency, serverPid: server.child.proc.pid }),
      };
      try {
        await loads.baseline.slice(o.warmupMs, false);
        await loads.parley.slice(o.warmupMs, false);
        // Alternating which goes first, so neither always follows the other's leftovers.
        const rounds = Math.max(1, Math.round(o.measureMs / SLICE_MS));
        for (let i = 0; i < rounds; i++) {
          const order = i % 2 === 0 ? [loads.baseline, loads.parley] : [loads.parley, loads.baseline];
          for (const load of order) await load.slice(SLICE_MS, true);
        }
      } finally {
        await Promise.all([loads.baseline.stop(), loads.parley.stop()]);
      }
      out.baseline = loads.baseline.result();
      out.parley = loads.parley.result();
      log(describeSmtp(`parse-only SMTP listener (baseline, ${label} run)`, out.baseline));
      log(describeSmtp(`Parley ${label} inbound SMTP`, out.parley));
      out.stored = await storedCheck(server, databaseUrl, out.parley);
      log(`Parley ${label} stored: ${JSON.stringify(out.stored)}`);
      if (!out.stored.ok) out.failures.push(`${label} email: the database does not hold what the 250 answers promise: ${JSON.stringify(out.stored)}`);
    } catch (err) {
      out.failures.push(`${label} email: ${(err as Error).message}`);
    } finally {
      out.problems = server.problems();
      out.stopResult = await server.stop();
      log(`Parley stopped (${out.stopResult}); ${out.problems.length} warn/error log lines`);
    }
  } finally {
    await baseline.child.stop(5_000);
  }
  return out;
}

async function startBaseline(): Promise<{ child: Child; port: number }> {
  const child = spawnChild(['--import', 'tsx', join(ROOT, 'bench/email-baseline.ts')], { ...process.env }, ROOT);
  const started = performance.now();
  for (;;) {
    const port = Number(/READY (\d+)\n/.exec(child.output())?.[1] ?? 0);
    if (port) return { child, port };
    if (child.proc.exitCode !== null) throw new Error(`baseline listener exited:\n${child.output()}`);
    if (performance.now() - started > 30_000) {
      await child.stop(1_000);
      throw new Error('baseline listener not ready after 30 s');
    }
    await sleep(50);
  }
}

/** Parley with its SMTP listener on a port the OS picks as it binds, read back from its startup banner. */
async function startParleyWithSmtp(databaseUrl: string | undefined): Promise<ParleyServer & { smtpPort: number }> {
  const server = await startParley({ agents: 1, capacity: 10, queues: 1, conversations: 0 }, databaseUrl, emailConfig(), { PARLEY_SMTP_HOST: '127.0.0.1', PARLEY_SMTP_PORT: '0' });
  const smtpPort = boundSmtpPort(server.child.output());
  if (!smtpPort) {
    await server.stop();
    throw new Error(`Parley printed no SMTP listener:\n${server.child.output().slice(-2000)}`);
  }
  return { ...server, smtpPort };
}

/**
 * Counts Parley's email rows and compares them with the 250 answers: one message per answered mail
 * (each Message-ID once), a conversation per answered mail that starts one (the replies threaded),
 * a customer per unit, the original (`original.eml`) of every mail plus each invoice PDF as attachments.
 */
async function storedCheck(server: ParleyServer, databaseUrl: string | undefined, r: SmtpRunResult): Promise<StoredCheck> {
  const reader = await dbReader(server.dataDir, databaseUrl);
  try {
    const n = (sql: string) => reader.count(sql);
    const attachmentKind = KIND_NAMES.indexOf('attachment');
    const got = {
      messages: await n(`SELECT count(*) AS n FROM messages WHERE channel = 'email' AND direction = 'inbound'`),
      distinctMessageIds: await n(`SELECT count(DISTINCT provider_id) AS n FROM messages WHERE channel = 'email' AND direction = 'inbound'`),
      conversations: await n(`SELECT count(*) AS n FROM conversations WHERE channel = 'email'`),
      customers: await n(`SELECT count(*) AS n FROM customers WHERE channel = 'email'`),
      attachments: await n(`SELECT count(*) AS n FROM attachments`),
    };
    const expected = {
      messages: r.ok,
      conversations: r.okByKind.reduce((sum, k, kind) => sum + (STARTS_CONVERSATION[kind] ? k : 0), 0),
      customers: r.units,
      attachments: r.ok + r.okByKind[attachmentKind]!,
    };
    const ok =
      got.messages === expected.messages &&
      got.distinctMessageIds === expected.messages &&
      got.conversations === expected.conversations &&
      got.customers === expected.customers &&
      got.attachments === expected.attachments;
    return { ...got, expected, ok };
  } finally {
    await reader.close();
  }
}

export function describeSmtp(name: string, r: SmtpRunResult): string {
  const kinds = r.okByKind.map((n, k) => `${KIND_NAMES[k]} ${n}`).join(', ');
  return `${name}: ${fmt(r.rate)} mails/s answered 250, p50 ${fmtMs(r.p50)} ms, p99 ${fmtMs(r.p99)} ms, max ${fmtMs(r.max)} ms; ${r.ok} answered in all (${kinds}), ${r.failed} failed${r.failSamples.length ? ` (${r.failSamples.join(' | ')})` : ''}; CPU per mail: listener ${fmt(r.serverCpuUs)} µs, load generator ${fmt(r.loadgenCpuUs)} µs; ${fmt(r.meanBytes)} bytes per mail`;
}
