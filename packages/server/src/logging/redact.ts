/**
 * Secrets never reach the logs: tokens and link signatures in URLs, credentials in connection
 * strings, and fields named like secrets are replaced with `[redacted]` in every log line.
 */
import pino, { type Logger, type LoggerOptions } from 'pino';

export const REDACTED = '[redacted]';

/** Query parameters that carry secrets: tokens, link signatures, passwords, keys, anything "secret". */
const SECRET_PARAM = /([?&;](?:[\w.-]*(?:token|secret|password|passwd|api[_-]?key|apikey|credential)[\w.-]*|sig|signature|pwd|auth|code)=)[^&#\s"'<>]*/gi;
/** `scheme://user:password@host`: the password part. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']*:)[^\s@/"']+@/gi;

/** `text` with secret query values and URL passwords replaced. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PARAM, `$1${REDACTED}`).replace(URL_PASSWORD, `$1${REDACTED}@`);
}

/** Fields redacted wherever they appear (top level and one or two levels down). */
const SECRET_KEYS = ['token', 'password', 'passwordHash', 'secret', 'sig', 'signature', 'authorization', 'cookie', 'apiKey', 'accessToken', 'refreshToken'];
export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((k) => `*.${k}`),
  ...SECRET_KEYS.map((k) => `*.*.${k}`),
  'req.headers["set-cookie"]',
  'res.headers["set-cookie"]',
];

interface RequestLike {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request serializer, with the URL's secrets removed. */
export function serializeRequest(req: RequestLike) {
  return {
    method: req.method,
    url: req.url === undefined ? undefined : redactSecrets(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** pino's error serializer, with secrets removed from the message and stack. */
export function serializeError(err: unknown) {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (!out || typeof out !== 'object') return out;
  for (const k of ['message', 'stack']) if (typeof out[k] === 'string') out[k] = redactSecrets(out[k] as string);
  return out;
}

/** Options for every Parley logger: field redaction, safe serializers, and scrubbed message strings. */
export function redactingLoggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { req: serializeRequest, err: serializeError },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as Parameters<typeof method>);
      },
    },
  };
}

/** A logger given from outside (tests) gets the same serializers and redaction for its children. */
export function withRedaction(log: Logger): Logger {
  return log.child({}, { redact: { paths: REDACT_PATHS, censor: REDACTED }, serializers: { req: serializeRequest, err: serializeError } });
}
