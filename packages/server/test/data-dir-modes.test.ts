/**
 * The data directory holds every conversation: the directory is 0700 and the SQLite database,
 * its WAL and shared-memory files, attachments and the secret are 0600 — when created, and
 * corrected at start for data left with looser modes.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { CustomerClient, testConfig } from '@parley/testkit';
import { startServer, type RunningServer } from '../src/server';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('data directory modes [sqlite]', () => {
  let root: string | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function start(dataDir: string, configPath: string): Promise<RunningServer> {
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, configPath, logLevel: 'warn' });
    return server;
  }

  /** Writes through the server (a message and an attachment) so the WAL, -shm and a file exist. */
  async function writeSomething(s: RunningServer): Promise<string> {
    const c = await CustomerClient.start(s.url);
    const up = await c.upload('note.txt', 'text/plain', 'private words');
    expect(up.status).toBe(200);
    await c.close();
    return up.body.id;
  }

  function expectPrivate(dataDir: string, attachmentId: string): void {
    expect(mode(dataDir), 'data dir').toBe('700');
    expect(mode(join(dataDir, 'files')), 'files dir').toBe('700');
    expect(mode(join(dataDir, 'files', attachmentId)), 'attachment').toBe('600');
    expect(mode(join(dataDir, 'secret')), 'secret').toBe('600');
    const db = join(dataDir, 'parley.db');
    expect(mode(db), 'database').toBe('600');
    for (const f of [`${db}-wal`, `${db}-shm`]) {
      expect(existsSync(f), f).toBe(true);
      expect(mode(f), f).toBe('600');
    }
  }

  it('creates the data dir 0700 and the database, WAL, -shm, attachments and secret 0600', async () => {
    root = mkdtempSync(join(tmpdir(), 'parley-modes-'));
    const configPath = join(root, 'config.yaml');
    writeFileSync(configPath, stringify(testConfig()));
    const dataDir = join(root, 'data');
    const s = await start(dataDir, configPath);
    const id = await writeSomething(s);
    expectPrivate(dataDir, id);
  });

  it('tightens a data dir left readable by others when it starts', async () => {
    root = mkdtempSync(join(tmpdir(), 'parley-modes-'));
    const configPath = join(root, 'config.yaml');
    writeFileSync(configPath, stringify(testConfig()));
    const dataDir = join(root, 'data');
    const id = await writeSomething(await start(dataDir, configPath));
    await server!.close();
    server = undefined;

    // As an older version (or a restore from backup) left it.
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'files'), 0o755);
    for (const f of readdirSync(join(dataDir, 'files'))) chmodSync(join(dataDir, 'files', f), 0o644);
    for (const f of readdirSync(dataDir)) if (f.startsWith('parley.db') || f === 'secret') chmodSync(join(dataDir, f), 0o644);

    const s = await start(dataDir, configPath);
    await writeSomething(s);
    expectPrivate(dataDir, id);
  });
});
