import type { SendFailure, SendResult } from '@parley/channels';
import nodemailer from 'nodemailer';
import { headerValue } from './raw-headers';

/**
 * Outbound SMTP for the email channel: one finished message (built elsewhere) handed to the relay
 * the business configured, the outcome in the `SendResult` words the outbox acts on.
 */

export interface SmtpRelay {
  host: string;
  port: number;
  /** Implicit TLS (port 465). False: STARTTLS when the server offers it (`requireTls` to insist). */
  secure: boolean;
  requireTls?: boolean;
  auth?: { user: string; pass: string };
  /** Signs every message (RFC 6376) with this key when set. */
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  /** Our name in EHLO (defaults to the host name). */
  heloName?: string;
  /** Certificate checks stay on unless a test turns them off. */
  tls?: { rejectUnauthorized?: boolean; servername?: string };
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
}

export interface SmtpEnvelopeOut {
  /** MAIL FROM (the bounce address). */
  from: string;
  to: string[];
}

/** What nodemailer attaches to its errors. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Nodemailer codes for "the conversation with the server broke": the message may not have arrived. */
const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'EABORT']);
/** Nodemailer codes for "this message, as given, can never be sent". */
const INVALID_CODES = new Set(['ECONFIG', 'EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS', 'ENOAUTH', 'EREQUIRETLS']);

/** "550 5.1.1 …" → "550 5.1.1"; the enhanced status code when the server sent one. */
function replyCode(err: SmtpError): string | undefined {
  if (!err.responseCode) return undefined;
  const enhanced = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})\b/.exec(err.response ?? '')?.[1];
  return enhanced ? `${err.responseCode} ${enhanced}` : String(err.responseCode);
}

/** Maps a failed send to what the outbox does next: 4xx and broken connections retry, 5xx never. */
export function smtpFailure(err: SmtpError): SendFailure {
  const status = err.responseCode;
  const reason = (err.response ?? err.message).trim();
  const providerCode = replyCode(err);
  const base = providerCode ? { reason, providerCode } : { reason };
  if (status && status >= 400 && status < 500) {
    return { ok: false, retryable: true, code: err.code === 'EAUTH' ? 'auth' : 'transient', ...base };
  }
  if (status && status >= 500) {
    const enhanced = providerCode?.split(' ')[1] ?? '';
    const code =
      err.code === 'EAUTH' || status === 530 || status === 535
        ? 'auth'
        : err.code === 'EENVELOPE' || enhanced.startsWith('5.1.')
          ? 'recipient_unavailable'
          : enhanced.startsWith('5.7.')
            ? 'policy'
            : 'unknown';
    return { ok: false, retryable: false, code, ...base };
  }
  if (err.code && INVALID_CODES.has(err.code)) return { ok: false, retryable: false, code: 'invalid_request', reason };
  if (err.code === 'EAUTH') return { ok: false, retryable: false, code: 'auth', reason };
  // Refused, reset, timed out, or something we do not recognise: another attempt may well succeed.
  return { ok: false, retryable: true, code: err.code && NETWORK_CODES.has(err.code) ? 'network' : 'transient', reason };
}

/** "250 2.0.0 Ok: queued as 4Xyz" → "4Xyz". */
function queueId(response: string): string | undefined {
  return /queued as\s+<?([^\s>]+)/i.exec(response)?.[1];
}

/**
 * Sends one finished RFC 5322 message. The provider id is the message's own Message-ID (what the
 * customer's reply will quote), else the relay's queue id. Never throws: every failure is a result.
 */
export async function sendRaw(relay: SmtpRelay, envelope: SmtpEnvelopeOut, raw: Buffer, signal?: AbortSignal): Promise<SendResult> {
  const transport = nodemailer.createTransport({
    host: relay.host,
    port: relay.port,
    secure: relay.secure,
    requireTLS: relay.requireTls ?? false,
    ...(relay.auth ? { auth: { user: relay.auth.user, pass: relay.auth.pass } } : {}),
    ...(relay.dkim ? { dkim: relay.dkim } : {}),
    ...(relay.heloName ? { name: relay.heloName } : {}),
    ...(relay.tls ? { tls: relay.tls } : {}),
    connectionTimeout: relay.connectionTimeoutMs ?? 30_000,
    greetingTimeout: relay.greetingTimeoutMs ?? 30_000,
    socketTimeout: relay.socketTimeoutMs ?? 60_000,
    logger: false,
    debug: false,
  });
  try {
    const info = await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw, signal });
    const providerId = headerValue(raw, 'message-id') ?? queueId(info.response) ?? info.messageId ?? '';
    return { ok: true, providerId };
  } catch (err) {
    return smtpFailure(err instanceof Error ? (err as SmtpError) : new Error(String(err)));
  } finally {
    transport.close();
  }
}
