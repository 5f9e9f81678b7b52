/**
 * Operator defaults: the demo listens on loopback unless HOST says otherwise (and says so), and
 * /metrics can be put behind a bearer token or onto its own listener.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '@parley/testkit';
import { ConfigError } from '../src/config/config-file';
import { settingsFromEnv, startServer, type RunningServer, type ServerSettings } from '../src/server';
import { rawRequest } from './raw-http';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('listen address', () => {
  it('the demo defaults to 127.0.0.1, a plain server to every interface; HOST wins', () => {
    expect(settingsFromEnv({}, ['--demo']).host).toBe('127.0.0.1');
    expect(settingsFromEnv({}, []).host).toBe('0.0.0.0');
    expect(settingsFromEnv({ HOST: '0.0.0.0' }, ['--demo']).host).toBe('0.0.0.0');
  });

  it('`npm start` (main.ts --demo) listens on loopback and prints how to expose it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-demo-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PARLEY_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env.HOST;
    delete env.DATABASE_URL;
    delete env.PARLEY_CONFIG;
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'packages/server/src/main.ts'), '--demo'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    try {
      let out = '';
      const banner = await new Promise<string>((ok, fail) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (/Parley is running[\s\S]*\n\n/.test(out)) ok(out); // the banner ends with a blank line
        });
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.once('exit', (code) => fail(new Error(`exited ${code} before the banner:\n${out}`)));
      });
      expect(banner).toContain('Listening on 127.0.0.1 only: other machines cannot connect. To expose it, set HOST=0.0.0.0');
      const desktop = /Agent Desktop: +(http:\/\/127\.0\.0\.1:\d+)\//.exec(banner);
      expect(desktop, banner).not.toBeNull();
      expect((await fetch(`${desktop![1]}/healthz`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('/metrics protection [sqlite]', () => {
  let root: string | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function start(metrics: ServerSettings['metrics']): Promise<RunningServer> {
    root = mkdtempSync(join(tmpdir(), 'parley-metrics-'));
    const configPath = join(root, 'config.yaml');
    writeFileSync(configPath, stringify(testConfig()));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(root, 'data'), configPath, logLevel: 'warn', metrics });
    return server;
  }

  it('by default /metrics is served on the main port without credentials', async () => {
    const s = await start(undefined);
    expect(s.metricsUrl).toBe(`${s.url}/metrics`);
    const r = await rawRequest(s.url, 'GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.text).toContain('parley_offers_total');
  });

  it('PARLEY_METRICS_TOKEN: 401 in the error envelope without the bearer token, 200 with it', async () => {
    const s = await start(settingsFromEnv({ PARLEY_METRICS_TOKEN: 'scrape-me' }, []).metrics);
    for (const authorization of [undefined, 'Bearer wrong', 'scrape-me']) {
      const r = await rawRequest(s.url, 'GET', '/metrics', { headers: authorization ? { authorization } : {} });
      expect(r.status, authorization).toBe(401);
      expect(r.json).toMatchObject({ error: { code: 'PARLEY_ERR_UNAUTHENTICATED' } });
      expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const ok = await rawRequest(s.url, 'GET', '/metrics', { headers: { authorization: 'Bearer scrape-me' } });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('parley_offers_total');
  });

  it('PARLEY_METRICS_LISTEN: /metrics only on its own address, not on the main port', async () => {
    const s = await start({ listen: { host: '127.0.0.1', port: 0 } });
    const main = await rawRequest(s.url, 'GET', '/metrics');
    expect(main.status).toBe(404);
    expect(main.json).toMatchObject({ error: { code: 'PARLEY_ERR_NOT_FOUND' } });

    expect(s.metricsUrl).not.toBe(`${s.url}/metrics`);
    const base = new URL(s.metricsUrl).origin;
    const r = await rawRequest(base, 'GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.text).toContain('parley_offers_total');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const other = await rawRequest(base, 'GET', '/api/desk');
    expect(other.status).toBe(404);
    expect(other.json).toMatchObject({ error: { code: 'PARLEY_ERR_NOT_FOUND' } });
  });

  it('PARLEY_METRICS_LISTEN must be host:port', () => {
    expect(settingsFromEnv({ PARLEY_METRICS_LISTEN: '127.0.0.1:9464' }, []).metrics?.listen).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(settingsFromEnv({ PARLEY_METRICS_LISTEN: '[::1]:9464' }, []).metrics?.listen).toEqual({ host: '::1', port: 9464 });
    for (const bad of ['9464', 'localhost', 'host:99999', 'a:b:c']) {
      expect(() => settingsFromEnv({ PARLEY_METRICS_LISTEN: bad }, []), bad).toThrow(ConfigError);
    }
  });
});
