import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WebchatMessagesQuery, WebchatStartBody } from '@parley/protocol/api';
import type { Parley } from '../app/parley';
import { requireWebchatSession } from './auth';
import { sendError } from './errors';
import { RATE_LIMITS, perMinute } from './rate-limit';
import { CROSS_SITE_SCRIPT_HELMET, DEMO_PAGE_HELMET } from './security-headers';
import type { UploadHandler } from './upload';
import { uploader } from '../app/uploader';

/** The customer side of web chat: widget script, demo page, session REST, uploads. */
export function webchatRoutes(app: FastifyInstance, { webchat }: Pick<Parley, 'webchat'>, upload: UploadHandler, webchatDir: string): void {
  const tags = ['webchat'];
  const widget = join(webchatDir, 'dist/widget.js');
  const demo = join(webchatDir, 'public/demo.html');
  const session = requireWebchatSession(webchat);

  app.get('/webchat/widget.js', { schema: { hide: true }, helmet: CROSS_SITE_SCRIPT_HELMET }, async (_req, reply) => {
    if (!existsSync(widget)) return sendError(reply, 'PARLEY_ERR_NOT_FOUND', 'The widget is not built: run `npm run build`');
    return reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(readFileSync(widget));
  });
  app.get('/webchat/demo', { schema: { hide: true }, helmet: DEMO_PAGE_HELMET }, async (_req, reply) => {
    if (!existsSync(demo)) return sendError(reply, 'PARLEY_ERR_NOT_FOUND');
    return reply.type('text/html; charset=utf-8').send(readFileSync(demo));
  });

  // The widget runs on customers' sites: its API answers any origin (it carries a bearer token, no cookies).
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/webchat/api/')) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-headers', 'authorization, content-type');
    reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
    if (req.method === 'OPTIONS') return reply.code(204).send();
  });

  app.post<{ Body: WebchatStartBody }>('/webchat/api/sessions', { schema: { tags, body: WebchatStartBody }, config: { rateLimit: perMinute(RATE_LIMITS.webchatSession) } }, async (req) =>
    webchat.startWebchat(req.body),
  );
  app.get('/webchat/api/session', { onRequest: session, schema: { tags } }, async (req) => webchat.webchatSnapshot(req.webchatSession.conversationId));
  app.get<{ Querystring: WebchatMessagesQuery }>('/webchat/api/messages', { onRequest: session, schema: { tags, querystring: WebchatMessagesQuery } }, async (req) =>
    webchat.webchatMessages(req.webchatSession.conversationId, req.query.before, req.query.limit === undefined ? 100 : Number(req.query.limit)),
  );
  app.post('/webchat/api/attachments', { onRequest: session, schema: { tags, consumes: ['multipart/form-data'] }, config: { rateLimit: perMinute(RATE_LIMITS.upload) } }, async (req: FastifyRequest, reply: FastifyReply) => {
    const s = req.webchatSession;
    const channel = await webchat.channelOfOpenConversation(s.conversationId);
    return upload(req, reply, channel, s.conversationId, uploader.chat(s.conversationId));
  });
}
