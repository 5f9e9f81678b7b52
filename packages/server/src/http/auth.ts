import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AgentSessions, AuthedAgent } from '../app/auth/sessions';
import type { WebchatSessions } from '../app/customer/webchat-sessions';
import { sendError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    agent: AuthedAgent;
    webchatSession: { conversationId: string; customerId: string };
  }
}

/** The token from `Authorization: Bearer`, only: a token in a URL ends up in logs, proxies and history. */
export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || undefined;
  return undefined;
}

type AuthHook = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
const authHooks = new WeakSet<AuthHook>();

/**
 * onRequest hook: a valid session token, optionally one of `roles`. It must run onRequest, before
 * the body is read and validated, so a caller without the right to call the route learns only
 * 401/403 (see refuseLateAuth).
 */
export function requireAgent(sessions: Pick<AgentSessions, 'authenticate'>, roles?: AuthedAgent['role'][]): AuthHook {
  const hook = async (req: FastifyRequest, reply: FastifyReply) => {
    const agent = await sessions.authenticate(bearer(req));
    if (!agent) return sendError(reply, 'PARLEY_ERR_UNAUTHENTICATED');
    if (roles && !roles.includes(agent.role)) return sendError(reply, 'PARLEY_ERR_FORBIDDEN');
    req.agent = agent;
  };
  authHooks.add(hook);
  return hook;
}

/** onRequest hook for the customer's web chat routes: the session token of an open chat. */
export function requireWebchatSession(webchat: Pick<WebchatSessions, 'webchatSession'>): AuthHook {
  const hook = async (req: FastifyRequest) => {
    req.webchatSession = await webchat.webchatSession(bearer(req) ?? '');
  };
  authHooks.add(hook);
  return hook;
}

/** Refuses, at start-up, a route that checks credentials only after parsing and validating the body. */
export function refuseLateAuth(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const phase of ['preParsing', 'preValidation', 'preHandler'] as const) {
      const hooks = [route[phase] ?? []].flat() as unknown[];
      if (hooks.some((h) => authHooks.has(h as AuthHook))) {
        throw new Error(`${String(route.method)} ${route.url}: authenticate in onRequest, not ${phase}`);
      }
    }
  });
}
