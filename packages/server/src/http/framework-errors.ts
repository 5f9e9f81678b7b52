import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, type ErrorCode } from '@parley/protocol';
import { errorBody, sendError } from './errors';
import { BASELINE_HEADERS } from './security-headers';

/** Longer URLs answer 414 (nginx's default buffer); past Node's 16 KB header limit they answer 431. */
export const MAX_URL_LENGTH = 8 * 1024;

/**
 * Fastify options so its own answers, given before any route or hook runs, use the error
 * envelope too: an undecodable URL (`/%`), an over-long path parameter, and broken HTTP. Its
 * 503 while closing is replaced by answerUnavailableWhileClosing.
 */
export const frameworkErrorOptions = { frameworkErrors, clientErrorHandler, return503OnClosing: false };

function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  reply.headers(BASELINE_HEADERS);
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendError(reply, 'PARLEY_ERR_URI_TOO_LONG', 'A path segment of the URL is too long');
  } else if (err.code === 'FST_ERR_BAD_URL') {
    sendError(reply, 'PARLEY_ERR_VALIDATION', 'The URL is malformed (bad percent-encoding)');
  } else {
    sendError(reply, 'PARLEY_ERR_INTERNAL');
  }
}

/** Node could not parse the request (headers too large, garbage, too slow): answer on the raw socket. */
function clientErrorHandler(this: FastifyInstance, err: ConnectionError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    err.code === 'HPE_HEADER_OVERFLOW' ? 'PARLEY_ERR_HEADERS_TOO_LARGE'
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'PARLEY_ERR_TIMEOUT'
    : 'PARLEY_ERR_VALIDATION';
  const body = JSON.stringify(errorBody(code, code === 'PARLEY_ERR_VALIDATION' ? 'The request is not valid HTTP' : undefined));
  const status = ERRORS[code].status;
  const headers = Object.entries({
    ...BASELINE_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  });
  this.log.debug({ code: err.code }, 'malformed HTTP request');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${body}`);
  }
  socket.destroy();
}

/** onRequest: refuse over-long URLs before routing work or logging them in full. */
export async function refuseLongUrls(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.raw.url && req.raw.url.length > MAX_URL_LENGTH) {
    await sendError(reply, 'PARLEY_ERR_URI_TOO_LONG', `A URL can be at most ${MAX_URL_LENGTH} characters`);
  }
}

/** A request still arriving on an open connection while the server drains: 503 in the envelope. */
export function answerUnavailableWhileClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_req, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    await sendError(reply, 'PARLEY_ERR_UNAVAILABLE');
  });
}
