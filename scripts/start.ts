/**
 * `npm start`: the Parley server in demo mode and the provider simulator, wired to each other.
 *
 * PORT (default 8080) and SIMULATOR_PORT (default 3900) pick the ports; 0 means any free one. The
 * simulator starts first and sends its webhooks to the server's URL; the server then starts on a copy
 * of the demo config (PARLEY_CONFIG, default config/demo.yaml) whose URLs on the default origins are
 * moved to the real ones (scripts/demo-config.ts), so its Graph and Twilio calls reach the simulator
 * and the simulator's SMS signatures cover the webhook URL the config names. Email: the server's SMTP
 * listener is on 127.0.0.1:SMTP_PORT (default 2525, 0 = any free one), where the simulator delivers the
 * customers' mail; the demo mailbox relays through the simulator's SMTP sink (SIMULATOR_SMTP_PORT,
 * default 3925), whose port the config follows too. Ctrl-C (SIGINT/SIGTERM) stops both; if either stops
 * on its own, the other is stopped too and the exit code is 1.
 *
 * The server never imports the simulator: they are two processes that only talk HTTP, as with the
 * real providers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { demoConfigFor } from './demo-config';

const ROOT = resolve(import.meta.dirname, '..');
const env = process.env;
const host = env.HOST || '127.0.0.1';
const simulatorHost = env.SIMULATOR_HOST || '127.0.0.1';

function portFrom(name: string, fallback: number): number {
  const raw = env[name] ?? String(fallback);
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    process.stderr.write(`${name} must be a port number (0 for any free one), not "${raw}"\n`);
    process.exit(2);
  }
  return port;
}

/** A free port on `on`. The server's port must be known before it starts (the simulator posts to it). */
function freePort(on: string): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, on, () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** How a process on this machine reaches a listener on `on` (a wildcard address is reached on loopback). */
function originOf(on: string, port: number): string {
  const reachable = on === '0.0.0.0' || on === '::' ? '127.0.0.1' : on;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

const children = new Map<string, ChildProcess>();
let stopping = false;
let exitCode = 0;
let configDir = '';

function stopAll(reason: string | undefined, code: number): void {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  if (reason) process.stderr.write(`${reason}\n`);
  for (const child of children.values()) child.kill('SIGTERM');
  // A child that ignores SIGTERM (the server forces itself out after 10 s) must not keep the demo up.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 15_000).unref();
  if (children.size === 0) finish();
}

function finish(): void {
  if (configDir) rmSync(configDir, { recursive: true, force: true });
  process.exit(exitCode);
}

/**
 * Runs a TypeScript entry point under tsx, passing its output through; resolves with the first
 * stdout line each of `ready` matches once all were printed, or undefined when the process ends before.
 */
function run(name: string, entry: string, args: string[], extraEnv: NodeJS.ProcessEnv, ready: RegExp[]): Promise<RegExpMatchArray[] | undefined> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.set(name, child);
  return new Promise((done) => {
    let seen = false;
    const matches: (RegExpMatchArray | undefined)[] = ready.map(() => undefined);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      process.stdout.write(`${line}\n`);
      if (seen) return;
      ready.forEach((pattern, i) => {
        matches[i] ??= line.match(pattern) ?? undefined;
      });
      if (matches.every(Boolean)) {
        seen = true;
        done(matches as RegExpMatchArray[]);
      }
    });
    const ended = (how: string) => {
      if (!children.delete(name)) return;
      if (!seen) done(undefined);
      const others = [...children.keys()];
      const what = seen ? `The ${name} stopped (${how})` : `The ${name} could not start (${how})`;
      stopAll(stopping ? undefined : others.length ? `${what}: stopping the ${others.join(' and ')} too.` : `${what}.`, 1);
      if (children.size === 0) finish();
    };
    child.once('error', (err) => ended(err.message));
    child.once('exit', (code, signal) => ended(signal ? `signal ${signal}` : `exit code ${code}`));
  });
}

process.on('SIGINT', () => stopAll(undefined, 0));
process.on('SIGTERM', () => stopAll(undefined, 0));

const port = portFrom('PORT', 8080) || (await freePort(host));
const parleyUrl = originOf(host, port);
// The server's URL as the demo config names it: loopback, as an http SMS webhook URL must be. When
// HOST is another address the simulator posts there but signs SMS over this URL, as Twilio signs
// the URL configured at Twilio rather than the one it reaches (wire-formats §3.2).
const configuredParleyUrl = `http://127.0.0.1:${port}`;
// Email: the server's SMTP listener (on loopback) takes the customers' mail from the simulator, and
// the demo mailbox relays its replies to the simulator's SMTP sink.
const smtpPort = portFrom('SMTP_PORT', 2525) || (await freePort('127.0.0.1'));
const simulatorReady = await run(
  'provider simulator',
  'packages/simulator/src/main.ts',
  [],
  {
    SIMULATOR_PORT: String(portFrom('SIMULATOR_PORT', 3900)),
    SIMULATOR_SMTP_PORT: String(portFrom('SIMULATOR_SMTP_PORT', 3925)),
    SIMULATOR_HOST: simulatorHost,
    PARLEY_URL: parleyUrl,
    PARLEY_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    SIMULATOR_SMS_WEBHOOK_URL: `${configuredParleyUrl}/webhooks/sms`,
  },
  [/^Provider simulator \([^)]*\): (\S+?)\/?$/, /^Email SMTP sink \([^)]*\): smtp:\/\/\S+:(\d+)$/],
);
if (simulatorReady && !stopping) {
  const [[, simulatorUrl = ''] = [], [, sinkPort = ''] = []] = simulatorReady;
  const source = env.PARLEY_CONFIG ?? join(ROOT, 'config/demo.yaml');
  configDir = mkdtempSync(join(tmpdir(), 'parley-demo-'));
  const config = join(configDir, 'demo.yaml');
  writeFileSync(config, demoConfigFor(readFileSync(source, 'utf8'), { parley: configuredParleyUrl, simulator: simulatorUrl, simulatorSmtpPort: Number(sinkPort) }), { mode: 0o600 });
  await run(
    'Parley server',
    'packages/server/src/main.ts',
    ['--demo'],
    { PORT: String(port), HOST: host, PARLEY_CONFIG: config, PARLEY_SIMULATOR_URL: simulatorUrl, PARLEY_SMTP_HOST: '127.0.0.1', PARLEY_SMTP_PORT: String(smtpPort) },
    [/Agent Desktop:/],
  );
}
