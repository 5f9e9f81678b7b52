import { Kysely, Migrator } from 'kysely';
import { createDialect, type DialectName, type DialectOptions } from './dialect';
import { migrationProvider } from './migrations/index';
import type { Database } from './schema';
import { SqliteWriter } from './sqlite-writer';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** SQLite: the thread that runs write plans (see GroupCommitter.runPlan). */
  writer?: SqliteWriter;
  close(): Promise<void>;
}

export type OpenDatabaseOptions = DialectOptions;

/**
 * Opens PostgreSQL when `url` is a postgres:// URL, else the SQLite file `<dataDir>/parley.db`,
 * and migrates to the latest schema before returning.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Db> {
  const { dialect, name, sqlite } = createDialect(opts);
  const kysely = new Kysely<Database>({ dialect });
  try {
    await migrateToLatest(kysely);
  } catch (err) {
    await kysely.destroy().catch(() => undefined);
    throw err;
  }
  // Started after migrating, so it never meets an older schema.
  const writer = sqlite && new SqliteWriter(sqlite);
  let closed: Promise<void> | undefined;
  return {
    kysely,
    dialect: name,
    ...(writer && { writer }),
    close: () =>
      (closed ??= (async () => {
        await writer?.close();
        await kysely.destroy();
      })()),
  };
}

export async function migrateToLatest(kysely: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db: kysely, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`storage: migration ${failed} failed: ${describe(error)}`, { cause: error });
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
