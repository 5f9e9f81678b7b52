/**
 * The one place where SQLite and PostgreSQL differ: connection setup, pragmas and type parsing.
 * Everything else (schema, queries) is written once through Kysely.
 */
import { mkdirSync } from 'node:fs';
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
  // FULL: a commit is on disk before it is acknowledged (group commit pays one fsync per batch).
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new SqliteDialect({ database });
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
