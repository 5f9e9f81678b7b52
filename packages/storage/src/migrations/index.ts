import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial';
import * as sequences from './0002-sequences';

/** In-code migrations, so they ship inside the bundle. To add one: a new NNNN-name.ts and a line here. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-sequences': sequences,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
