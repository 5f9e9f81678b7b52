/**
 * The one place where SQLite and PostgreSQL differ: connection setup, pragmas and type parsing.
 * Everything else (schema, queries) is written once through Kysely.
 */
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { ensurePrivateDir, ensurePrivateFile, restrictIfPresent } from './private-files';

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

export interface CreatedDialect {
  dialect: Dialect;
  name: DialectName;
  /** SQLite: the database file and its synchronous setting, for the writer thread. */
  sqlite?: { file: string; synchronous: 'NORMAL' | 'FULL' };
}

export function createDialect(opts: DialectOptions): CreatedDialect {
  if (isPostgresUrl(opts.url)) return { dialect: postgresDialect(opts.url, opts.onPoolError), name: 'postgres' };
  ensurePrivateDir(opts.dataDir);
  const sqlite = { file: join(opts.dataDir, SQLITE_FILE_NAME), synchronous: sqliteSynchronous() };
  // SQLite creates -wal and -shm with the database file's mode, so a 0600 file keeps them private.
  ensurePrivateFile(sqlite.file);
  for (const suffix of ['-wal', '-shm', '-journal']) restrictIfPresent(sqlite.file + suffix);
  return { dialect: sqliteDialect(sqlite.file, sqlite.synchronous), name: 'sqlite', sqlite };
}

function sqliteDialect(file: string, synchronous: 'NORMAL' | 'FULL'): Dialect {
  const database = new SqliteDatabase(file);
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${synchronous}`);
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // The writer thread (sqlite-writer.ts) checkpoints, between its own commits; a checkpoint here
  // would cost the event loop.
  database.pragma('wal_autocheckpoint = 0');
  const cached = withStatementCache(database);
  return new SqliteDialect({
    database: new Proxy(cached, {
      get(target, prop, receiver) {
        if (prop !== 'close') return Reflect.get(target, prop, receiver) as unknown;
        return () => {
          database.pragma('wal_checkpoint(TRUNCATE)');
          database.close();
        };
      },
    }),
  });
}

/**
 * WAL + NORMAL (default): a commit survives the process being killed at any point; FULL also
 * survives the machine losing power, at one fsync per commit batch. PARLEY_SQLITE_SYNC picks.
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
