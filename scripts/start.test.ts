import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { AgentClient } from '@parley/testkit';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `npm start`'s launcher (scripts/start.ts) for real: the server and the provider simulator as child
 * processes on ports the OS picks (PORT=0, SIMULATOR_PORT=0), waited on through what they print.
 */
const ROOT = resolve(import.meta.dirname, '..');

interface Launch {
  launcher: ChildProcess;
  /** The first stdout line matching `pattern` (rejects if the launcher ends first). */
  line: (pattern: RegExp) => Promise<RegExpMatchArray>;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The launcher's child running `entry` (its command line names the entry file). */
  child: (entry: string) => number;
}

const launches: { launch: Launch; dataDir: string; pids: number[] }[] = [];

function launch(host = '127.0.0.1'): Launch {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', SIMULATOR_PORT: '0', SMTP_PORT: '0', SIMULATOR_SMTP_PORT: '0', HOST: host, PARLEY_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.PARLEY_CONFIG;
  const launcher = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let err = '';
  let ended = false;
  createInterface({ input: launcher.stdout! }).on('line', (l) => {
    lines.push(l);
    for (const w of waiters) w();
  });
  launcher.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    launcher.once('exit', (code, signal) => {
      ended = true;
      for (const w of waiters) w();
      done({ code, signal });
    }),
  );
  const line = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((done, fail) => {
      const check = () => {
        for (const l of lines) {
          const m = l.match(pattern);
          if (m) {
            waiters.delete(check);
            return done(m);
          }
        }
        if (ended) {
          waiters.delete(check);
          fail(new Error(`launcher ended before printing ${pattern}:\n${lines.join('\n')}\n${err}`));
        }
      };
      waiters.add(check);
      check();
    });
  const record = { launch: undefined as unknown as Launch, dataDir, pids: [] as number[] };
  const child = (entry: string) => {
    const pid = childrenOf(launcher.pid!).find((p) => commandLine(p).includes(entry));
    if (!pid) throw new Error(`no child running ${entry}`);
    record.pids.push(pid);
    return pid;
  };
  record.launch = { launcher, line, stderr: () => err, exited, child };
  launches.push(record);
  return record.launch;
}

/** Linux: the processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An IPv4 address of this machine other than loopback, if it has one. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

async function entryPointSettings(parleyUrl: string, id: string): Promise<Record<string, unknown> | undefined> {
  const admin = await AgentClient.login(parleyUrl, 'admin', 'parley-admin');
  const entryPoints = (await admin.request<{ id: string; settings: Record<string, unknown> }[]>('GET', '/api/admin/entry-points')).body;
  return entryPoints.find((e) => e.id === id)?.settings;
}

const smsWebhookUrl = async (parleyUrl: string) => (await entryPointSettings(parleyUrl, 'sms-demo'))?.publicWebhookUrl;

async function bothUp(l: Launch) {
  const [, simulatorUrl] = await l.line(/^ {2}Provider simulator \(be a WhatsApp, Messenger, SMS or email customer\): (http:\/\/\S+)\/$/);
  const [, parleyUrl] = await l.line(/^ {2}Agent Desktop: +(http:\/\/\S+)\/$/);
  return { simulatorUrl: simulatorUrl!, parleyUrl: parleyUrl! };
}

afterEach(async () => {
  for (const { launch: l, dataDir, pids } of launches.splice(0)) {
    // Whatever a failed test left running.
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    if (l.launcher.exitCode === null && l.launcher.signalCode === null) l.launcher.kill('SIGKILL');
    await l.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('npm start (scripts/start.ts)', () => {
  it('brings up the server and the simulator wired to each other; the printed simulator URL serves the customer page; Ctrl-C stops both', async () => {
    const l = launch();
    const { simulatorUrl, parleyUrl } = await bothUp(l);
    const server = l.child('packages/server/src/main.ts');
    const simulator = l.child('packages/simulator/src/main.ts');

    const page = await fetch(`${simulatorUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('WhatsApp');
    expect((await fetch(`${parleyUrl}/healthz`)).status).toBe(200);
    // The simulator posts to the server's real port, and the server signs SMS against that URL.
    expect(await smsWebhookUrl(parleyUrl)).toBe(`${parleyUrl}/webhooks/sms`);
    expect(((await (await fetch(`${simulatorUrl}/_sim/state`)).json()) as { webhookBase: string }).webhookBase).toBe(parleyUrl);
    // Email: the demo mailbox relays through the simulator's SMTP sink (its free port), and a mail the
    // simulator's customer writes is taken by the server's SMTP listener (a free port too).
    const [, sinkPort] = await l.line(/^Email SMTP sink \([^)]*\): smtp:\/\/127\.0\.0\.1:(\d+)$/);
    await l.line(/^ {2}SMTP listener: +smtp:\/\/127\.0\.0\.1:\d+ /);
    expect((await entryPointSettings(parleyUrl, 'email-demo'))?.smtpPort).toBe(Number(sinkPort));
    const mailed = await fetch(`${simulatorUrl}/_sim/email/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customer: 'ann@customer.example', name: 'Ann Lee', subject: 'Hello', text: 'Is anyone there?' }),
    });
    expect(mailed.status).toBe(200);
    expect(((await mailed.json()) as { status: string }).status).toBe('delivered');

    l.launcher.kill('SIGINT');
    expect(await l.exited).toEqual({ code: 0, signal: null });
    expect(alive(server)).toBe(false);
    expect(alive(simulator)).toBe(false);
  }, 90_000);

  it.skipIf(!lanAddress)('with HOST on another address, the demo config keeps a loopback SMS webhook URL (http is only allowed there) and the simulator posts to that address', async () => {
    const l = launch(lanAddress);
    const { simulatorUrl, parleyUrl } = await bothUp(l);
    const port = new URL(parleyUrl).port;
    expect(parleyUrl).toBe(`http://${lanAddress}:${port}`);
    expect(await smsWebhookUrl(parleyUrl)).toBe(`http://127.0.0.1:${port}/webhooks/sms`);
    expect(((await (await fetch(`${simulatorUrl}/_sim/state`)).json()) as { webhookBase: string }).webhookBase).toBe(parleyUrl);
    l.launcher.kill('SIGTERM');
    expect((await l.exited).code).toBe(0);
  }, 90_000);

  it.each([
    ['Parley server', 'provider simulator', 'packages/server/src/main.ts', 'packages/simulator/src/main.ts'],
    ['provider simulator', 'Parley server', 'packages/simulator/src/main.ts', 'packages/server/src/main.ts'],
  ])('when the %s dies, the %s is stopped too, saying why', async (deadName, otherName, deadEntry, otherEntry) => {
    const l = launch();
    await bothUp(l);
    const dead = l.child(deadEntry);
    const other = l.child(otherEntry);

    process.kill(dead, 'SIGKILL');
    expect((await l.exited).code).toBe(1);
    expect(l.stderr()).toContain(`The ${deadName} stopped (signal SIGKILL): stopping the ${otherName} too.`);
    expect(alive(other)).toBe(false);
  }, 90_000);
});
