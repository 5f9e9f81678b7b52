import { settingsFromEnv, startServer } from './server';
import { ConfigError } from './config/config-file';

/** `npm start` / `npm run serve`: the Parley server as a process. SIGTERM/SIGINT shut it down gracefully. */
try {
  const settings = settingsFromEnv(process.env, process.argv.slice(2));
  const server = await startServer(settings);
  const log = server.app.log;
  const db = server.db.dialect === 'sqlite' ? `SQLite in ${settings.dataDir}` : 'PostgreSQL';
  process.stdout.write(
    [
      '',
      `  Parley is running (${db}).`,
      `  Agent Desktop:   ${server.url}/`,
      `  Web chat demo:   ${server.url}/webchat/demo`,
      `  API docs:        ${server.url}/docs`,
      `  Health/metrics:  ${server.url}/healthz  ${server.url}/metrics`,
      '',
    ].join('\n') + '\n',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    server.close().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`Configuration error: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
