/**
 * The one place where SQLite and PostgreSQL differ: connection setup, pragmas and type parsing.
 * Everything else (schema, queries) is written once through Kysely.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import pg from 'pg';

export type DialectName = 'sqlite' | 'postgres';

export interface DialectOptions {
  url?: string | undefined;
  dataDir: string;
  /** PostgreSQL only: errors of idle pooled connections (default: written to stderr). */
  onPoolError?: ((err: Error) => void) | undefined;
}

const INT8_OID = 20;
export const SQLITE_FILE_NAME = 'parley.db';

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export function createDialect(opts: DialectOptions): { dialect: Dialect; name: DialectName } {
  if (isPostgresUrl(opts.url)) return { dialect: postgresDialect(opts.url, opts.onPoolError), name: 'postgres' };
  return { dialect: sqliteDialect(opts.dataDir), name: 'sqlite' };
}

function sqliteDialect(dataDir: string): Dialect {
  mkdirSync(dataDir, { recursive: true });
  const database = new SqliteDatabase(join(dataDir, SQLITE_FILE_NAME));
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${sqliteSynchronous()}`);
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Checkpoints (copying the WAL into the database file) cost half of every write when done on
  // the writer's commits; a worker thread does them in the background instead.
  database.pragma('wal_autocheckpoint = 0');
  const checkpointer = startCheckpointer(join(dataDir, SQLITE_FILE_NAME));
  const cached = withStatementCache(database);
  return new SqliteDialect({
    database: new Proxy(cached, {
      get(target, prop, receiver) {
        if (prop !== 'close') return Reflect.get(target, prop, receiver) as unknown;
        return () => {
          void checkpointer.terminate();
          database.pragma('wal_checkpoint(TRUNCATE)');
          database.close();
        };
      },
    }),
  });
}

const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (err) { parentPort.postMessage(String(err)); }
}, workerData.everyMs);
parentPort.on('close', () => { clearInterval(timer); db.close(); });
`;

/** A thread with its own connection that checkpoints the WAL every `everyMs`. */
function startCheckpointer(file: string, everyMs = 200): Worker {
  const worker = new Worker(CHECKPOINT_WORKER, {
    eval: true,
    workerData: { file, everyMs, module: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  worker.unref();
  worker.on('message', (msg) => process.emitWarning(`parley: WAL checkpoint failed: ${String(msg)}`));
  return worker;
}

/**
 * WAL + NORMAL (default): a commit survives the process being killed at any point; FULL also
 * survives the machine losing power, at one fsync per group-commit batch. PARLEY_SQLITE_SYNC picks.
 */
function sqliteSynchronous(): 'NORMAL' | 'FULL' {
  return process.env.PARLEY_SQLITE_SYNC?.toUpperCase() === 'FULL' ? 'FULL' : 'NORMAL';
}

/**
 * Kysely prepares every query anew; with better-sqlite3, preparing costs more than running a
 * small insert. The SQL text of a query builder is stable, so cache the prepared statements.
 */
function withStatementCache(database: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver) as unknown;
      return (sql: string) => {
        let stmt = cache.get(sql);
        if (!stmt) {
          stmt = prepare(sql);
          // Bounded: ad-hoc queries (e.g. varying IN lists) must not grow it without end.
          if (cache.size >= 1000) cache.clear();
          cache.set(sql, stmt);
        }
        return stmt;
      };
    },
  });
}

function postgresDialect(url: string, onPoolError: ((err: Error) => void) | undefined): Dialect {
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    // Timestamps and seqs are bigint; epoch ms fit a double, so read int8 as number, not string.
    // Per pool rather than pg.types.setTypeParser so other pg users in the process are unaffected.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error would otherwise be an unhandled 'error' event and kill the process.
  pool.on('error', onPoolError ?? ((err) => console.error('[storage] idle PostgreSQL client error:', err)));
  return new PostgresDialect({ pool });
}
