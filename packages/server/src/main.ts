import { configDriftHeadline, settingsFromEnv, startServer } from './server';
import { ConfigError } from './config/config-file';
import { startupBanner } from './startup-banner';

/** `npm start` / `npm run serve`: the Parley server as a process. SIGTERM/SIGINT shut it down gracefully. */
// Whatever this process creates (database, WAL, attachments, files added later) is the owner's only.
process.umask(0o077);
try {
  const settings = settingsFromEnv(process.env, process.argv.slice(2));
  const server = await startServer(settings);
  const log = server.app.log;
  const database = server.db.dialect === 'sqlite' ? `SQLite in ${settings.dataDir}` : 'PostgreSQL';
  const metrics = { metricsUrl: server.metricsUrl, metricsToken: Boolean(settings.metrics?.token), metricsSeparate: Boolean(settings.metrics?.listen) };
  // Set by `npm start` (scripts/start.ts), which runs the provider simulator beside the server.
  const simulatorUrl = process.env.PARLEY_SIMULATOR_URL || undefined;
  const smtp = server.email.smtp;
  const configDifferences = server.configFile && !server.configFile.applied ? server.configFile.changes : [];
  process.stdout.write(`${startupBanner({ url: server.url, host: settings.host, database, simulatorUrl, ...metrics, ...(smtp ? { smtp } : {}), configDifferences, configDriftHeadline })}\n`);
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
