import type { ServerResponse } from 'node:http';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { type DeepPartialAccounts, type ParleyTarget, resolveAccounts, type SimulatorAccounts } from './config';
import { registerCustomerRoutes } from './customer/routes';
import { registerEmailRoutes } from './email/routes';
import { startSmtpSink } from './email/sink';
import { registerGraphRoutes } from './graph/routes';
import { registerPageRoutes } from './page/routes';
import type { Sim } from './sim';
import { SimState } from './state';
import { registerTwilioRoutes } from './twilio/routes';
import { DEFAULT_RETRY, type RetryPolicies, WebhookDispatcher } from './webhooks/dispatcher';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  parley: ParleyTarget;
  accounts?: DeepPartialAccounts;
  /** Injected clock (epoch ms): webhook timestamps, windows, media URL expiry. */
  now?: () => number;
  retry?: Partial<RetryPolicies>;
  /** The simulator's URL as Parley reaches it, when that is not the listening address (media URLs use it). */
  publicUrl?: string;
  /** The SMTP sink's port (Parley's outgoing relay for email); 0 (the default) picks a free one. */
  smtpPort?: number;
  /** Delay between an API answer and its first receipt, as at a real provider (default 300 ms). */
  statusDelayMs?: number;
}

export interface RunningSimulator {
  url: string;
  accounts: SimulatorAccounts;
  /** Where Parley is; `parley.smtp` may be set once Parley's SMTP listener is known. */
  parley: ParleyTarget;
  /** The SMTP sink's port: an email entry point's `smtpPort` (host: the simulator's). */
  smtpPort: number;
  state: SimState;
  /** Resolves once every queued webhook was delivered or given up on. */
  idle: () => Promise<void>;
  close: () => Promise<void>;
}

/** Starts the provider simulator: Graph + Twilio APIs, signed webhooks to Parley, and the customer page. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const state = new SimState(options.now ?? Date.now);
  const dispatcher = new WebhookDispatcher(state, { ...DEFAULT_RETRY, ...options.retry });
  const timers = new Set<NodeJS.Timeout>();
  const held = new Set<ServerResponse>();
  let baseUrl = '';
  const sim: Sim = {
    accounts: resolveAccounts(options.accounts),
    parley: options.parley,
    state,
    dispatcher,
    baseUrl: () => baseUrl,
    later: (fn) => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, options.statusDelayMs ?? 300);
      timers.add(t);
    },
    hold: (reply) => {
      reply.hijack();
      held.add(reply.raw);
      reply.raw.once('close', () => held.delete(reply.raw));
    },
  };

  const app = buildApp(sim);
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const sink = await startSmtpSink(state, { port: options.smtpPort ?? 0, host: options.host ?? '127.0.0.1' }).catch(async (err) => {
    await app.close();
    throw err;
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  const listening = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  baseUrl = options.publicUrl?.replace(/\/+$/, '') ?? listening;

  return {
    url: listening,
    accounts: sim.accounts,
    parley: sim.parley,
    smtpPort: sink.port,
    state,
    idle: () => dispatcher.idle(),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      dispatcher.close();
      for (const res of held) res.destroy();
      await Promise.all([app.close(), sink.close()]);
    },
  };
}

function buildApp(sim: Sim): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 25 * 1024 * 1024 });
  // Twilio and form-encoded Graph calls: keep every pair (MediaUrl repeats).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, new URLSearchParams(String(body))));
  app.register(multipart, { limits: { fileSize: 25 * 1024 * 1024, files: 1 } });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (req.url.startsWith('/2010-04-01/')) return reply.code(status).send({ code: 20001, message: err.message, more_info: 'https://www.twilio.com/docs/errors/20001', status });
    if (req.url.startsWith('/_sim/')) return reply.code(status).send({ error: { code: 'invalid_request', message: err.message } });
    return reply.code(status).send({ error: { message: `(#100) ${err.message}`, type: 'OAuthException', code: 100, fbtrace_id: 'sim' } });
  });
  app.register(async (scope) => {
    registerGraphRoutes(scope, sim);
    registerTwilioRoutes(scope, sim);
    registerCustomerRoutes(scope, sim);
    registerEmailRoutes(scope, sim);
    registerPageRoutes(scope, sim);
  });
  return app;
}
