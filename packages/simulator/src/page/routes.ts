import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Sim } from '../sim';

const html = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
const script = readFileSync(new URL('./page.js', import.meta.url), 'utf8');

/** The customer page: plain HTML and one small script that talks to `/_sim/*`. */
export function registerPageRoutes(app: FastifyInstance, _sim: Sim): void {
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(html));
  app.get('/page.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').send(script));
}
