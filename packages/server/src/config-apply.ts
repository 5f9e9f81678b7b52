import { resolve } from 'node:path';
import { ensurePrivateDir, openDatabase } from '@parley/storage';
import { ConfigError, loadConfigFile } from './config/config-file';
import { SecretBox } from './app/entry-points/secret-box';
import { applyConfigFile } from './app/admin/config-source';
import { loadOrCreateSecret, settingsFromEnv } from './server';

/**
 * `npm run config:apply -- --config path`: makes the config file win over the database for every
 * entity it names (the database is otherwise the source of truth; see docs/configuration.md).
 * Uses the server's storage settings (DATABASE_URL, PARLEY_DATA_DIR, PARLEY_SECRET); each entity
 * changed is recorded in the audit log with actor null (the config file). A running server picks
 * the change up at its next restart (or at the next admin change).
 */
process.umask(0o077);
try {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--config');
  const path = at >= 0 ? argv[at + 1] : process.env.PARLEY_CONFIG;
  if (!path) throw new ConfigError('usage: npm run config:apply -- --config <path> (or PARLEY_CONFIG=<path>)');
  const settings = settingsFromEnv(process.env, []);
  const cfg = loadConfigFile(resolve(path));
  ensurePrivateDir(settings.dataDir);
  const box = new SecretBox(Buffer.from(settings.secret ?? loadOrCreateSecret(settings.dataDir)));
  const db = await openDatabase({ url: settings.databaseUrl, dataDir: settings.dataDir });
  try {
    const changes = await applyConfigFile(db, cfg, Date.now(), box, `config:apply ${path}`);
    process.stdout.write(changes.length ? `Applied ${path}:\n${changes.map((c) => `  - ${c}\n`).join('')}` : `${path} already matches the database.\n`);
  } finally {
    await db.close();
  }
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
