import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChannelAdapter, ResolvedProviders, WebhookContext, WebhookSpec } from '@parley/channels';
import type { Parley } from '../app/parley';
import { sendError } from './errors';
import { BASELINE_HEADERS } from './security-headers';

/** Meta batches up to 1,000 updates in one POST; Twilio form posts are small. */
const WEBHOOK_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Every channel's provider webhook (`adapter.webhook.path`): the raw bytes are kept for the
 * signature; a bad or missing signature is 401/403 and changes nothing; events are stored before the
 * provider gets its 2xx (a failure answers 5xx, so the provider retries); traffic for an entry point
 * that is not configured gets a 2xx and is dropped (or the provider would retry for days).
 */
export function webhookRoutes(app: FastifyInstance, parley: Pick<Parley, 'core' | 'inbound' | 'entryPoints'>): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));
    for (const adapter of parley.core.deps.channels.all()) {
      const spec = adapter.webhook;
      if (spec) route(scope, parley, adapter, spec);
    }
  });
}

/**
 * Providers, not browsers, call these: the static baseline headers instead of helmet's per-request
 * policy, and no per-request info lines (thousands a second at peak); refusals and failures still log.
 */
const PROVIDER_FACING = { schema: { hide: true }, helmet: false, logLevel: 'warn' } as const;

function route(app: FastifyInstance, parley: Pick<Parley, 'core' | 'inbound' | 'entryPoints'>, adapter: ChannelAdapter, spec: WebhookSpec<unknown>): void {
  const log = parley.core.deps.log;
  const providers = (reply: FastifyReply): ResolvedProviders | undefined => {
    try {
      return parley.entryPoints.providers();
    } catch (err) {
      log.error({ err, channel: adapter.channel }, 'webhook: a provider secret could not be read');
      void sendError(reply, 'PARLEY_ERR_UNAVAILABLE', 'A provider secret could not be read');
      return undefined;
    }
  };

  app.get(spec.path, PROVIDER_FACING, async (req, reply) => {
    reply.headers(BASELINE_HEADERS);
    if (!spec.handshake) return sendError(reply, 'PARLEY_ERR_NOT_FOUND', `No route GET ${spec.path}`);
    const p = providers(reply);
    if (!p) return reply;
    const answer = spec.handshake(req.query as Record<string, unknown>, p);
    if (answer.status !== 200) log.warn({ channel: adapter.channel, status: answer.status }, 'webhook: verification handshake refused');
    return reply.code(answer.status).type('text/plain; charset=utf-8').send(answer.body);
  });

  app.post(spec.path, PROVIDER_FACING, async (req: FastifyRequest, reply) => {
    reply.headers(BASELINE_HEADERS);
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const p = providers(reply);
    if (!p) return reply;
    const ctx: WebhookContext<unknown> = {
      providers: p,
      settingsFor: (key) => {
        const ep = parley.entryPoints.findByProviderKey(adapter.channel, key);
        return ep && parley.entryPoints.resolve(ep.id)?.settings;
      },
    };
    let verdict: ReturnType<WebhookSpec<unknown>['verify']>;
    try {
      verdict = spec.verify({ raw, headers: req.headers, url: `${req.protocol}://${req.host}${req.url}` }, ctx);
    } catch (err) {
      log.error({ err, channel: adapter.channel }, 'webhook: an entry point secret could not be read');
      return sendError(reply, 'PARLEY_ERR_UNAVAILABLE', 'An entry point secret could not be read');
    }
    const ack = spec.ack();
    if (!verdict.ok && verdict.status === 'unknown_entry_point') {
      log.warn({ channel: adapter.channel, entryPointKey: verdict.key }, 'webhook: no entry point is configured for this provider id: acknowledged, nothing stored');
      return reply.code(ack.status).type(ack.contentType).send(ack.body);
    }
    if (!verdict.ok) {
      log.warn({ channel: adapter.channel, reason: verdict.reason }, 'webhook: signature refused');
      return sendError(reply, verdict.status === 401 ? 'PARLEY_ERR_UNAUTHENTICATED' : 'PARLEY_ERR_FORBIDDEN', verdict.reason);
    }
    const events = spec.parse(raw, parley.core.now, req.url);
    await parley.inbound.receive(adapter, events);
    return reply.code(ack.status).type(ack.contentType).send(ack.body);
  });
}
