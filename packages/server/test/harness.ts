/**
 * Integration-test harness: a real Parley server in this process (HTTP + WebSockets on an
 * ephemeral port) on SQLite or on a fresh PostgreSQL database, plus the protocol clients.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import {
  AgentClient,
  CustomerClient,
  createScratchDatabase,
  TEST_DATABASE_URL,
  testConfig,
  type CustomerStartOptions,
  type ScratchDatabase,
} from '@parley/testkit';
import type { MessageDto, StoredEvent } from '@parley/protocol';
import { startServer, type RunningServer, type ServerSettings } from '../src/server';
import type { Limits } from '../src/app/limits';
import type { Clock } from '@parley/core';

export type Backend = 'sqlite' | 'postgres';

/** Both backends; PostgreSQL is skipped unless PARLEY_TEST_DATABASE_URL is set. */
export const BACKENDS: { backend: Backend; skip: boolean }[] = [
  { backend: 'sqlite', skip: false },
  { backend: 'postgres', skip: !TEST_DATABASE_URL },
];

/** `describe` once per backend (`title [sqlite]`, `title [postgres]`); PostgreSQL skipped when unset. */
export function describeBackends(title: string, suite: (backend: Backend) => void): void {
  describe.each(BACKENDS)(`${title} [$backend]`, ({ backend, skip }) => {
    if (skip) {
      describe.skip('PostgreSQL (set PARLEY_TEST_DATABASE_URL)', () => suite(backend));
      return;
    }
    suite(backend);
  });
}

export interface ServerOptions {
  offerTimeoutSeconds?: number;
  maxWaitSeconds?: number;
  /** A whole config object instead of testConfig(). */
  config?: unknown;
  wsHeartbeatMs?: number;
  /** PARLEY_ABANDON_AFTER_MS for this server. */
  abandonAfterMs?: number;
  limits?: Partial<Limits>;
  webchatTokenTtlMs?: number;
  /** How long close() waits for responses in flight (default 5 s). */
  closeGraceMs?: number;
  /** The server's clock (e.g. a ManualClock, so rates don't depend on how fast the test runs). */
  clock?: Clock;
  /** The outbox's send timeout and lease. */
  outbox?: ServerSettings['outbox'];
  /** Parley's SMTP listener (email entry points). */
  smtp?: ServerSettings['smtp'];
  /** Where attachments go (an S3 bucket) and the server's attachment caps. */
  fileStore?: ServerSettings['fileStore'];
  attachments?: ServerSettings['attachments'];
  /** false: no per-IP rates (a test opening hundreds of chats from one address). */
  rateLimits?: boolean;
  /** The server's logger (a test reading what was logged). */
  logger?: ServerSettings['logger'];
}

/** A running in-process server, with its storage, and the clients opened through it (closed with it). */
export class TestServer {
  private clients: { close(): Promise<void> }[] = [];

  constructor(
    readonly backend: Backend,
    public server: RunningServer,
    readonly dataDir: string,
    private readonly scratch: ScratchDatabase | undefined,
    private readonly settings: ServerSettings,
  ) {}

  /**
   * Stops the server (closing its clients' sockets first; they may reconnect after), runs
   * `whileDown` against its storage settings, and starts a new one on the same storage and port.
   */
  async restart(whileDown?: (s: { dataDir: string; databaseUrl?: string }) => Promise<void>, once: Partial<ServerSettings> = {}): Promise<void> {
    await Promise.allSettled(this.clients.map((c) => c.close()));
    const port = Number(new URL(this.server.url).port);
    await this.server.close();
    await whileDown?.({ dataDir: this.dataDir, databaseUrl: this.settings.databaseUrl });
    // `once`: settings for this start only (e.g. applyConfig).
    this.server = await startServer({ ...this.settings, ...once, port });
  }

  /** Keeps a client made outside these helpers, so it is closed with the server. */
  track<C extends { close(): Promise<void> }>(client: C): C {
    this.clients.push(client);
    return client;
  }

  get url(): string {
    return this.server.url;
  }

  /** The config file the server reads at each (re)start. */
  get configPath(): string {
    return this.settings.configPath!;
  }

  /** Logs in (password `pw`) and opens the event socket. */
  async agent(username: string, opts: { connect?: boolean } = {}): Promise<AgentClient> {
    const a = await AgentClient.login(this.url, username);
    this.clients.push(a);
    if (opts.connect !== false) await a.connect();
    return a;
  }

  /** Logs in, connects, and goes available. */
  async availableAgent(username: string): Promise<AgentClient> {
    const a = await this.agent(username);
    await a.available();
    return a;
  }

  /** Starts a web chat session and connects its socket. */
  async customer(opts: CustomerStartOptions & { connect?: boolean } = {}): Promise<CustomerClient> {
    const c = await CustomerClient.start(this.url, opts);
    this.clients.push(c);
    if (opts.connect !== false) await c.connect();
    return c;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.clients.map((c) => c.close()));
    await this.server.close();
    await this.scratch?.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Writes the config as YAML into a new temp data dir, then starts the server in-process. */
export async function startTestServer(backend: Backend, opts: ServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-it-'));
  const configPath = join(dataDir, 'config.yaml');
  const config = opts.config ?? testConfig({ offerTimeoutSeconds: opts.offerTimeoutSeconds ?? 10, maxWaitSeconds: opts.maxWaitSeconds });
  writeFileSync(configPath, stringify(config));
  const scratch = backend === 'postgres' ? await createScratchDatabase() : undefined;
  try {
    const settings: ServerSettings = {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: scratch?.url,
      configPath,
      logLevel: process.env.PARLEY_TEST_LOG_LEVEL ?? 'warn',
      wsHeartbeatMs: opts.wsHeartbeatMs,
      abandonAfterMs: opts.abandonAfterMs,
      limits: opts.limits,
      webchatTokenTtlMs: opts.webchatTokenTtlMs,
      closeGraceMs: opts.closeGraceMs,
      clock: opts.clock,
      outbox: opts.outbox,
      smtp: opts.smtp,
      fileStore: opts.fileStore,
      attachments: opts.attachments,
      rateLimits: opts.rateLimits,
      logger: opts.logger,
    };
    const server = await startServer(settings);
    return new TestServer(backend, server, dataDir, scratch, settings);
  } catch (err) {
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Registers hooks that start a server before each test (`each`, the default) or once for the
 * describe block (`all`), and close it afterwards. Returns a getter for the current server.
 */
export function useServer(backend: Backend, opts: ServerOptions & { scope?: 'each' | 'all' } = {}): () => TestServer {
  let current: TestServer | undefined;
  const before = opts.scope === 'all' ? beforeAll : beforeEach;
  const after = opts.scope === 'all' ? afterAll : afterEach;
  before(async () => {
    current = await startTestServer(backend, opts);
  });
  after(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('server not started');
    return current;
  };
}

/** Predicates for agent events, so tests read as sentences. */
type P = (e: StoredEvent) => boolean;
export const is = {
  offer: (conversationId: string, agentId?: string, kind?: string): P => (e) =>
    e.type === 'offer.created' && e.offer.conversationId === conversationId && (!agentId || e.offer.agentId === agentId) && (!kind || e.offer.kind === kind),
  anyOffer: (): P => (e) => e.type === 'offer.created',
  withdrawn: (conversationId: string, reason?: string): P => (e) =>
    e.type === 'offer.withdrawn' && e.conversationId === conversationId && (!reason || e.reason === reason),
  agentState: (agentId: string, state: string): P => (e) => e.type === 'agent.updated' && e.agent.id === agentId && e.agent.state === state,
  conversation: (conversationId: string, status?: string): P => (e) =>
    e.type === 'conversation.updated' && e.conversation.id === conversationId && (!status || e.conversation.status === status),
  message: (conversationId: string, match: (m: MessageDto) => boolean = () => true): P => (e) =>
    e.type === 'message.created' && e.message.conversationId === conversationId && match(e.message),
  notice: (conversationId: string, code: string): P => (e) =>
    e.type === 'message.created' && e.message.conversationId === conversationId && e.message.notice?.code === code,
  typing: (conversationId: string, typing: boolean): P => (e) => e.type === 'typing' && e.conversationId === conversationId && e.typing === typing,
};

/** agent1 available, a customer connected, the offer accepted. */
export async function activeChat(s: TestServer): Promise<{ a1: AgentClient; c: CustomerClient; id: string }> {
  const a1 = await s.availableAgent('agent1');
  const c = await s.customer({ name: 'Dana' });
  await a1.waitFor(is.offer(c.conversationId, 'a1'));
  await a1.accept(c.conversationId);
  await c.waitForFrame('status', (f) => f.status === 'active');
  return { a1, c, id: c.conversationId };
}
