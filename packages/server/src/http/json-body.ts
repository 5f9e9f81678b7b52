import type { FastifyInstance } from 'fastify';
import { DomainError } from '@parley/core';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies must be valid UTF-8. Fastify's own parser decodes with replacement characters, so
 * broken bytes would be stored as U+FFFD silently; here they answer 400 in the error envelope.
 * Parsing itself (and the __proto__/constructor poisoning checks) stays Fastify's.
 */
export function requireUtf8Json(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new DomainError('PARLEY_ERR_VALIDATION', 'The request body is not valid UTF-8'), undefined);
      return;
    }
    parseJson(req, text, done);
  });
}
