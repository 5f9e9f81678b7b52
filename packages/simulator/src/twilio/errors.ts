import type { FastifyReply } from 'fastify';

/** Twilio's REST error body: `{ code, message, more_info, status }` (§3.5). */
export function twilioError(reply: FastifyReply, status: number, code: number, message: string): FastifyReply {
  return reply.code(status).send({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

/** HTTP Basic `AccountSid:AuthToken`; anything else is 401 / 20003 with Twilio's challenge header. */
export function checkBasicAuth(header: string | undefined, accountSid: string, authToken: string): boolean {
  if (!header?.toLowerCase().startsWith('basic ')) return false;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && decoded.slice(0, colon) === accountSid && decoded.slice(colon + 1) === authToken;
}

export function unauthorized(reply: FastifyReply): FastifyReply {
  reply.header('www-authenticate', 'Basic realm="Twilio API"');
  return twilioError(reply, 401, 20003, 'Authenticate');
}
