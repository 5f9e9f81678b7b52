import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '@parley/core';
import { createChannels } from '@parley/channels';
import { GroupCommitter, ensurePrivateDir, ensurePrivateFile, openDatabase, pruneEventsBefore, type Db } from '@parley/storage';
import { loadConfigFile } from './config/config-file';
import { configAtStart, type ConfigAtStart } from './app/admin/config-source';
import { SecretBox } from './app/entry-points/secret-box';
import { createParley, type Parley } from './app/parley';
import { createMetrics } from './app/metrics';
import { Files } from './app/files';
import { createFileStore, type FileStoreSettings } from './app/file-store/create';
import { DEFAULT_ATTACHMENT_LIMITS, attachmentLimitsFromEnv, capChannelAttachments, type AttachmentLimits } from './app/attachment-limits';
import { sweepUnsentAttachments } from './app/attachment-sweep';
import { DeadlineScheduler } from './app/scheduler';
import { startSessionSweep } from './app/session-sweep';
import { buildApp } from './http/build';
import { envNumber } from './config/env-number';
import { outboxSettingsFromEnv } from './app/outbox/settings-from-env';
import type { OutboxSettings } from './app/outbox/create-outbox';
import { httpUrl, parseListenAddress, startMetricsListener, type MetricsAccess } from './http/metrics-route';
import { ConfigError } from './config/config-file';
import { s3SettingsFromEnv } from './app/file-store/from-env';
import { startHeartbeat } from './http/heartbeat';
import { ChatLimiter } from './app/chat-limiter';
import { DEFAULT_LIMITS, UNLIMITED_RATES, limitsFromEnv, type Limits } from './app/limits';
import { redactingLoggerOptions, withRedaction } from './logging/redact';
import { startEmailEdges, type EmailEdges, type SmtpListenSettings } from './app/email/email-edges';

const ROOT = resolve(import.meta.dirname, '../../..');
const EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface ServerSettings {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  configPath?: string;
  /** Write the config file's entities over the database's at this start (`--apply-config`); else only the first start does. */
  applyConfig?: boolean;
  logLevel: string;
  secret?: string;
  /** Per-IP limits on login, web chat sessions and uploads (default on; PARLEY_RATE_LIMIT=off for load tests). */
  rateLimits?: boolean;
  /** WebSocket ping interval; a socket silent for a whole interval is closed (default 30 s). */
  wsHeartbeatMs?: number;
  /** A web chat nobody accepted is abandoned after its customer had no socket this long (default 60 s). */
  abandonAfterMs?: number;
  /** Message and typing rates, sockets per chat, socket buffer cap (defaults: DEFAULT_LIMITS). */
  limits?: Partial<Limits>;
  /** How long a web chat customer's token works after its conversation closed (default 24 h). */
  webchatTokenTtlMs?: number;
  /** How long a shutdown waits for responses in flight before closing their connections (default 5 s). */
  closeGraceMs?: number;
  /** /metrics: a bearer token it requires, and/or its own listen address (then not on the main port). */
  metrics?: MetricsAccess;
  /**
   * The URL providers reach Parley at (behind a proxy: its public https origin). Media sent to
   * customers go as links under it, which Meta and Twilio fetch. Default: the address Parley listens on.
   */
  publicUrl?: string;
  clock?: Clock;
  logger?: Logger;
  /** The outbox's send timeout and lease (PARLEY_OUTBOX_SEND_TIMEOUT_MS, PARLEY_OUTBOX_LEASE_MS). */
  outbox?: OutboxSettings;
  /** Parley's SMTP listener for the email entry points (PARLEY_SMTP_PORT, PARLEY_SMTP_HOST, PARLEY_SMTP_MAX_BYTES); off when unset. */
  smtp?: SmtpListenSettings;
  /** Where attachment bytes go: local disk by default, S3 when PARLEY_S3_* say so. */
  fileStore?: FileStoreSettings;
  /** Per-file size and files per message over every channel (PARLEY_MAX_ATTACHMENT_BYTES, PARLEY_MAX_ATTACHMENTS). */
  attachments?: AttachmentLimits;
}

export interface RunningServer {
  app: FastifyInstance;
  parley: Parley;
  db: Db;
  url: string;
  /** Where /metrics answers: on the main port, or on its own listener. */
  metricsUrl: string;
  /** Hourly housekeeping, also callable (tests): deletes uploads never sent within a day. */
  sweepUnsentAttachments: (now: number) => Promise<number>;
  close: () => Promise<void>;
  /** Mail in: the SMTP listener's port (when one runs) and `receiveEmail`. */
  email: EmailEdges;
  /** The config file at this start: written into the database, or how it differs from it. */
  configFile?: ConfigAtStart;
}

/** Reads settings from the environment (the table in README.md); a bad value throws ConfigError. */
export function settingsFromEnv(env: NodeJS.ProcessEnv, argv: string[]): ServerSettings {
  const demo = argv.includes('--demo');
  const rateLimits = env.PARLEY_RATE_LIMIT !== 'off';
  const metricsListen = env.PARLEY_METRICS_LISTEN ? parseListenAddress(env.PARLEY_METRICS_LISTEN) : undefined;
  if (env.PARLEY_METRICS_LISTEN && !metricsListen) {
    throw new ConfigError(`PARLEY_METRICS_LISTEN must be host:port (e.g. 127.0.0.1:9464), not "${env.PARLEY_METRICS_LISTEN}"`);
  }
  return {
    port: Number(env.PORT ?? 8080),
    // The demo has well-known passwords: only this machine may reach it unless HOST says otherwise.
    host: env.HOST || (demo ? '127.0.0.1' : '0.0.0.0'),
    dataDir: resolve(env.PARLEY_DATA_DIR ?? join(ROOT, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    configPath: env.PARLEY_CONFIG ?? (demo ? join(ROOT, 'config/demo.yaml') : undefined),
    applyConfig: argv.includes('--apply-config'),
    logLevel: env.LOG_LEVEL ?? 'info',
    secret: env.PARLEY_SECRET,
    rateLimits,
    limits: limitsFromEnv(env, rateLimits),
    wsHeartbeatMs: env.PARLEY_WS_HEARTBEAT_MS ? Number(env.PARLEY_WS_HEARTBEAT_MS) : undefined,
    abandonAfterMs: envNumber(env, 'PARLEY_ABANDON_AFTER_MS', { min: 1, integer: true, unit: 'milliseconds' }),
    webchatTokenTtlMs: secondsToMs(envNumber(env, 'PARLEY_WEBCHAT_TOKEN_TTL_SECONDS', { min: 0, unit: 'seconds' })),
    metrics: { token: env.PARLEY_METRICS_TOKEN || undefined, listen: metricsListen },
    publicUrl: publicUrlFromEnv(env.PARLEY_PUBLIC_URL),
    outbox: outboxSettingsFromEnv(env),
    smtp: smtpFromEnv(env),
    fileStore: { s3: s3SettingsFromEnv(env) },
    attachments: attachmentLimitsFromEnv(env),
  };
}

/** Opens storage, seeds the config file, restores routing state, listens, and arms the timers. */
/** How long a shutdown waits for responses in flight before it closes their connections. */
const CLOSE_GRACE_MS = 5_000;

export async function startServer(s: ServerSettings): Promise<RunningServer> {
  const log = s.logger ? withRedaction(s.logger) : pino(redactingLoggerOptions(s.logLevel));
  const clock = s.clock ?? systemClock;
  ensurePrivateDir(s.dataDir);
  const config = s.configPath ? loadConfigFile(s.configPath) : undefined;
  const db = await openDatabase({ url: s.databaseUrl, dataDir: s.dataDir, onPoolError: (err) => log.error({ err }, 'database pool error') });
  if (db.writer) {
    db.writer.onThreadDied = (err, restarted) =>
      log.error({ err }, restarted ? 'SQLite writer thread died and was restarted' : 'SQLite writer thread could not start: writes fail');
  }
  const serverSecret = Buffer.from(s.secret ?? loadOrCreateSecret(s.dataDir));
  const secretBox = new SecretBox(serverSecret);
  // The database is the source of truth: the file seeds it once, then only reports how it differs.
  const configFile = config
    ? await configAtStart(db, config, clock.now(), secretBox, { apply: s.applyConfig }).catch(async (err: unknown) => {
        // A file that clashes with stored entries stops the start: don't leave the pool open.
        await db.close();
        throw err;
      })
    : undefined;
  if (configFile) logConfigAtStart(log, configFile, s.configPath!);
  // A few ms of batching is imperceptible in a chat and amortises each commit over many messages.
  const committer = new GroupCommitter(db, { maxDelayMs: Number(process.env.PARLEY_COMMIT_DELAY_MS ?? 3), maxBatch: 500 });
  const metrics = createMetrics();
  const channels = createChannels();
  const fileStore = createFileStore(s.dataDir, s.fileStore);
  log.info(`attachments are stored on ${fileStore.describe}`);
  const files = new Files(fileStore, serverSecret);
  let listeningUrl = '';
  const parley = createParley({
    db, committer, clock, log, metrics, channels, files, fileUrl: (id) => files.url(id, clock.now()),
    publicUrl: () => s.publicUrl ?? listeningUrl,
    abandonAfterMs: s.abandonAfterMs, webchatTokenTtlMs: s.webchatTokenTtlMs, secretBox, providers: config?.providers,
  }, s.outbox);
  if (config?.channels) {
    for (const [ch, o] of Object.entries(config.channels)) Object.assign(parley.core.directory.channelRules[ch as keyof typeof config.channels], o);
  }
  capChannelAttachments(parley.core.directory.channelRules, s.attachments ?? DEFAULT_ATTACHMENT_LIMITS);
  await parley.start();

  const limits: Limits = { ...DEFAULT_LIMITS, ...(s.rateLimits === false ? UNLIMITED_RATES : {}), ...s.limits };
  let ready = false;
  const app = await buildApp({
    parley, db, committer, metrics, files, webchat: channels.webchat, logger: log,
    desktopDir: join(ROOT, 'packages/desktop'), webchatDir: join(ROOT, 'packages/webchat'),
    isReady: () => ready && db.writer?.healthy !== false,
    rateLimits: s.rateLimits ?? true,
    limiter: new ChatLimiter(limits, clock),
    metricsAccess: s.metrics,
  });
  const scheduler = new DeadlineScheduler(() => parley.deadlines.tick(), () => parley.deadlines.nextDeadline(), clock, log);
  parley.deadlines.onDeadlines(() => scheduler.poke());
  const stopHeartbeat = startHeartbeat(app.websocketServer, s.wsHeartbeatMs ?? 30_000);
  const metricsListener = s.metrics?.listen && (await startMetricsListener(metrics, s.metrics.listen, s.metrics.token, log));
  await app.listen({ port: s.port, host: s.host }).catch(async (err: unknown) => {
    if (metricsListener) await metricsListener.close();
    throw err;
  });
  const email = await startEmailEdges(parley.core, s.smtp, log).catch(async (err: unknown) => {
    await app.close();
    if (metricsListener) await metricsListener.close();
    throw err;
  });
  parley.config.onConfigChanged(() => void email.entryPointsChanged());
  scheduler.start();
  const stopSessionSweep = startSessionSweep(parley.sessions, clock, log);
  const sweep = (now: number) => sweepUnsentAttachments(db, committer, files, now);
  const prune = setInterval(() => {
    const now = clock.now();
    committer.run((trx) => pruneEventsBefore(trx, now - EVENT_RETENTION_MS)).catch((err) => log.error({ err }, 'event prune failed'));
    sweep(now).catch((err) => log.error({ err }, 'attachment sweep failed'));
  }, 60 * 60 * 1000).unref();
  ready = true;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : s.port;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      ready = false;
      scheduler.stop();
      stopSessionSweep();
      stopHeartbeat();
      clearInterval(prune);
      // Tell browsers to reconnect (1012 = service restart) rather than wait for a timeout.
      for (const client of app.websocketServer?.clients ?? []) client.close(1012, 'server restarting');
      await email.stop();
      // A client that stops reading (a download it never takes) must not hold the shutdown: after
      // a grace period, whatever connections remain are closed.
      const force = setTimeout(() => app.server.closeAllConnections(), s.closeGraceMs ?? CLOSE_GRACE_MS);
      await app.close();
      clearTimeout(force);
      // Sends in flight finish and are recorded (bounded by the send timeout); the rest wait in the table.
      await parley.outbox.stop();
      await parley.workflows.stop();
      if (metricsListener) await metricsListener.close();
      await committer.close();
      await db.close();
    })());
  const url = httpUrl(s.host, port);
  listeningUrl = url;
  parley.outbox.start();
  return { app, parley, db, email, sweepUnsentAttachments: sweep, url, metricsUrl: metricsListener ? metricsListener.url : `${url}/metrics`, close, ...(configFile && { configFile }) };
}

/** Each difference between the file and the database once in the log (the banner repeats them). */
function logConfigAtStart(log: Logger, c: ConfigAtStart, path: string): void {
  // A first seed lists every entity: the first hundred are enough in one log line.
  if (c.applied) log.info({ changes: c.changes.slice(0, 100) }, `config file ${path} written into the database (${c.changes.length} change(s)); the database is the source of truth from now on`);
  else if (c.changes.length) log.warn({ differences: c.changes }, `${configDriftHeadline}: ${c.changes.join('; ')}`);
}

export const configDriftHeadline = 'config file differs from the database; the database wins (change it in the admin area, or run npm run config:apply)';

const DEFAULT_SMTP_MAX_BYTES = 25 * 1024 * 1024;

function smtpFromEnv(env: NodeJS.ProcessEnv): SmtpListenSettings | undefined {
  const port = envNumber(env, 'PARLEY_SMTP_PORT', { min: 0, integer: true, unit: 'port' });
  if (port === undefined) return undefined;
  if (port > 65535) throw new ConfigError(`PARLEY_SMTP_PORT must be a port (0 to 65535), not ${port}`);
  const maxBytes = envNumber(env, 'PARLEY_SMTP_MAX_BYTES', { min: 1024, integer: true, unit: 'bytes' }) ?? DEFAULT_SMTP_MAX_BYTES;
  return { host: env.PARLEY_SMTP_HOST || '0.0.0.0', port, maxBytes };
}

function publicUrlFromEnv(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ConfigError(`PARLEY_PUBLIC_URL must be an absolute URL (e.g. https://parley.example.com), not "${raw}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ConfigError(`PARLEY_PUBLIC_URL must be http(s), not "${raw}"`);
  return u.origin + u.pathname.replace(/\/+$/, '');
}

const secondsToMs = (s: number | undefined) => (s === undefined ? undefined : s * 1000);

export function loadOrCreateSecret(dataDir: string): string {
  const path = join(dataDir, 'secret');
  if (existsSync(path)) {
    ensurePrivateFile(path);
    return readFileSync(path, 'utf8').trim();
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
