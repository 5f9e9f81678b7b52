import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface ServerProcessOptions {
  /** Config object written as YAML (see docs/configuration.md); default: the test config. */
  config?: unknown;
  /** Reuse a data directory (restart tests); default: a new temp dir. */
  dataDir?: string;
  /** Only to restart on the port of a stopped server; default 0: the OS picks a free port as the server binds. */
  port?: number;
  /** `postgres://…` of a database this server may own; default: embedded SQLite in `dataDir`. */
  databaseUrl?: string | null;
  env?: Record<string, string>;
}

export interface ServerProcess {
  url: string;
  port: number;
  /** The SMTP listener's port, read from the banner, when the server runs one (`env.PARLEY_SMTP_PORT`, 0 for a free port). */
  smtpPort?: number;
  dataDir: string;
  configPath: string;
  child: ChildProcess;
  logs: () => string;
  /** SIGTERM and wait for exit. */
  stop: () => Promise<void>;
  /** SIGKILL at once. */
  kill: () => Promise<void>;
}

/**
 * A port that was free a moment ago. Racy (someone else may take it before you bind it): prefer
 * starting servers on port 0 and reading the bound port back, as `startServer` does.
 */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => ok(port));
    });
  });
}

/** Starts the real server (`packages/server/src/main.ts`) in a child process and waits for /healthz. */
export async function startServer(opts: ServerProcessOptions = {}): Promise<ServerProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'parley-test-'));
  const configPath = join(dataDir, 'config.yaml');
  writeFileSync(configPath, stringify(opts.config ?? testConfig()));
  // Port 0: the server binds a port the OS picks and prints its URL; no pick-then-bind race between parallel tests.
  const requestedPort = opts.port ?? 0;
  // Never default to a shared PostgreSQL database: parallel servers would trample each other.
  const dbUrl = opts.databaseUrl ?? undefined;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(requestedPort),
    HOST: '127.0.0.1',
    PARLEY_DATA_DIR: dataDir,
    PARLEY_CONFIG: configPath,
    LOG_LEVEL: process.env.PARLEY_TEST_LOG_LEVEL ?? 'warn',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  if (dbUrl) env.DATABASE_URL = dbUrl;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'packages/server/src/main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stdout = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const started = Date.now();
  let port = 0;
  // With a listener asked for, the server is ready once the banner named its port too.
  const wantsSmtp = Boolean(env.PARLEY_SMTP_PORT);
  let smtpPort: number | undefined;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before ready:\n${out}`);
    port ||= boundPort(stdout) ?? 0;
    smtpPort ??= boundSmtpPort(stdout);
    if (port && (!wantsSmtp || smtpPort)) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (r.ok) break;
      } catch {
        /* not answering yet */
      }
    }
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    ...(smtpPort ? { smtpPort } : {}),
    dataDir,
    configPath,
    child,
    logs: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * The port of the first `http://127.0.0.1:<port>` (or localhost) URL in a server's startup banner, printed once it
 * listens (JSON log lines are skipped: they are not the banner; a line counts once complete).
 */
export function boundPort(stdout: string): number | undefined {
  const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1); // a chunk may end mid-URL
  for (const line of complete.split('\n')) {
    if (line.trimStart().startsWith('{')) continue;
    const m = /http:\/\/(?:127\.0\.0\.1|localhost):(\d+)/.exec(line); // localhost: HOST=0.0.0.0
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** The SMTP listener's port in a server's startup banner (`SMTP listener:   smtp://host:port`), once its line is complete. */
export function boundSmtpPort(stdout: string): number | undefined {
  const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
  const m = /^\s*SMTP listener:\s+smtp:\/\/\S+:(\d+)/m.exec(complete);
  return m ? Number(m[1]) : undefined;
}

/** A small config with short timers, for tests. Passwords are all `pw`. */
export function testConfig(overrides: { offerTimeoutSeconds?: number; maxWaitSeconds?: number } = {}) {
  const offerTimeoutSeconds = overrides.offerTimeoutSeconds ?? 3;
  const maxWaitSeconds = overrides.maxWaitSeconds ?? 600;
  const cap = { webchat: 2, messenger: 2, sms: 2, whatsapp: 2, email: 2 };
  return {
    idleReasons: [
      { id: 'break', label: 'Break', labelZh: '休息' },
      { id: 'lunch', label: 'Lunch', labelZh: '午餐' },
    ],
    wrapupReasons: [
      { id: 'resolved', label: 'Resolved', labelZh: '已解决' },
      { id: 'follow-up', label: 'Follow-up needed', labelZh: '需要跟进' },
      { id: 'spam', label: 'Spam', labelZh: '垃圾信息' },
    ],
    teams: [{ id: 'team', name: 'Team' }],
    agents: [
      { id: 'a1', username: 'agent1', displayName: 'Agent One', password: 'pw', teams: ['team'], capacity: cap },
      { id: 'a2', username: 'agent2', displayName: 'Agent Two', password: 'pw', teams: ['team'], capacity: cap },
      { id: 'a3', username: 'agent3', displayName: 'Agent Three', password: 'pw', teams: ['team'], capacity: cap },
      { id: 'sup', username: 'super', displayName: 'Sue Pervisor', password: 'pw', role: 'supervisor', capacity: {} },
      { id: 'adm', username: 'admin', displayName: 'Admin', password: 'pw', role: 'admin', capacity: {} },
    ],
    queues: [
      { id: 'q-chat', name: 'Chat', channel: 'webchat', offerTimeoutSeconds, maxWaitSeconds, teams: ['team'] },
      { id: 'q-chat2', name: 'Chat Two', channel: 'webchat', offerTimeoutSeconds, maxWaitSeconds, transferFallback: 'requeue', teams: ['team'] },
      { id: 'q-email', name: 'Email', channel: 'email', offerTimeoutSeconds, maxWaitSeconds, teams: ['team'] },
      { id: 'q-wa', name: 'WhatsApp', channel: 'whatsapp', offerTimeoutSeconds, maxWaitSeconds, teams: ['team'] },
    ],
    entryPoints: [
      { id: 'web', name: 'Website', channel: 'webchat', queue: 'q-chat' },
      { id: 'web2', name: 'Second site', channel: 'webchat', queue: 'q-chat2' },
    ],
    templates: [
      { id: 'hello', name: 'Hello', channels: ['webchat', 'whatsapp'], body: 'Hello {{customer.name}}, I am {{agent.name}}.' },
      { id: 'order', name: 'Order', channels: ['webchat'], body: 'Order {{param:order}} ships soon.' },
      { id: 'bye', name: 'Bye', channels: ['webchat'], locked: true, body: 'Goodbye from {{queue.name}}.' },
    ],
  };
}
