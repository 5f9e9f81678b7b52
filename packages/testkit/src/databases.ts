/**
 * Throwaway PostgreSQL databases for tests and benchmarks: each server gets its own database,
 * created on the server named by a base URL and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL base URL for tests (`PARLEY_TEST_DATABASE_URL`), if any. */
export const TEST_DATABASE_URL: string | undefined = process.env.PARLEY_TEST_DATABASE_URL || undefined;

export interface ScratchDatabase {
  /** `postgres://…/parley_it_<random>`. */
  url: string;
  name: string;
  /** Drops the database (terminating leftover connections). Safe to call twice. */
  drop: () => Promise<void>;
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates `parley_it_<random>` on the server of `baseUrl` and returns its URL. */
export async function createScratchDatabase(baseUrl = TEST_DATABASE_URL, prefix = 'parley_it'): Promise<ScratchDatabase> {
  if (!baseUrl) throw new Error('no PostgreSQL base URL (set PARLEY_TEST_DATABASE_URL)');
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) throw new Error(`bad database prefix ${prefix}`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(baseUrl, `CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    name,
    drop: () => (dropped ??= dropDatabase(baseUrl, name)),
  };
}

/**
 * Drops politely first (a just-closed pool may still be finishing its disconnects), polling for up
 * to two seconds while the database is in use, then with FORCE.
 */
async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  const until = Date.now() + 2000;
  for (;;) {
    try {
      await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || Date.now() > until) break; // 55006: object_in_use
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
