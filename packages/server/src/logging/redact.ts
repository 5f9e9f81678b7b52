/**
 * Secrets never reach the logs: tokens and link signatures in URLs, credentials in connection
 * strings, and fields named like secrets are replaced with `[redacted]` in every log line.
 */
import pino, { type Logger, type LoggerOptions } from 'pino';

export const REDACTED = '[redacted]';

/** Query parameters that carry secrets: tokens, link signatures, passwords, keys, anything "secret". */
const SECRET_PARAM = /([?&;](?:[\w.-]*(?:token|secret|password|passwd|key|credential|signature)[\w.-]*|sig|pwd|auth|code)=)[^&#\s"'<>]*/gi;
/** An HTTP credential written out in a message: `Bearer …`, `Basic …`. */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/g;
/** `scheme://user:password@host`: the password part. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']*:)[^\s@/"']+@/gi;

/** `text` with secret query values and URL passwords replaced. */
export function redactSecrets(text: string): string {
  return text
    .replace(SECRET_PARAM, `$1${REDACTED}`)
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`);
}

/**
 * A field whose name says it holds a secret, at any depth: tokens (access, page, verify …), app and
 * client secrets, passwords, signatures, API and access keys, credentials, authorization, cookies.
 */
const SECRET_FIELD = /token|secret|passw|^pass$|^pwd$|signature|^sig$|authorization|cookie|api[_-]?key|access[_-]?key|private[_-]?key|^key$|credential/i;
const MAX_DEPTH = 8;

/** A copy of a log line's fields with secret-named values replaced and strings scrubbed. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  // Errors, requests, buffers: their own serializers deal with them.
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_FIELD.test(k) && v != null && v !== '' ? REDACTED : redactFields(v, depth + 1);
  return out;
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
    formatters: { log: (fields) => redactFields(fields) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as Parameters<typeof method>);
      },
    },
  };
}

/**
 * A logger given from outside (tests) gets the same serializers and field redaction for its
 * children (pino children cannot add the message-string hook; messages Parley writes are fixed text).
 */
export function withRedaction(log: Logger): Logger {
  return log.child({}, {
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { req: serializeRequest, err: serializeError },
    formatters: { log: (fields) => redactFields(fields) as Record<string, unknown> },
  } as Parameters<Logger['child']>[1]) as unknown as Logger;
}
