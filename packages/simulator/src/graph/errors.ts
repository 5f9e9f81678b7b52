import type { FastifyReply, FastifyRequest } from 'fastify';
import { fbtraceId } from '../ids';
import { graphBody } from './body';

/** The Graph error envelope (`{ error: { message, type, code, … , fbtrace_id } }`, §1.4 and §2.4). */
export interface GraphErrorBody {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_data?: Record<string, unknown>;
  error_user_title?: string;
  error_user_msg?: string;
}

export function sendGraphError(reply: FastifyReply, httpStatus: number, e: GraphErrorBody): FastifyReply {
  return reply.code(httpStatus).send({ error: { type: 'OAuthException', ...e, fbtrace_id: fbtraceId() } });
}

/** WhatsApp errors also carry `error_data: { messaging_product, details }`. */
export function whatsappError(reply: FastifyReply, httpStatus: number, code: number, message: string, details: string): FastifyReply {
  return sendGraphError(reply, httpStatus, { message: `(#${code}) ${message}`, code, error_data: { messaging_product: 'whatsapp', details } });
}

/** `(#100) …`: a missing or malformed parameter. */
export function invalidParam(reply: FastifyReply, message: string): FastifyReply {
  return sendGraphError(reply, 400, { message: `(#100) ${message}`, code: 100 });
}

export function unknownObject(reply: FastifyReply, id: string): FastifyReply {
  return sendGraphError(reply, 400, {
    message: `Unsupported request - method type: post. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  });
}

/** The token from `Authorization: Bearer`, `?access_token=` or a form field, as Graph accepts all three. */
export function graphToken(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const query = req.query as Record<string, unknown> | undefined;
  if (typeof query?.access_token === 'string') return query.access_token;
  const body = graphBody(req.body);
  if (typeof body.access_token === 'string') return body.access_token;
  return undefined;
}

/** Answers 401 / code 190 (the documented invalid-token error) unless the request carries `expected`. */
export function requireGraphToken(req: FastifyRequest, reply: FastifyReply, expected: string): boolean {
  const got = graphToken(req);
  if (got === expected) return true;
  sendGraphError(reply, 401, {
    message: got ? 'Invalid OAuth access token - Cannot parse access token' : 'An access token is required to request this resource.',
    code: 190,
  });
  return false;
}
