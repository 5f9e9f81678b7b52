/**
 * Parley end to end: the real server in a child process, agents and web chat customers over real
 * sockets on loopback. Measures routing (offers/s) and sets up the conversations the relay runs on.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type WebSocket from 'ws';
import { stringify } from 'yaml';
import { boundPort, log, openWs, pool, Samples, Semaphore, sleep, spawnChild, withTimeout, type Child } from './lib';
import type { Topology } from './loadgen';

const ROOT = resolve(import.meta.dirname, '..');

export interface ParleyShape {
  agents: number;
  capacity: number;
  queues: number;
  conversations: number;
}

/** One scrypt hash for every bench agent (same format as the server's), so startup doesn't hash 100 times. */
export function benchPasswordHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export function benchConfig(shape: ParleyShape, password: string) {
  const hash = benchPasswordHash(password);
  const agents = Array.from({ length: shape.agents }, (_, i) => {
    const id = `b${String(i + 1).padStart(3, '0')}`;
    return { id, username: id, displayName: `Bench ${id}`, passwordHash: hash, teams: ['bench'], capacity: { webchat: shape.capacity } };
  });
  const queues = Array.from({ length: shape.queues }, (_, q) => ({
    id: `q-bench-${q + 1}`,
    name: `Bench ${q + 1}`,
    channel: 'webchat',
    // Long timers: nothing times out during the bench (no RONA, no max-wait).
    offerTimeoutSeconds: 600,
    maxWaitSeconds: 3600,
    teams: ['bench'],
  }));
  const entryPoints = queues.map((q, i) => ({ id: i === 0 ? 'web' : `web${i + 1}`, name: `Site ${i + 1}`, channel: 'webchat', queue: q.id }));
  return {
    wrapupReasons: [{ id: 'resolved', label: 'Resolved' }],
    teams: [{ id: 'bench', name: 'Bench' }],
    agents,
    queues,
    entryPoints,
  };
}

export interface ParleyServer {
  url: string;
  child: Child;
  dataDir: string;
  stop: () => Promise<string>;
  /** warn/error/fatal lines the server logged (LOG_LEVEL=warn). */
  problems: () => string[];
}

/** Parley in a child process with `config` (default: the web chat bench's, from `shape`); `extraEnv` adds settings (e.g. the SMTP listener's). */
/** `ownDataDir`: start on that data directory (written by an earlier start) and leave it in place at stop. */
export async function startParley(
  shape: ParleyShape,
  databaseUrl: string | undefined,
  config: unknown = benchConfig(shape, 'pw'),
  extraEnv: NodeJS.ProcessEnv = {},
  ownDataDir?: string,
): Promise<ParleyServer> {
  const dataDir = ownDataDir ?? mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const configPath = join(dataDir, 'bench-config.yaml');
  writeFileSync(configPath, stringify(config));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0', // the OS picks a free port as the server binds; read back from its banner
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_CONFIG: configPath,
    LOG_LEVEL: 'warn',
    // The load generator logs in 100 agents and opens 1,000 chats from one address.
    PARLEY_RATE_LIMIT: 'off',
    NODE_ENV: 'production',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/parley-prof", to profile the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawnChild([...nodeArgs, '--import', 'tsx', join(ROOT, 'packages/server/src/main.ts')], env, ROOT);
  const started = performance.now();
  let url = '';
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`Parley exited (${child.proc.exitCode}) before ready:\n${child.output().slice(-3000)}`);
    const port = boundPort(child.output());
    if (port) url = `http://127.0.0.1:${port}`;
    try {
      if (url && (await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not answering yet */
    }
    if (performance.now() - started > 60_000) {
      await child.stop(1000);
      throw new Error(`Parley not ready after 60 s:\n${child.output().slice(-3000)}`);
    }
    await sleep(100);
  }
  log(`Parley ready at ${url} in ${((performance.now() - started) / 1000).toFixed(1)} s (${databaseUrl ? 'PostgreSQL' : `SQLite in ${dataDir}`})`);
  return {
    url,
    child,
    dataDir,
    stop: async () => {
      const r = await child.stop(10_000);
      if (!ownDataDir) rmSync(dataDir, { recursive: true, force: true });
      return r;
    },
    problems: () =>
      child
        .output()
        .split('\n')
        .filter((l) => /"level":(40|50|60)/.test(l) || /Error|error:/.test(l)),
  };
}

export async function http<T>(base: string, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const r = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface RoutingResult {
  conversations: number;
  /** N / (time from the first session request to the N-th offer.created on an agent socket). */
  offersPerSec: number;
  /** Sessions created per second over REST (the create calls themselves). */
  sessionsPerSec: number;
  offerLatency: { p50: number; p99: number };
  acceptLatency: { p50: number; p99: number };
  acceptErrors: string[];
  allAcceptedMs: number;
}

export interface ParleyFixture {
  topology: Topology;
  routing: RoutingResult;
  close: () => void;
}

/** Agents log in, connect and go available; then N customers start chats; agents accept every offer. */
export async function setUpParley(server: ParleyServer, shape: ParleyShape): Promise<ParleyFixture> {
  const base = server.url;
  const wsBase = base.replace(/^http/, 'ws');
  const ids = Array.from({ length: shape.agents }, (_, i) => `b${String(i + 1).padStart(3, '0')}`);

  // --- agents: login, socket, available
  const offerAt = new Map<string, number>();
  const acceptLat = new Samples();
  const acceptErrors: string[] = [];
  const acceptSem = new Semaphore(64);
  let accepted = 0;
  let allOffers: () => void = () => undefined;
  const offersDone = new Promise<void>((r) => (allOffers = r));
  let allAccepts: () => void = () => undefined;
  const acceptsDone = new Promise<void>((r) => (allAccepts = r));
  const N = shape.conversations;

  const t0login = performance.now();
  const agents = await pool(ids, 8, async (id) => {
    const { token } = await http<{ token: string }>(base, 'POST', '/api/auth/login', { username: id, password: 'pw' });
    const ws = await openWs(`${wsBase}/api/ws?token=${encodeURIComponent(token)}`, (d) => d.includes('"type":"hello"'));
    ws.on('message', (d: Buffer) => {
      const s = d.toString();
      if (!s.includes('"type":"offer.created"')) return;
      const now = performance.now();
      const f = JSON.parse(s) as { event: { offer: { conversationId: string } } };
      const cid = f.event.offer.conversationId;
      if (offerAt.has(cid)) return;
      offerAt.set(cid, now);
      if (offerAt.size === N) allOffers();
      void acceptSem.run(async () => {
        const t = performance.now();
        try {
          await http(base, 'POST', `/api/conversations/${encodeURIComponent(cid)}/accept`, undefined, token);
          acceptLat.add(performance.now() - t);
        } catch (err) {
          if (acceptErrors.length < 5) acceptErrors.push(String((err as Error).message));
        }
        if (++accepted === N) allAccepts();
      });
    });
    return { id, token, ws };
  });
  await pool(agents, 8, (a) => http(base, 'PUT', '/api/me/state', { state: 'available' }, a.token));
  log(`${agents.length} agents logged in, connected, available (${((performance.now() - t0login) / 1000).toFixed(1)} s)`);

  // --- routing: N customers start chats; time until every offer reached an agent socket
  const sites = Array.from({ length: shape.queues }, (_, i) => (i === 0 ? 'web' : `web${i + 1}`));
  const reqStart = new Map<string, number>();
  const t0 = performance.now();
  const sessions = await pool(
    Array.from({ length: N }, (_, i) => i),
    32,
    async (i) => {
      const t = performance.now();
      const s = await http<{ token: string; conversationId: string }>(base, 'POST', '/webchat/api/sessions', {
        name: `Customer ${i}`,
        email: `c${i}@bench.example`,
        site: sites[i % sites.length],
      });
      reqStart.set(s.conversationId, t);
      return s;
    },
  );
  const tCreated = performance.now();
  await withTimeout(offersDone, 60_000, `waiting for ${N} offers (got ${offerAt.size})`);
  const tOffers = Math.max(...offerAt.values());
  await withTimeout(acceptsDone, 60_000, `waiting for ${N} accepts (done ${accepted})`);
  const tAccepted = performance.now();
  const offerLat = new Samples();
  for (const [cid, t] of offerAt) offerLat.add(t - reqStart.get(cid)!);
  const ol = offerLat.summary();
  const al = acceptLat.summary();
  const routing: RoutingResult = {
    conversations: N,
    offersPerSec: N / ((tOffers - t0) / 1000),
    sessionsPerSec: N / ((tCreated - t0) / 1000),
    offerLatency: { p50: ol.p50, p99: ol.p99 },
    acceptLatency: { p50: al.p50, p99: al.p99 },
    acceptErrors,
    allAcceptedMs: tAccepted - t0,
  };
  log(`routing: ${N} offers in ${((tOffers - t0) / 1000).toFixed(2)} s, all accepted after ${((tAccepted - t0) / 1000).toFixed(2)} s`);

  // --- customers connect their chat sockets
  const t0c = performance.now();
  const customers: WebSocket[] = await pool(sessions, 32, (s) =>
    openWs(`${wsBase}/webchat/ws?token=${encodeURIComponent(s.token)}`, (d) => d.includes('"type":"hello"')),
  );
  log(`${customers.length} customer sockets connected (${((performance.now() - t0c) / 1000).toFixed(1)} s)`);
  await sleep(500); // let the join notices and status frames settle

  return {
    topology: { customers, agents: agents.map((a) => a.ws), serverPid: server.child.proc.pid },
    routing,
    close: () => {
      for (const ws of [...customers, ...agents.map((a) => a.ws)]) ws.terminate();
    },
  };
}

// ------------------------------------------------------------------ the bare relay baseline

export interface BareRelay {
  topology: Topology;
  stop: () => Promise<void>;
}

export async function startBareRelay(agents: number, conversations: number): Promise<BareRelay> {
  const child = spawnChild(['--import', 'tsx', join(ROOT, 'bench/bare-relay.ts')], { ...process.env, PORT: '0' }, ROOT);
  const started = performance.now();
  let port = 0;
  while (!port) {
    if (child.proc.exitCode !== null) throw new Error(`bare relay exited:\n${child.output()}`);
    if (performance.now() - started > 30_000) throw new Error('bare relay not ready after 30 s');
    await sleep(50);
    port = Number(/READY (\d+)\n/.exec(child.output())?.[1] ?? 0);
  }
  const base = `ws://127.0.0.1:${port}`;
  const isHello = (d: string) => d.includes('"type":"hello"');
  const agentSockets = await pool(Array.from({ length: agents }, (_, k) => k), 32, (k) => openWs(`${base}/a?k=${k}`, isHello));
  const customers = await pool(Array.from({ length: conversations }, (_, i) => i), 32, (i) => openWs(`${base}/c?k=${i % agents}`, isHello));
  return {
    topology: { customers, agents: agentSockets, serverPid: child.proc.pid },
    stop: async () => {
      for (const ws of [...customers, ...agentSockets]) ws.terminate();
      await child.stop(5000);
    },
  };
}

// ------------------------------------------------------------------ PostgreSQL: a fresh database per run

/** Creates a throw-away database next to the one in `url` (so runs don't see each other's data). */
let freshDatabases = 0;

export async function freshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { default: pg } = await import('pg');
  const name = `parley_bench_${Date.now()}_${process.pid}_${++freshDatabases}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
