/**
 * Outbox sends per second: agent replies to WhatsApp conversations, drained by Parley's outbox
 * worker against the local provider fake (bench/provider-fake.ts); beside the same HTTP requests
 * fired straight at the fake with the worker's concurrency.
 */
import { join, resolve } from 'node:path';
import { toFetchInit } from '@parley/channels';
import { planWhatsAppSend } from '../packages/channels/src/whatsapp/send';
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
    control: async (path) => (await (await fetch(url + path, { method: path.startsWith('/_wait') ? 'GET' : 'POST' })).json()) as never,
    stop: () => child.stop(5000),
  };
}

export interface OutboxResult {
  replies: number;
  /** replies ÷ (gate opened → the last job recorded `sent` in the database). */
  sendsPerSec: number;
  /** replies ÷ (gate opened → the fake answered the last send), the HTTP part alone. */
  answeredPerSec: number;
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
  const sentBefore = await reader.count(`SELECT count(*) AS n FROM outbox_jobs WHERE status = 'sent'`);
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
    await withTimeout(fake.control(`/_wait?sends=${N - failed}`), 120_000, `waiting for ${N - failed} sends at the fake`);
    const tAnswered = performance.now();
    const sentSql = `SELECT count(*) AS n FROM outbox_jobs WHERE status = 'sent'`;
    for (;;) {
      if ((await reader.count(sentSql)) - sentBefore >= N - failed) break;
      if (performance.now() - tAnswered > 60_000) throw new Error('outbox jobs not all recorded as sent 60 s after the fake answered');
      await sleep(5);
    }
    const tDone = performance.now();
    const sends = N - failed;
    return {
      replies: sends,
      sendsPerSec: sends / ((tDone - tOpen) / 1000),
      answeredPerSec: sends / ((tAnswered - tOpen) / 1000),
      enqueuedPerSec,
      failed,
      serverCpuUsPerSend: ((cpuOf() - cpu0) * 1e6) / sends,
    };
  } finally {
    await fake.control('/_gate/open').catch(() => undefined);
    for (const a of sockets) a.ws.terminate();
  }
}

/** The requests the worker sends for `n` text replies, fired at the fake with fetch, `concurrency` at a time. */
export async function directSends(fake: ProviderFake, n: number, concurrency = WORKER_CONCURRENCY): Promise<number> {
  const cfg = { graphBaseUrl: fake.url, apiVersion: WA.apiVersion, phoneNumberId: WA.phoneNumberId, accessToken: WA.accessToken };
  const requestOf = (i: number) => {
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
  const t0 = performance.now();
  await pool(Array.from({ length: n }, (_, i) => i), concurrency, send);
  return n / ((performance.now() - t0) / 1000);
}
