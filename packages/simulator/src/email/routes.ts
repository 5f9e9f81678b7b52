import type { FastifyInstance } from 'fastify';
import type { Sim } from '../sim';
import { customerMails } from './deliver';
import { parseEmailSend } from './input';

/** The email customer's side of the page: write (or reply) to the business through Parley's SMTP listener. */
export function registerEmailRoutes(app: FastifyInstance, sim: Sim): void {
  /** Answers once Parley's listener accepted or refused the mail (`mail.status` `delivered` / `failed`). */
  app.post('/_sim/email/send', async (req, reply) => {
    const send = parseEmailSend(req.body);
    if (typeof send === 'string') return reply.code(400).send({ error: { code: 'invalid_request', message: send } });
    const result = await customerMails(sim, send);
    if ('refused' in result) return reply.code(result.status).send({ error: { code: result.status === 404 ? 'not_found' : 'no_smtp_target', message: result.refused } });
    const { mail } = result;
    if (mail.status === 'delivered') return mail;
    return reply.code(502).send({ error: { code: 'delivery_failed', message: `Parley's SMTP listener did not take the mail: ${mail.error ?? 'no answer'}` }, mail });
  });
}
