import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Metrics } from '../app/metrics';
import { errorHandler, sendError } from './errors';
import { frameworkErrorOptions } from './framework-errors';
import { BASELINE_HEADERS } from './security-headers';

/** Where /metrics is served and what it asks for (PARLEY_METRICS_TOKEN, PARLEY_METRICS_LISTEN). */
export interface MetricsAccess {
  /** Scrapers must send `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Serve /metrics on this address only, not on the main port. */
  listen?: { host: string; port: number } | undefined;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** onRequest: the bearer token, compared in constant time (digests, so the length leaks nothing either). */
function requireMetricsToken(token: string) {
  const expected = digest(token);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const h = req.headers.authorization;
    const given = h?.startsWith('Bearer ') ? h.slice(7).trim() : '';
    if (!timingSafeEqual(digest(given), expected)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return sendError(reply, 'PARLEY_ERR_UNAUTHENTICATED', 'Send the metrics token as Authorization: Bearer');
    }
  };
}

/** GET /metrics (Prometheus text format) on `app`, behind the token when one is set. */
export function metricsRoute(app: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  app.get('/metrics', { schema: { hide: true }, ...(token ? { onRequest: requireMetricsToken(token) } : {}) }, async (_req, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}

/** The separate metrics listener: /metrics and nothing else, same envelope and baseline headers. */
export async function startMetricsListener(
  metrics: Metrics,
  listen: { host: string; port: number },
  token: string | undefined,
  logger: Logger,
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify({ loggerInstance: logger.child({ listener: 'metrics' }) as FastifyBaseLogger, ...frameworkErrorOptions }) as unknown as FastifyInstance;
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => sendError(reply, 'PARLEY_ERR_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`));
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(BASELINE_HEADERS);
  });
  metricsRoute(app, metrics, token);
  await app.listen(listen);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  return { url: `${httpUrl(listen.host, port)}/metrics`, close: () => app.close() };
}

/** A URL for an address we listen on (the unspecified addresses are reached through localhost). */
export function httpUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/** `host:port` or `[v6]:port` (PARLEY_METRICS_LISTEN); undefined when it is not one. */
export function parseListenAddress(value: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(value.trim());
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port > 65535) return undefined;
  return { host: (m[1] ?? m[2])!, port };
}
