import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import * as store from '@parley/storage';
import type { Db } from '@parley/storage';
import type { WebchatAdapter } from '@parley/channels';
import type { Parley } from '../app/parley';
import type { Metrics } from '../app/metrics';
import type { Files } from '../app/files';
import type { ChatLimiter } from '../app/chat-limiter';
import { requireAgent } from './auth';
import { agentRoutes } from './agent-routes';
import { adminRoutes } from './admin-routes';
import { auditRoutes } from './audit-routes';
import { webchatRoutes } from './webchat-routes';
import { wsRoutes } from './ws-routes';
import { supervisorRoutes } from './supervisor-routes';
import { supervisorLiveRoutes } from './supervisor-live-routes';
import { webhookRoutes } from './webhook-routes';
import { historyRoutes } from './history-routes';
import { reportRoutes } from './report-routes';
import { workflowRoutes } from './workflow-routes';
import { createUploadHandler, UploadQuery, uploadChannel } from './upload';
import { errorHandler, sendError } from './errors';
import { bufferedBytes } from './coalesce';
import { uploader } from '../app/uploader';
import { frameworkErrorOptions } from './framework-errors';
import { hardenHttp } from './hardening';
import { metricsRoute, type MetricsAccess } from './metrics-route';
import { ATTACHMENT_HELMET, DOCS_CSP } from './security-headers';

export interface BuildOptions {
  parley: Parley;
  db: Db;
  committer: store.GroupCommitter;
  metrics: Metrics;
  files: Files;
  webchat: WebchatAdapter;
  logger: Logger;
  desktopDir: string;
  webchatDir: string;
  isReady: () => boolean;
  /** Per-IP limits on the anonymous endpoints (login, web chat sessions, uploads); off for load tests. */
  rateLimits: boolean;
  /** Per-session message and typing rates, socket caps. */
  limiter: ChatLimiter;
  /** /metrics behind a token, or on its own listener instead of here. */
  metricsAccess?: MetricsAccess;
}

/** The HTTP/WebSocket gateway, built apart from listen() so tests can inject(). */
export async function buildApp(o: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: o.logger as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    // Behind a reverse proxy set PARLEY_TRUST_PROXY=1, so client addresses (rate limits, logs) come
    // from X-Forwarded-For; trusting it when exposed directly would let anyone pick their address.
    trustProxy: process.env.PARLEY_TRUST_PROXY === '1',
    // No coercion: `text: 123` is a 400, not "123". Query strings, always text, declare string
    // patterns and are converted where they are read.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    ...frameworkErrorOptions,
  }) as unknown as FastifyInstance;
  app.setErrorHandler(errorHandler);
  await hardenHttp(app);
  app.setNotFoundHandler((req, reply) => sendError(reply, 'PARLEY_ERR_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`));

  await app.register(swagger, {
    openapi: {
      info: { title: 'Parley API', version: '0.1.0', description: 'Agent Desktop, web chat and admin API. Errors: { error: { code, message } }.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CSP });
  await app.register(websocket, { options: { maxPayload: 256 * 1024 } });
  await app.register(rateLimit, { global: false, ...(o.rateLimits ? {} : { allowList: () => true }) });
  // One byte over the largest channel limit, so an oversized file is cut short and refused as such.
  const maxFileBytes = Math.max(...Object.values(o.parley.core.directory.channelRules).map((r) => r.maxAttachmentBytes));
  await app.register(multipart, { limits: { fileSize: maxFileBytes + 1, files: 1, fields: 5 } });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) =>
    o.isReady() ? { status: 'ok' } : reply.code(503).send({ status: 'unavailable' }),
  );
  o.metrics.measureBufferedBytesWith(() => bufferedBytes(app.websocketServer));
  if (!o.metricsAccess?.listen) metricsRoute(app, o.metrics, o.metricsAccess?.token);

  const upload = createUploadHandler(o.files, o.committer, o.parley.core.directory, () => o.parley.core.now);
  agentRoutes(app, o.parley);
  adminRoutes(app, o.parley, o.db);
  auditRoutes(app, o.parley, o.db);
  webchatRoutes(app, o.parley, upload, o.webchatDir);
  wsRoutes(app, o.parley, o.webchat, o.metrics, o.db, o.limiter);
  supervisorRoutes(app, o.parley, o.db, o.files);
  supervisorLiveRoutes(app, o.parley, o.db, o.metrics, o.limiter);
  webhookRoutes(app, o.parley);
  historyRoutes(app, o.parley);
  workflowRoutes(app, o.parley);
  reportRoutes(app, o.parley, o.db);

  // `?conversationId=`: checked against that conversation's channel limits at once (the send checks anyway).
  app.post<{ Querystring: { conversationId?: string } }>('/api/attachments', { onRequest: requireAgent(o.parley.sessions), schema: { tags: ['agent'], consumes: ['multipart/form-data'], querystring: UploadQuery } }, async (req, reply) =>
    upload(req, reply, uploadChannel(o.parley.core, req.query.conversationId, req.agent.id), null, uploader.agent(req.agent.id)),
  );
  app.get<{ Params: { id: string }; Querystring: { exp?: string; sig?: string } }>('/files/:id', { schema: { hide: true }, helmet: ATTACHMENT_HELMET }, async (req, reply) => {
    const { id } = req.params;
    if (!o.files.verify(id, Number(req.query.exp), req.query.sig ?? '', o.parley.core.now)) return sendError(reply, 'PARLEY_ERR_FORBIDDEN', 'The link is invalid or expired');
    const a = await store.getAttachment(o.db.kysely, id);
    if (!a) return sendError(reply, 'PARLEY_ERR_NOT_FOUND');
    const inline = a.mimeType.startsWith('image/') || a.mimeType === 'application/pdf';
    reply.header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(a.name)}`);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'private, max-age=3600');
    reply.header('access-control-allow-origin', '*');
    // The widget shows these on customers' sites (another origin): allow cross-origin embedding.
    reply.header('cross-origin-resource-policy', 'cross-origin');
    const bytes = await o.files.open(a.storageKey);
    if (!bytes) return sendError(reply, 'PARLEY_ERR_NOT_FOUND', 'The file is gone');
    reply.header('content-length', a.size);
    return reply.type(a.mimeType).send(bytes);
  });

  // The Agent Desktop (a built single-page app) at `/`.
  const desktopDist = join(o.desktopDir, 'dist');
  if (existsSync(desktopDist)) {
    await app.register(fastifyStatic, { root: desktopDist, prefix: '/', index: 'index.html' });
  } else {
    app.get('/', { schema: { hide: true } }, (_req, reply) =>
      reply.type('text/plain').send('The Agent Desktop is not built: run `npm run build`.'),
    );
  }
  return app;
}
