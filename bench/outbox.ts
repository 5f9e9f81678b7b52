/**
 * Outbox sends per second: agent replies to WhatsApp conversations, drained by Parley's outbox
 * worker against the local provider fake (bench/provider-fake.ts); beside the same HTTP requests
 * fired straight at the fake with the worker's concurrency.
 */
import { join, resolve } from 'node:path';
import { toFetchInit } from '@parley/channels';
import { buildWhatsAppMarkRead, planWhatsAppSend } from '../packages/channels/src/whatsapp/send';
import { log, openWs, pool, Semaphore, sleep, spawnChild, withTimeout, type Child } from './lib';
import { http, type ParleyServer } from './parley';
import { WA, agentIdOf, type DbReader } from './webhooks';

const ROOT = resolve(import.meta.dirname, '..');
/** The outbox worker's default concurrency (server/app/outbox/worker.ts). */
export const WORKER_CONCURRENCY = 16;

export interface ProviderFake {
  url: string;
  child: Child;
  control: (path: string) => Promise<{ sends: number; markReads: number; other: number }>;
  stop: () => Promise<string>;
}

export async function startProviderFake(): Promise<ProviderFake> {
  const child = spawnChild(['--import', 'tsx', join(ROOT, 'bench/provider-fake.ts')], { ...process.env, PORT: '0' }, ROOT);
  const started = performance.now();
  let port = 0;
  while (!port) {
    if (child.proc.exitCode !== null) throw new Error(`provider fake exited:\n${child.output()}`);
    if (performance.now() - started > 30_000) throw new Error('provider fake not ready after 30 s');
    await sleep(50);
    port = Number(/READY (\d+)\n/.exec(child.output())?.[1] ?? 0);
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    control: async (path) => (await (await fetch(url + path, { method: 'POST' })).json()) as never,
    stop: () => child.stop(5000),
  };
}

export interface OutboxResult {
  replies: number;
  /**
   * Provider requests the worker made: per conversation, the customer-visible "joined the chat"
   * notice of the accept and the reply (and mark-reads, none here: nobody calls /read).
   */
  requests: number;
  sends: number;
  markReads: number;
  /** Jobs that ended failed (none expected). */
  failedJobs: number;
  /** requests ÷ (gate opened → no job left unfinished in the database). */
  requestsPerSec: number;
  /** replies ÷ the same time. */
  repliesPerSec: number;
  /** Replies enqueued per second by the agents' POSTs (setup, not the figure). */
  enqueuedPerSec: number;
  failed: number;
  serverCpuUsPerSend: number;
}

/**
 * `agents` agents (capacity `capacity` each) log in and go available, are offered the oldest waiting
 * conversations, accept each and reply once, while the fake holds every answer; then the fake
 * answers and the worker drains the outbox. Timed from the release to the last job stored as sent.
 */
export async function outboxDrain(server: ParleyServer, fake: ProviderFake, reader: DbReader, agents: number, capacity: number, cpuOf: () => number): Promise<OutboxResult> {
  const base = server.url;
  const wsBase = base.replace(/^http/, 'ws');
  const N = agents * capacity;
  await fake.control('/_reset');
  await fake.control('/_gate/close');
  const sem = new Semaphore(32);
  let replied = 0;
  let failed = 0;
  let allReplied: () => void = () => undefined;
  const repliesDone = new Promise<void>((r) => (allReplied = r));
  const seen = new Set<string>();
  let t0 = 0;
  const sockets = await pool(Array.from({ length: agents }, (_, k) => agentIdOf(k)), 8, async (id) => {
    const { token } = await http<{ token: string }>(base, 'POST', '/api/auth/login', { username: id, password: 'pw' });
    const ws = await openWs(`${wsBase}/api/ws?token=${encodeURIComponent(token)}`, (d) => d.includes('"type":"hello"'));
    ws.on('message', (d: Buffer) => {
      const s = d.toString();
      if (!s.includes('"type":"offer.created"')) return;
      const cid = (JSON.parse(s) as { event: { offer: { conversationId: string } } }).event.offer.conversationId;
      if (seen.has(cid)) return;
      seen.add(cid);
      void sem.run(async () => {
        try {
          await http(base, 'POST', `/api/conversations/${encodeURIComponent(cid)}/accept`, undefined, token);
          await http(base, 'POST', `/api/conversations/${encodeURIComponent(cid)}/messages`, { clientId: `bench-${cid}`, text: 'Thanks for your message, an agent is looking into it.' }, token);
        } catch (err) {
          if (++failed <= 3) log(`outbox bench: a reply failed: ${(err as Error).message}`);
        }
        if (++replied === N) allReplied();
      });
    });
    return { token, ws };
  });
  t0 = performance.now();
  await pool(sockets, 8, (a) => http(base, 'PUT', '/api/me/state', { state: 'available' }, a.token));
  try {
    await withTimeout(repliesDone, 120_000, `waiting for ${N} replies`).catch((err: Error) => {
      throw new Error(`${err.message} (${seen.size} offers seen, ${replied} replied, ${failed} failed)`);
    });
    const enqueuedPerSec = N / ((performance.now() - t0) / 1000);
    log(`outbox: ${N} replies enqueued (${Math.round(enqueuedPerSec)}/s) while the provider fake held its answers`);
    const cpu0 = cpuOf();
    const tOpen = performance.now();
    await fake.control('/_gate/open');
    // Done when no job is left unfinished (a reply also marks the customer's message read: 2 jobs).
    const unfinished = `SELECT count(*) AS n FROM outbox_jobs WHERE status IN ('pending', 'sending')`;
    for (;;) {
      if ((await reader.count(unfinished)) === 0) break;
      if (performance.now() - tOpen > 180_000) throw new Error('outbox jobs still unfinished 180 s after the fake started answering');
      await sleep(5);
    }
    const seconds = (performance.now() - tOpen) / 1000;
    const at = await fake.control('/_reset');
    const failedJobs = await reader.count(`SELECT count(*) AS n FROM outbox_jobs WHERE status = 'failed'`);
    const sends = N - failed;
    const requests = at.sends + at.markReads;
    return {
      replies: sends,
      requests,
      sends: at.sends,
      markReads: at.markReads,
      failedJobs,
      requestsPerSec: requests / seconds,
      repliesPerSec: sends / seconds,
      enqueuedPerSec,
      failed,
      serverCpuUsPerSend: ((cpuOf() - cpu0) * 1e6) / Math.max(1, requests),
    };
  } finally {
    await fake.control('/_gate/open').catch(() => undefined);
    for (const a of sockets) a.ws.terminate();
  }
}

/**
 * The requests the worker made for `sends` text replies and `markReads` mark-reads, fired at the
 * fake with fetch, `concurrency` at a time.
 */
export async function directSends(fake: ProviderFake, sends: number, markReads: number, concurrency = WORKER_CONCURRENCY): Promise<number> {
  const cfg = { graphBaseUrl: fake.url, apiVersion: WA.apiVersion, phoneNumberId: WA.phoneNumberId, accessToken: WA.accessToken };
  const requestOf = (i: number) => {
    if (i >= sends) return buildWhatsAppMarkRead(cfg, `wamid.BENCH.0.${i}`);
    const plan = planWhatsAppSend(cfg, { messageId: `m-${i}`, to: `1555${String(i).padStart(8, '0')}`, text: 'Thanks for your message, an agent is looking into it.' });
    if (!plan.ok) throw new Error(`could not plan a send: ${plan.reason}`);
    return plan.requests[0]!;
  };
  const send = async (i: number) => {
    const req = requestOf(i);
    const res = await fetch(req.url, { ...toFetchInit(req), redirect: 'follow' });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`the fake answered ${res.status}`);
  };
  await pool(Array.from({ length: 200 }, (_, i) => i), concurrency, send); // warm-up
  const n = sends + markReads;
  const t0 = performance.now();
  await pool(Array.from({ length: n }, (_, i) => i), concurrency, send);
  return n / ((performance.now() - t0) / 1000);
}
