import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthedAgent, Parley } from '../app/parley';
import { sendError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    agent: AuthedAgent;
  }
}

/** The token from `Authorization: Bearer`, only: a token in a URL ends up in logs, proxies and history. */
export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || undefined;
  return undefined;
}

/** preHandler: a valid session token, optionally one of `roles`. */
export function requireAgent(parley: Parley, roles?: AuthedAgent['role'][]) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const agent = await parley.authenticate(bearer(req));
    if (!agent) return sendError(reply, 'PARLEY_ERR_UNAUTHENTICATED');
    if (roles && !roles.includes(agent.role)) return sendError(reply, 'PARLEY_ERR_FORBIDDEN');
    req.agent = agent;
  };
}
