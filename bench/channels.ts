/**
 * The channel benchmarks on one database (bench/README.md, "Channels"): signed WhatsApp webhooks
 * per second stored and routed beside raw inserts of the same rows, answer latency paced at half
 * that peak, and outbox sends per second beside direct requests to the provider fake.
 */
import { closedLoop, keepAliveAgent, openLoop, post, type HttpRunResult } from './http-load';
import { cpuSecondsOf, fmt, fmtMs, log, pool } from './lib';
import { directSends, outboxDrain, startProviderFake, WORKER_CONCURRENCY, type OutboxResult } from './outbox';
import { startParley, type ParleyShape } from './parley';
import { rawInserts, type RawInsertResult } from './webhook-baseline';
import { channelsConfig, countRows, dbReader, signedWebhook, type RowCounts } from './webhooks';

export interface ChannelsOptions {
  /** Webhook POSTs in flight in the closed loop (each from a different customer). */
  concurrency: number;
  warmupMs: number;
  measureMs: number;
  /** Outbox: agents × WhatsApp capacity = replies enqueued. */
  agents: number;
  capacity: number;
}

export interface ChannelsResult {
  label: string;
  sat?: HttpRunResult;
  paced?: HttpRunResult;
  /** Rows the server wrote per stored webhook (from its database after the webhook runs). */
  rowsPerWebhook?: Record<keyof RowCounts, number>;
  raw?: RawInsertResult;
  outbox?: OutboxResult;
  directSendsPerSec?: number;
  problems: string[];
  /** Parts that could not run (the others are still reported). */
  failures: string[];
  stopResult?: string;
}

let runSeq = 0;

export async function channelBench(label: string, databaseUrl: string | undefined, o: ChannelsOptions): Promise<ChannelsResult> {
  log(`--- channels on ${label}: signed WhatsApp webhooks, outbox sends`);
  const out: ChannelsResult = { label, problems: [], failures: [] };
  const fake = await startProviderFake();
  try {
    const shape: ParleyShape = { agents: o.agents, capacity: o.capacity, queues: 1, conversations: 0 };
    const server = await startParley(shape, databaseUrl, channelsConfig(o.agents, o.capacity, fake.url, 'pw'));
    const pid = server.child.proc.pid;
    const reader = await dbReader(server.dataDir, databaseUrl);
    try {
      const base = new URL(server.url);
      const run = ++runSeq;
      let next = 0;
      const make = () => signedWebhook(run, next++, Math.floor(Date.now() / 1000));
      out.sat = await closedLoop({ base, make, warmupMs: o.warmupMs, measureMs: o.measureMs, serverPid: pid, concurrency: o.concurrency });
      log(describeHttp(`webhooks ${label} saturation (${o.concurrency} in flight)`, out.sat));
      // The baseline right after, so both halves of the ratio see the same machine.
      const rows = await countRows(reader);
      out.rowsPerWebhook = Object.fromEntries(Object.entries(rows).map(([t, n]) => [t, n / out.sat!.ok])) as Record<keyof RowCounts, number>;
      log(`rows per stored webhook: ${JSON.stringify(out.rowsPerWebhook)} (${out.sat.ok} stored)`);
      const count = Math.min(20_000, Math.max(2_000, out.sat.ok));
      out.raw = await rawInserts(databaseUrl, count, o.concurrency, Math.round(out.rowsPerWebhook.events));
      log(`raw inserts ${label} (${o.concurrency} in flight): ${fmt(out.raw.perSec)} webhooks' rows/s (${count}), ${fmt(out.raw.cpuUs)} µs CPU per webhook`);

      const rate = Math.max(1, Math.round(out.sat.rate / 2));
      out.paced = await openLoop({ base, make, warmupMs: o.warmupMs, measureMs: o.measureMs, serverPid: pid, rate });
      log(describeHttp(`webhooks ${label} paced`, out.paced));

      try {
        // Every webhook queued a conversation; the agents need agents × capacity of them.
        const missing = o.agents * o.capacity - (out.sat.ok + out.paced.ok);
        if (missing > 0) {
          const agent = keepAliveAgent(32);
          await pool(Array.from({ length: missing }, () => make()), 32, (req) => post(agent, base, req));
          agent.destroy();
        }
        out.outbox = await outboxDrain(server, fake, reader, o.agents, o.capacity, () => cpuSecondsOf(pid));
        log(`outbox ${label}: ${fmt(out.outbox.requestsPerSec)} provider requests/s (${out.outbox.replies} conversations, each a "joined" notice and a reply: ${out.outbox.sends} sends + ${out.outbox.markReads} mark-reads, ${out.outbox.failedJobs} jobs failed; ${fmt(out.outbox.repliesPerSec)} replies/s), server CPU ${fmt(out.outbox.serverCpuUsPerSend)} µs/request`);
      } catch (err) {
        out.failures.push(`${label} outbox: ${(err as Error).message}`);
        log(`outbox ${label} failed: ${(err as Error).message}`);
      }
    } finally {
      await reader.close();
      out.problems = server.problems();
      out.stopResult = await server.stop();
      log(`Parley stopped (${out.stopResult}); ${out.problems.length} warn/error log lines`);
    }
    if (out.outbox) {
      out.directSendsPerSec = await directSends(fake, out.outbox.sends, out.outbox.markReads, WORKER_CONCURRENCY);
      log(`the same requests straight to the fake (${WORKER_CONCURRENCY} at a time): ${fmt(out.directSendsPerSec)}/s`);
    }
  } finally {
    await fake.stop();
  }
  return out;
}

export function describeHttp(name: string, r: HttpRunResult): string {
  return `${name}: ${fmt(r.rate)} 2xx/s${r.targetRate ? ` (target ${fmt(r.targetRate)})` : ''}, p50 ${fmtMs(r.p50)} ms, p99 ${fmtMs(r.p99)} ms, max ${fmtMs(r.max)} ms${r.sendLagP99 === undefined ? '' : ` (load generator late by ≤ ${fmtMs(r.sendLagP99)} ms at p99)`}, ${r.ok} ok, ${r.failed} failed${r.failSamples.length ? ` (${r.failSamples.join(' | ')})` : ''}; server CPU ${fmt(r.serverCpuUs)} µs per webhook`;
}
