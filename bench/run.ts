/**
 * `npm run bench`: Parley's performance figures, each beside a same-run baseline. See bench/README.md.
 *
 * Env (all optional):
 *   PARLEY_BENCH_DATABASE_URL  postgres://… — also run the end-to-end part on PostgreSQL (a fresh
 *                              database is created next to the named one and dropped afterwards)
 *   BENCH_AGENTS (100) BENCH_CAPACITY (10) BENCH_CONVERSATIONS (agents × capacity) BENCH_QUEUES (1)
 *   BENCH_MEASURE_MS (6000)    length of each measuring window
 *   BENCH_QUICK=1              smaller and shorter (smoke run)
 *   BENCH_WEBHOOK_CONCURRENCY (32) signed webhook POSTs in flight (closed loop)
 *   BENCH_OUTBOX_AGENTS (20) BENCH_OUTBOX_CAPACITY (100): agent replies drained by the outbox = their product
 *   BENCH_EMAIL_CONCURRENCY (16) SMTP connections sending mail at once; BENCH_EMAIL_MEASURE_MS (3000)
 *
 *   BENCH_SUP_AGENTS (1000) BENCH_SUP_CONVERSATIONS (10000) BENCH_SUP_RATE (30 events/s)
 *   BENCH_SUP_MEASURE_MS (20000)  the supervisor view's floor, event stream and window
 *
 * `tsx bench/run.ts email` runs the email part alone (both databases); `tsx bench/run.ts supervisor`
 * (`npm run bench -- supervisor`) the supervisor view alone. Exit code 1 when the supervisor view
 * misses its target (event → screen p99 < 1 s) or the bench could not run.
 */
import { decisionCost, engineOffersPerSec, storageBaseline, type DecisionCost } from './routing-cost';
import { LoadGen, type RunResult } from './loadgen';
import { freshPostgres, setUpParley, startBareRelay, startParley, type ParleyShape, type RoutingResult } from './parley';
import { fmt, fmtMs, killAllChildren, log, table } from './lib';
import { channelBench, type ChannelsOptions, type ChannelsResult } from './channels';
import { emailBench, type EmailOptions, type EmailResult } from './email';
import { supervisorRun, type SupervisorRun } from './supervisor';
import { supervisorFailures, supervisorRows } from './supervisor-report';
import type { LiveOptions } from './supervisor-live';

const env = process.env;
const QUICK = env.BENCH_QUICK === '1';
const agents = Number(env.BENCH_AGENTS ?? (QUICK ? 20 : 100));
const capacity = Number(env.BENCH_CAPACITY ?? 10);
const shape: ParleyShape = {
  agents,
  capacity,
  queues: Number(env.BENCH_QUEUES ?? 1),
  conversations: Math.min(Number(env.BENCH_CONVERSATIONS ?? agents * capacity), agents * capacity),
};
const MEASURE_MS = Number(env.BENCH_MEASURE_MS ?? (QUICK ? 2000 : 6000));
const WARMUP_MS = QUICK ? 500 : 1500;
const DRAIN_MS = 15_000;
/** Closed loop: messages in flight per conversation. */
const WINDOW = Number(process.env.BENCH_WINDOW ?? 1);
const P99_TARGET_MS = 50;
const RATIO_TARGET = 0.3;
const SIZES = QUICK ? [10, 100, 1_000, 10_000] : [10, 100, 1_000, 10_000, 100_000];
const WATCHDOG_MS = 720_000;
const WEBHOOK_RATIO_TARGET = 0.5;
const channelOptions: ChannelsOptions = {
  concurrency: Number(env.BENCH_WEBHOOK_CONCURRENCY ?? 32),
  warmupMs: WARMUP_MS,
  measureMs: MEASURE_MS,
  agents: Number(env.BENCH_OUTBOX_AGENTS ?? (QUICK ? 5 : 20)),
  capacity: Number(env.BENCH_OUTBOX_CAPACITY ?? (QUICK ? 40 : 100)),
};

const EMAIL_RATIO_TARGET = 0.25;
const emailOptions: EmailOptions = {
  concurrency: Number(env.BENCH_EMAIL_CONCURRENCY ?? 16),
  warmupMs: QUICK ? 500 : 1000,
  measureMs: Number(env.BENCH_EMAIL_MEASURE_MS ?? (QUICK ? 2000 : 3000)),
};
/** `tsx bench/run.ts email`: only that part. */
const ONLY_EMAIL = process.argv[2] === 'email';
/** `tsx bench/run.ts supervisor`: only that part. */
const ONLY_SUPERVISOR = process.argv[2] === 'supervisor';
const supShape = { agents: Number(env.BENCH_SUP_AGENTS ?? 1000), conversations: Number(env.BENCH_SUP_CONVERSATIONS ?? 10_000) };
const supLive: LiveOptions = { rate: Number(env.BENCH_SUP_RATE ?? 30), warmupMs: QUICK ? 1000 : 3000, measureMs: Number(env.BENCH_SUP_MEASURE_MS ?? (QUICK ? 5000 : 20_000)) };

interface E2E {
  label: string;
  routing: RoutingResult;
  sat: RunResult;
  paced: RunResult;
  barePaced: RunResult;
  storage: number;
  rssMb: number | undefined;
  problems: string[];
  stopResult: string;
}

const results: { bareSat?: RunResult; engineOffers?: number; e2e: E2E[]; channels: ChannelsResult[]; email: EmailResult[]; supervisor: SupervisorRun[]; costs: DecisionCost[]; failures: string[] } = {
  e2e: [],
  supervisor: [],
  channels: [],
  email: [],
  costs: [],
  failures: [],
};

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function describeRun(name: string, r: RunResult): string {
  const extra = [
    r.lost ? `${r.lost} lost` : '',
    r.errors ? `${r.errors} error frames` : '',
    r.closedSockets ? `${r.closedSockets} sockets closed` : '',
  ].filter(Boolean);
  return `${name}: ${fmt(r.rate)} msg/s received${r.targetRate ? ` (target ${fmt(r.targetRate)}, sent ${fmt(r.sendRate)})` : ''}, p50 ${fmtMs(r.p50)} ms, p99 ${fmtMs(r.p99)} ms, max ${fmtMs(r.max)} ms, ${r.sent} sent; CPU per message: server ${fmt(r.cpuPerMsg.server, 1)} µs (main thread ${fmt(r.cpuPerMsg.serverMainThread, 1)}), load generator ${fmt(r.cpuPerMsg.loadgen, 1)} µs${extra.length ? ', ' + extra.join(', ') : ''}`;
}

async function bareRelay<T>(fn: (lg: LoadGen) => Promise<T>): Promise<T> {
  const relay = await startBareRelay(shape.agents, shape.conversations);
  try {
    return await fn(new LoadGen(relay.topology));
  } finally {
    await relay.stop();
  }
}

/**
 * `storageUrl`: where the storage-path baseline writes. Never the server's database: its event
 * numbers would collide with the ones the server hands out (SQLite: undefined, a temp file).
 */
async function endToEnd(label: string, databaseUrl: string | undefined, storageUrl?: string): Promise<void> {
  log(`--- Parley end to end on ${label}`);
  let storage = NaN;
  try {
    storage = (await storageBaseline(QUICK ? 5000 : 20_000, storageUrl)).messagesPerSec;
    log(`storage path alone (${label}): ${fmt(storage)} msg/s`);
  } catch (err) {
    results.failures.push(`${label} storage baseline: ${(err as Error).message}`);
  }
  const server = await startParley(shape, databaseUrl);
  const e2e: Partial<E2E> = { label, storage };
  try {
    const fx = await setUpParley(server, shape);
    e2e.routing = fx.routing;
    try {
      const lg = new LoadGen(fx.topology);
      const sat = await lg.saturate({ window: WINDOW, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, drainMs: DRAIN_MS });
      log(describeRun(`Parley ${label} saturation`, sat));
      e2e.sat = sat;
      e2e.rssMb = server.child.rssMb();
      const rate = Math.max(1, Math.round(sat.rate / 2));
      const paced = await lg.paced({ rate, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, drainMs: DRAIN_MS });
      log(describeRun(`Parley ${label} paced`, paced));
      e2e.paced = paced;
    } finally {
      fx.close();
    }
  } finally {
    e2e.problems = server.problems();
    e2e.stopResult = await server.stop();
    log(`Parley stopped (${e2e.stopResult}); ${e2e.problems.length} warn/error log lines`);
  }
  if (e2e.paced) {
    const rate = e2e.paced.targetRate!;
    e2e.barePaced = await bareRelay((lg) => lg.paced({ rate, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, drainMs: DRAIN_MS }));
    log(describeRun(`bare relay paced at the same rate`, e2e.barePaced));
  }
  results.e2e.push(e2e as E2E);
}

/** The channel figures (bench/channels.ts): webhooks vs raw inserts, paced latency, outbox vs direct sends. */
function channelRows(): string[][] {
  const rows: string[][] = [];
  for (const c of results.channels) {
    const L = `Parley ${c.label}`;
    if (c.sat) {
      const r = c.raw ? ratio(c.sat.rate, c.raw.perSec) : NaN;
      rows.push([
        `${L}: signed WhatsApp webhooks stored + routed (${channelOptions.concurrency} in flight)`,
        `${fmt(c.sat.rate)} /s`,
        c.raw ? `${fmt(c.raw.perSec)} /s (raw inserts, same rows)` : '–',
        c.raw ? `${fmt(r, 3)} ${pass(r >= WEBHOOK_RATIO_TARGET)} (≥${WEBHOOK_RATIO_TARGET})` : '–',
        `p50 ${fmtMs(c.sat.p50)} / p99 ${fmtMs(c.sat.p99)} ms; CPU/webhook: server ${fmt(c.sat.serverCpuUs)} µs, raw inserts ${fmt(c.raw?.cpuUs)} µs`,
      ]);
    }
    if (c.paced) {
      rows.push([
        `${L}: webhooks paced at ${fmt(c.paced.targetRate)} /s (½ peak)`,
        `p50 ${fmtMs(c.paced.p50)} / p99 ${fmtMs(c.paced.p99)} ms`,
        '–',
        '–',
        `answer p99 < ${P99_TARGET_MS} ms: ${pass(c.paced.p99 < P99_TARGET_MS)}; load generator late ≤ ${fmtMs(c.paced.sendLagP99)} ms (p99)`,
      ]);
    }
    if (c.outbox) {
      rows.push([
        `${L}: outbox provider requests (WhatsApp, worker concurrency 16)`,
        `${fmt(c.outbox.requestsPerSec)} /s`,
        c.directSendsPerSec ? `${fmt(c.directSendsPerSec)} /s (same requests, direct)` : '–',
        fmt(ratio(c.outbox.requestsPerSec, c.directSendsPerSec ?? NaN), 3),
        `${fmt(c.outbox.replies)} accepted conversations × (joined notice + reply) = ${fmt(c.outbox.sends)} sends; ${fmt(c.outbox.repliesPerSec)} replies/s; server ${fmt(c.outbox.serverCpuUsPerSend)} µs CPU/request`,
      ]);
    }
  }
  return rows;
}

/** The email figure (bench/email.ts): inbound SMTP parsed + threaded + stored vs parsed only. */
function emailRows(): string[][] {
  return results.email
    .filter((m) => m.parley)
    .map((m) => {
      const p = m.parley!;
      const r = m.baseline ? ratio(p.rate, m.baseline.rate) : NaN;
      return [
        `Parley ${m.label}: inbound SMTP mails parsed + threaded + stored (${emailOptions.concurrency} connections)`,
        `${fmt(p.rate)} /s`,
        m.baseline ? `${fmt(m.baseline.rate)} /s (parse-only listener, same mails)` : '–',
        m.baseline ? `${fmt(r, 3)} ${pass(r >= EMAIL_RATIO_TARGET)} (≥${EMAIL_RATIO_TARGET})` : '–',
        `p50 ${fmtMs(p.p50)} / p99 ${fmtMs(p.p99)} ms; CPU/mail: Parley ${fmt(p.serverCpuUs)} µs, baseline ${fmt(m.baseline?.serverCpuUs)} µs, load generator ${fmt(p.loadgenCpuUs)} µs; stored ${m.stored ? (m.stored.ok ? `= answered (${fmt(m.stored.messages)})` : 'MISMATCH') : '–'}`,
      ];
    });
}

function report(): void {
  const out: string[] = [];
  const bare = results.bareSat;
  const title = ONLY_EMAIL
    ? `## Parley bench (email only) — ${emailOptions.concurrency} SMTP connections, loopback, ${emailOptions.measureMs / 1000} s windows`
    : ONLY_SUPERVISOR
    ? `## Parley bench (supervisor view only) — ${supShape.agents} agents, ${supShape.conversations} open conversations, ${supLive.rate} events/s, ${supLive.measureMs / 1000} s window`
    : `## Parley bench — ${shape.agents} agents × webchat capacity ${shape.capacity}, ${shape.queues} queue(s), ${shape.conversations} conversations, loopback, ${MEASURE_MS / 1000} s windows`;
  out.push('', title, '');
  const rows: string[][] = [];
  if (bare) rows.push(['bare ws relay: saturation', `${fmt(bare.rate)} msg/s`, '–', '–', `p50 ${fmtMs(bare.p50)} / p99 ${fmtMs(bare.p99)} ms`]);
  for (const e of results.e2e) {
    const L = `Parley ${e.label}`;
    if (e.routing) {
      rows.push([
        `${L}: routing (offers/s)`,
        fmt(e.routing.offersPerSec),
        `${fmt(results.engineOffers)} (engine in-process)`,
        fmt(ratio(e.routing.offersPerSec, results.engineOffers ?? NaN), 3),
        `offer p50 ${fmtMs(e.routing.offerLatency.p50)} / p99 ${fmtMs(e.routing.offerLatency.p99)} ms`,
      ]);
    }
    if (e.sat && bare) {
      const r = ratio(e.sat.rate, bare.rate);
      rows.push([
        `${L}: relay saturation`,
        `${fmt(e.sat.rate)} msg/s`,
        `${fmt(bare.rate)} msg/s (bare)`,
        `${fmt(r, 3)} ${pass(r >= RATIO_TARGET)} (≥${RATIO_TARGET})`,
        `p50 ${fmtMs(e.sat.p50)} / p99 ${fmtMs(e.sat.p99)} ms`,
      ]);
    }
    if (e.paced) {
      const bp = e.barePaced;
      rows.push([
        `${L}: paced at ${fmt(e.paced.targetRate)} msg/s (½ peak)`,
        `p50 ${fmtMs(e.paced.p50)} / p99 ${fmtMs(e.paced.p99)} ms`,
        bp ? `p50 ${fmtMs(bp.p50)} / p99 ${fmtMs(bp.p99)} ms (bare)` : '–',
        bp ? fmt(ratio(e.paced.p99, bp.p99), 1) + '× p99' : '–',
        `p99 < ${P99_TARGET_MS} ms: ${pass(e.paced.p99 < P99_TARGET_MS)}`,
      ]);
    }
    if (!Number.isNaN(e.storage) && bare) {
      rows.push([`${L}: storage path alone (no network)`, `${fmt(e.storage)} msg/s`, `${fmt(bare.rate)} msg/s (bare)`, fmt(ratio(e.storage, bare.rate), 3), 'ceiling for the relay']);
    }
  }
  rows.push(...channelRows(), ...emailRows(), ...supervisorRows(results.supervisor));
  out.push(table(['figure', 'Parley', 'baseline (same run)', 'ratio', 'notes'], rows), '');

  if (results.costs.length) {
    const base = results.costs[0]!;
    out.push('Routing-decision cost vs waiting-queue size (pure RoutingEngine, in-process, µs):', '');
    out.push(
      table(
        ['waiting', 'decision µs', '× vs 10', 'enqueue µs', '× vs 10', 'full cycle µs', 'agent→offline µs', '× vs 10'],
        results.costs.map((c) => [
          fmt(c.waiting),
          fmt(c.decisionUs, 2),
          fmt(c.decisionUs / base.decisionUs, 2),
          fmt(c.enqueueUs, 2),
          fmt(c.enqueueUs / base.enqueueUs, 2),
          fmt(c.cycleUs, 2),
          fmt(c.offlineUs, 1),
          fmt(c.offlineUs / base.offlineUs, 0),
        ]),
      ),
      '',
    );
    const worst = Math.max(...results.costs.map((c) => c.decisionUs / base.decisionUs));
    out.push(`decision cost at ${fmt(results.costs.at(-1)!.waiting)} waiting is ${fmt(worst, 2)}× the 10-waiting cost (near-constant if ≲ 2–3×; linear would be ${fmt(results.costs.at(-1)!.waiting / 10)}×)`, '');
  }

  const notes: string[] = [];
  for (const e of results.e2e) {
    for (const [n, r] of [['saturation', e.sat], ['paced', e.paced]] as const) {
      if (r && (r.lost || r.errors || r.closedSockets)) notes.push(`Parley ${e.label} ${n}: ${r.lost} lost, ${r.errors} error frames, ${r.closedSockets} sockets closed ${r.errorSamples.join(' | ')}`);
    }
    if (e.routing?.acceptErrors.length) notes.push(`Parley ${e.label} accept errors: ${e.routing.acceptErrors.join(' | ')}`);
    if (e.problems?.length) notes.push(`Parley ${e.label} server logged ${e.problems.length} warn/error lines, first: ${e.problems.slice(0, 3).join(' || ').slice(0, 800)}`);
    if (e.rssMb) notes.push(`Parley ${e.label} server RSS after saturation: ${fmt(e.rssMb)} MB`);
    if (e.stopResult && e.stopResult !== 'code 0') notes.push(`Parley ${e.label} server exit: ${e.stopResult}`);
  }
  for (const c of results.channels) {
    for (const [n, r] of [['webhook saturation', c.sat], ['webhooks paced', c.paced]] as const) {
      if (r?.failed) notes.push(`Parley ${c.label} ${n}: ${r.failed} answers not 2xx: ${r.failSamples.join(' | ')}`);
    }
    if (c.rowsPerWebhook) notes.push(`Parley ${c.label} rows per stored webhook: ${Object.entries(c.rowsPerWebhook).map(([t, n]) => `${t} ${fmt(n, 2)}`).join(', ')}`);
    for (const f of c.failures) notes.push(`FAILED: ${f}`);
    if (c.outbox?.failed) notes.push(`Parley ${c.label} outbox: ${c.outbox.failed} replies failed`);
    if (c.outbox?.failedJobs) notes.push(`Parley ${c.label} outbox: ${c.outbox.failedJobs} jobs ended failed`);
    if (c.problems.length) notes.push(`Parley ${c.label} (channels) server logged ${c.problems.length} warn/error lines, first: ${c.problems.slice(0, 3).join(' || ').slice(0, 800)}`);
    if (c.stopResult && c.stopResult !== 'code 0') notes.push(`Parley ${c.label} (channels) server exit: ${c.stopResult}`);
  }
  for (const m of results.email) {
    for (const [n, r] of [['inbound SMTP', m.parley], ['parse-only baseline', m.baseline]] as const) {
      if (r?.failed) notes.push(`Email ${m.label} ${n}: ${r.failed} mails not answered 250: ${r.failSamples.join(' | ')}`);
    }
    if (m.stored) notes.push(`Email ${m.label} rows after the run: ${m.stored.messages} messages (${m.stored.distinctMessageIds} Message-IDs), ${m.stored.conversations} conversations, ${m.stored.customers} customers, ${m.stored.attachments} attachments; expected from the 250 answers ${JSON.stringify(m.stored.expected)}`);
    for (const f of m.failures) notes.push(`FAILED: ${f}`);
    if (m.problems.length) notes.push(`Parley ${m.label} (email) server logged ${m.problems.length} warn/error lines, first: ${m.problems.slice(0, 3).join(' || ').slice(0, 800)}`);
    if (m.stopResult && m.stopResult !== 'code 0') notes.push(`Parley ${m.label} (email) server exit: ${m.stopResult}`);
  }
  for (const r of results.supervisor) {
    if (r.problems.length) notes.push(`Parley ${r.label} (supervisor, ${r.floor}) server logged ${r.problems.length} warn/error lines, first: ${r.problems.slice(0, 3).join(' || ').slice(0, 800)}`);
    if (r.stopResult && r.stopResult !== 'code 0') notes.push(`Parley ${r.label} (supervisor, ${r.floor}) server exit: ${r.stopResult}`);
  }
  for (const f of supervisorFailures(results.supervisor)) notes.push(`FAILED: ${f}`);
  for (const f of results.failures) notes.push(`FAILED: ${f}`);
  if (notes.length) out.push('Notes:', ...notes.map((n) => `- ${n}`), '');
  process.stdout.write(out.join('\n') + '\n');
}

async function channels(label: string, databaseUrl: string | undefined): Promise<void> {
  try {
    results.channels.push(await channelBench(label, databaseUrl, channelOptions));
  } catch (err) {
    results.failures.push(`${label} channels: ${(err as Error).stack ?? err}`);
    log(`${label} channels failed: ${(err as Error).message}`);
  }
}

async function email(label: string, databaseUrl: string | undefined): Promise<void> {
  try {
    results.email.push(await emailBench(label, databaseUrl, emailOptions));
  } catch (err) {
    results.failures.push(`${label} email: ${(err as Error).stack ?? err}`);
    log(`${label} email failed: ${(err as Error).message}`);
  }
}

/** The email bench on a PostgreSQL database of its own: its counts after the run are of its mail alone. */
async function emailOnPostgres(pgUrl: string): Promise<void> {
  let db: Awaited<ReturnType<typeof freshPostgres>> | undefined;
  try {
    db = await freshPostgres(pgUrl);
    await email('PostgreSQL', db.url);
  } catch (err) {
    results.failures.push(`PostgreSQL email: ${(err as Error).stack ?? err}`);
  } finally {
    await db?.drop().catch((err) => results.failures.push(`dropping the email bench database: ${(err as Error).message}`));
  }
}

/** `tsx bench/run.ts email`: the email bench alone, on SQLite and (with PARLEY_BENCH_DATABASE_URL) PostgreSQL. */
async function emailOnly(): Promise<void> {
  await email('SQLite', undefined);
  const pgUrl = env.PARLEY_BENCH_DATABASE_URL;
  if (pgUrl) await emailOnPostgres(pgUrl);
  else log('PARLEY_BENCH_DATABASE_URL not set: PostgreSQL skipped');
}

/**
 * The supervisor view (bench/supervisor.ts): an empty floor (baseline) and the seeded one on SQLite,
 * then the seeded one on PostgreSQL when PARLEY_BENCH_DATABASE_URL is set.
 */
async function supervisor(): Promise<void> {
  results.supervisor.push(await supervisorRun('SQLite', 'empty floor', { agents: 0, conversations: 0 }, undefined, supLive));
  results.supervisor.push(await supervisorRun('SQLite', `${fmt(supShape.agents)} agents, ${fmt(supShape.conversations)} open`, supShape, undefined, supLive));
  const pgUrl = env.PARLEY_BENCH_DATABASE_URL;
  if (!pgUrl) return log('PARLEY_BENCH_DATABASE_URL not set: the supervisor view on PostgreSQL skipped');
  let db: Awaited<ReturnType<typeof freshPostgres>> | undefined;
  try {
    db = await freshPostgres(pgUrl);
    results.supervisor.push(await supervisorRun('PostgreSQL', `${fmt(supShape.agents)} agents, ${fmt(supShape.conversations)} open`, supShape, db.url, supLive));
  } catch (err) {
    results.failures.push(`PostgreSQL supervisor: ${(err as Error).stack ?? err}`);
  } finally {
    await db?.drop().catch((err) => results.failures.push(`dropping the supervisor bench database: ${(err as Error).message}`));
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  if (ONLY_SUPERVISOR) {
    await supervisor();
    log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return;
  }
  if (ONLY_EMAIL) {
    await emailOnly();
    log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return;
  }
  log(`shape: ${JSON.stringify(shape)}; window ${WINDOW}/conversation; measure ${MEASURE_MS} ms`);

  // 3 first (in-process, before any child competes for the CPU). A throw-away run warms the JIT.
  log('--- routing-decision cost vs waiting-queue size (pure RoutingEngine)');
  decisionCost(1000, 3000);
  for (const n of SIZES) {
    const c = decisionCost(n, n >= 100_000 ? 5000 : 3000);
    results.costs.push(c);
    log(`waiting ${fmt(n)}: decision ${c.decisionUs.toFixed(2)} µs, enqueue ${c.enqueueUs.toFixed(2)} µs, cycle ${c.cycleUs.toFixed(2)} µs, offline ${c.offlineUs.toFixed(1)} µs (fill ${fmt(c.fillMs)} ms)`);
  }
  results.engineOffers = engineOffersPerSec(shape.agents, shape.capacity, shape.conversations);
  log(`engine in-process: ${fmt(results.engineOffers)} offers/s`);

  // 1. Baseline relay.
  log('--- bare ws relay (baseline)');
  results.bareSat = await bareRelay((lg) => lg.saturate({ window: WINDOW, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, drainMs: DRAIN_MS }));
  log(describeRun('bare relay saturation', results.bareSat));

  // 2. Parley end to end.
  try {
    await endToEnd('SQLite', undefined);
  } catch (err) {
    results.failures.push(`SQLite end to end: ${(err as Error).stack ?? err}`);
    log(`SQLite end to end failed: ${(err as Error).message}`);
  }
  await channels('SQLite', undefined);
  await email('SQLite', undefined);
  const pgUrl = env.PARLEY_BENCH_DATABASE_URL;
  if (pgUrl) {
    let fresh: Awaited<ReturnType<typeof freshPostgres>> | undefined;
    let forStorage: Awaited<ReturnType<typeof freshPostgres>> | undefined;
    try {
      fresh = await freshPostgres(pgUrl);
      forStorage = await freshPostgres(pgUrl);
      await endToEnd('PostgreSQL', fresh.url, forStorage.url);
    } catch (err) {
      results.failures.push(`PostgreSQL end to end: ${(err as Error).stack ?? err}`);
      log(`PostgreSQL end to end failed: ${(err as Error).message}`);
    } finally {
      for (const db of [fresh, forStorage]) await db?.drop().catch((err) => results.failures.push(`dropping a bench database: ${(err as Error).message}`));
    }
    // A database of its own: the channel bench's configuration and rows start from nothing.
    let forChannels: Awaited<ReturnType<typeof freshPostgres>> | undefined;
    try {
      forChannels = await freshPostgres(pgUrl);
      await channels('PostgreSQL', forChannels.url);
    } catch (err) {
      results.failures.push(`PostgreSQL channels: ${(err as Error).stack ?? err}`);
    } finally {
      await forChannels?.drop().catch((err) => results.failures.push(`dropping the bench database: ${(err as Error).message}`));
    }
    await emailOnPostgres(pgUrl);
  } else {
    log('PARLEY_BENCH_DATABASE_URL not set: PostgreSQL skipped');
  }
  await supervisor();
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

const watchdog = setTimeout(() => {
  results.failures.push(`watchdog: the bench ran longer than ${WATCHDOG_MS / 1000} s and was stopped`);
  report();
  killAllChildren();
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();
process.on('exit', killAllChildren);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    killAllChildren();
    process.exit(130);
  });
}

main().then(
  () => {
    report();
    clearTimeout(watchdog);
    killAllChildren();
    // The supervisor view's target is a hard one: missing it fails the run.
    process.exit(supervisorFailures(results.supervisor).length ? 1 : 0);
  },
  (err: unknown) => {
    results.failures.push(String((err as Error).stack ?? err));
    report();
    killAllChildren();
    process.exit(1);
  },
);
