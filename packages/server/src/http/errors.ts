import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@parley/core';
import { ERRORS, type ErrorBody, type ErrorCode } from '@parley/protocol';

export function errorBody(code: ErrorCode, message?: string, details?: unknown): ErrorBody {
  return { error: { code, message: message ?? ERRORS[code].message, ...(details === undefined ? {} : { details }) } };
}

export function sendError(reply: FastifyReply, code: ErrorCode, message?: string, details?: unknown) {
  return reply.code(ERRORS[code].status).send(errorBody(code, message, details));
}

/** Every failure leaves as an ErrorBody with a code from the shared catalogue. */
export function errorHandler(err: FastifyError | DomainError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) return sendError(reply, err.code, err.message);
  const fe = err as FastifyError;
  if (fe.validation) {
    return sendError(reply, 'PARLEY_ERR_VALIDATION', validationMessage(fe), fe.validation);
  }
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) return sendError(reply, 'PARLEY_ERR_PAYLOAD_TOO_LARGE');
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) return sendError(reply, 'PARLEY_ERR_UNSUPPORTED_MEDIA', fe.message);
  if (fe.statusCode === 429) return sendError(reply, 'PARLEY_ERR_RATE_LIMITED', fe.message);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return sendError(reply, fe.statusCode === 404 ? 'PARLEY_ERR_NOT_FOUND' : 'PARLEY_ERR_VALIDATION', fe.message);
  }
  req.log.error({ err }, 'request failed');
  return sendError(reply, 'PARLEY_ERR_INTERNAL');
}

/**
 * Ajv reports a union of literals as one "must be equal to constant" per member plus "must match a
 * schema in anyOf"; say which values are allowed instead, and drop the anyOf noise elsewhere.
 */
function validationMessage(fe: FastifyError): string {
  const errors = fe.validation ?? [];
  const where = (instancePath: string) => `${fe.validationContext ?? 'body'}${instancePath}`;
  const consts = errors.filter((e) => e.keyword === 'const');
  if (consts.length > 0 && errors.every((e) => e.keyword === 'const' || e.keyword === 'anyOf')) {
    const allowed = consts.map((e) => JSON.stringify((e.params as { allowedValue?: unknown }).allowedValue));
    return `${where(consts[0]!.instancePath)} must be one of ${allowed.join(', ')}`;
  }
  const useful = errors.filter((e) => e.keyword !== 'anyOf');
  if (useful.length > 0 && useful.length < errors.length) {
    return useful.map((e) => `${where(e.instancePath)} ${e.message ?? 'is not valid'}`).join('; or ');
  }
  return fe.message;
}
