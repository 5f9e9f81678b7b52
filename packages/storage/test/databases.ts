/**
 * Runs a suite against SQLite (a temp dir) and, when PARLEY_TEST_DATABASE_URL is set, against
 * PostgreSQL in a freshly created database that is dropped afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { openDatabase, TABLE_NAMES, type Db } from '../src/index';

export interface TestDatabase {
  /** The dialect this suite is meant to run on. */
  readonly expectedDialect: 'sqlite' | 'postgres';
  /** Shared connection, emptied before each test. */
  readonly db: Db;
  /** Another connection to the same database (for close/reopen tests); closed after the suite. */
  open(): Promise<Db>;
  /** SQLite: the data directory holding the database file. */
  readonly dataDir: string | undefined;
}

const pgUrl = process.env.PARLEY_TEST_DATABASE_URL;

export function describeEachDatabase(title: string, suite: (t: TestDatabase) => void): void {
  describe(`${title} [sqlite]`, () => {
    let dir = '';
    suite(lifecycle(
      'sqlite',
      async () => {
        dir = mkdtempSync(join(tmpdir(), 'parley-storage-'));
        return { dataDir: dir };
      },
      async () => rmSync(dir, { recursive: true, force: true }),
    ));
  });

  describe.skipIf(!pgUrl)(`${title} [postgres]`, () => {
    const name = `parley_storage_${randomBytes(6).toString('hex')}`;
    suite(lifecycle(
      'postgres',
      async () => {
        await admin(`CREATE DATABASE ${name}`);
        const url = new URL(pgUrl ?? '');
        url.pathname = `/${name}`;
        return { url: url.toString(), dataDir: '/nonexistent' };
      },
      async () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    ));
  });
}

function lifecycle(
  expectedDialect: 'sqlite' | 'postgres',
  create: () => Promise<{ url?: string; dataDir: string }>,
  destroy: () => Promise<void>,
): TestDatabase {
  let options: { url?: string; dataDir: string } | undefined;
  let shared: Db | undefined;
  const extra: Db[] = [];

  beforeAll(async () => {
    options = await create();
    shared = await openDatabase(options);
  });
  afterAll(async () => {
    await Promise.all([shared, ...extra].map((db) => db?.close()));
    await destroy();
  });
  beforeEach(async () => {
    if (!shared) throw new Error('database not opened');
    for (const table of TABLE_NAMES) await shared.kysely.deleteFrom(table).execute();
  });

  return {
    expectedDialect,
    get db(): Db {
      if (!shared) throw new Error('database not opened');
      return shared;
    },
    get dataDir(): string | undefined {
      return expectedDialect === 'sqlite' ? options?.dataDir : undefined;
    },
    async open(): Promise<Db> {
      if (!options) throw new Error('database not created');
      const db = await openDatabase(options);
      extra.push(db);
      return db;
    },
  };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
