import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Sim } from '../sim';
import { applySwitches } from '../failures';
import { customerReads, customerSends } from './actions';
import { checkHandshake } from './handshake';
import { customerIdError, parseChannel, parseCustomerSend } from './input';
import { stateView } from './view';

type Obj = Record<string, unknown>;

function refuse(reply: FastifyReply, message: string, status = 400): FastifyReply {
  return reply.code(status).send({ error: { code: 'invalid_request', message } });
}

/** The page's API (and the tests'): everything a customer can do, plus the switches. */
export function registerCustomerRoutes(app: FastifyInstance, sim: Sim): void {
  app.get('/_sim/state', async () => stateView(sim));

  app.post('/_sim/customer', async (req, reply) => {
    const b = (req.body ?? {}) as Obj;
    const channel = parseChannel(b.channel);
    if (!channel) return refuse(reply, 'channel must be whatsapp, messenger or sms');
    const id = typeof b.customer === 'string' ? b.customer.trim() : '';
    const idError = customerIdError(channel, id);
    if (idError) return refuse(reply, idError);
    const name = typeof b.name === 'string' && b.name.trim() ? b.name.trim() : 'Sim Customer';
    return sim.state.upsertCustomer({ channel, id, name });
  });

  /** `?wait=1` answers once Parley acknowledged the webhook (or retries ran out). */
  app.post<{ Querystring: { wait?: string } }>('/_sim/customer/send', async (req, reply) => {
    const send = parseCustomerSend(req.body);
    if (typeof send === 'string') return refuse(reply, send);
    const { entry, delivered } = customerSends(sim, send);
    if (!req.query.wait) return reply.code(202).send({ id: entry.id });
    const record = await delivered;
    return { id: entry.id, webhook: { seq: record.seq, outcome: record.outcome, attempts: record.attempts } };
  });

  app.post<{ Querystring: { wait?: string } }>('/_sim/customer/read', async (req, reply) => {
    const b = (req.body ?? {}) as Obj;
    if (b.channel !== 'whatsapp' && b.channel !== 'messenger') return refuse(reply, 'read receipts exist on whatsapp and messenger only');
    const customer = typeof b.customer === 'string' ? b.customer : '';
    const done = customerReads(sim, b.channel, customer);
    if (req.query.wait) await done;
    return reply.code(req.query.wait ? 200 : 202).send({ ok: true });
  });

  app.put<{ Params: { channel: string } }>('/_sim/failures/:channel', async (req, reply) => {
    const channel = parseChannel(req.params.channel);
    if (!channel) return refuse(reply, 'channel must be whatsapp, messenger or sms', 404);
    const problem = applySwitches(sim.state.failures, channel, req.body);
    if (problem) return refuse(reply, problem);
    sim.state.touch();
    return sim.state.failures[channel];
  });

  /** "Send again": replays a webhook (the last one, of a channel, or by `seq`) with the same bytes. */
  app.post<{ Querystring: { wait?: string } }>('/_sim/replay', async (req, reply) => {
    const b = (req.body ?? {}) as Obj;
    const record = typeof b.seq === 'number' ? sim.state.webhooks.find((w) => w.seq === b.seq) : sim.state.lastWebhook(parseChannel(b.channel));
    if (!record) return refuse(reply, 'no such webhook to send again', 404);
    const again = sim.dispatcher.replay(record);
    if (!req.query.wait) return reply.code(202).send({ replaying: record.seq });
    const done = await again;
    return { seq: done.seq, outcome: done.outcome, attempts: done.attempts };
  });

  app.post('/_sim/verify', async (req, reply) => {
    const b = (req.body ?? {}) as Obj;
    if (b.channel !== 'whatsapp' && b.channel !== 'messenger') return refuse(reply, 'channel must be whatsapp or messenger');
    return checkHandshake(sim, b.channel, typeof b.verifyToken === 'string' ? b.verifyToken : undefined);
  });

  /** Lets the page show what Parley uploaded (the provider side would deliver it to the phone). */
  app.get<{ Params: { id: string } }>('/_sim/media/:id', async (req, reply) => {
    const media = sim.state.media.get(req.params.id);
    if (!media) return refuse(reply, 'no such media', 404);
    if (media.url) return reply.redirect(media.url);
    return reply.type(media.mimeType).send(media.bytes);
  });
}
