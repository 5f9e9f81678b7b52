import type { FastifyInstance } from 'fastify';
import { refuseLateAuth } from './auth';
import { answerUnavailableWhileClosing, refuseLongUrls } from './framework-errors';
import { requireUtf8Json } from './json-body';
import { registerSecurityHeaders } from './security-headers';

/**
 * Safe defaults for every route of `app`; call before registering any. Security headers first,
 * so the answers of the checks after them carry the headers too.
 */
export async function hardenHttp(app: FastifyInstance): Promise<void> {
  await registerSecurityHeaders(app);
  app.addHook('onRequest', refuseLongUrls);
  answerUnavailableWhileClosing(app);
  requireUtf8Json(app);
  refuseLateAuth(app);
}
