import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError, type SMTPServerSession } from 'smtp-server';

/**
 * Inbound SMTP for the email channel: MX-style delivery (no AUTH) into the mailboxes Parley hosts.
 * The sender gets its 250 only once `deliver` has stored the message; anything that went wrong on
 * our side is a 451, so the sending MTA keeps the message and tries again.
 */

/** Who handed us the message, as the SMTP session saw it (the headers may say otherwise). */
export interface SmtpEnvelope {
  /** MAIL FROM; null for the null sender `<>` (bounces). */
  mailFrom: string | null;
  /** The accepted RCPT TO addresses, as the client wrote them. */
  rcptTo: string[];
  remoteAddress: string;
  /** The name the client gave in HELO/EHLO. */
  helo: string;
  /** True when the session ran over TLS (STARTTLS). */
  secure: boolean;
}

export interface SmtpListenerOptions {
  host: string;
  /** 0 picks a free port (read it back from `port`). */
  port: number;
  /** The largest message accepted, announced in EHLO (SIZE) and enforced with 552 5.3.4. */
  maxBytes: number;
  /** Whether an address is one of our mailboxes; false → 550 5.1.1 at RCPT. */
  acceptsRecipient: (address: string) => boolean | Promise<boolean>;
  /** Stores the message; the 250 waits for it, a rejection becomes 451 4.3.0. */
  deliver: (raw: Buffer, envelope: SmtpEnvelope) => Promise<void>;
  /** PEM key and certificate: STARTTLS is offered only when both are set. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** The name in the greeting and EHLO reply (defaults to the host name). */
  serverName?: string;
  /** Concurrent connections; the next one gets 421. Default 100. */
  maxClients?: number;
  /** Recipients per message; the next RCPT gets 452. Default 50. */
  maxRecipients?: number;
  /** Idle time before a client is disconnected. Default 60 s. */
  socketTimeoutMs?: number;
  /** Something went wrong outside any one message (a broken socket, a failed deliver): for the log. */
  onError?: (err: Error) => void;
}

export interface SmtpListener {
  host: string;
  port: number;
  /** Stops accepting; open sessions get up to `graceMs` to finish. */
  stop: (graceMs?: number) => Promise<void>;
}

/** An error smtp-server turns into a reply: the enhanced status code is added from `responseCode`. */
function reply(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

function envelopeOf(session: SMTPServerSession): SmtpEnvelope {
  const from = session.envelope.mailFrom;
  return {
    mailFrom: from ? from.address || null : null,
    rcptTo: session.envelope.rcptTo.map((r) => r.address),
    remoteAddress: session.remoteAddress,
    helo: session.hostNameAppearsAs || '',
    secure: session.secure,
  };
}

/** Reads the DATA stream, keeping nothing once it went over the limit (smtp-server then answers 552). */
function readMessage(stream: SMTPServerDataStream): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(stream.sizeExceeded ? undefined : Buffer.concat(chunks)));
  });
}

export async function startSmtpListener(opts: SmtpListenerOptions): Promise<SmtpListener> {
  const onError = opts.onError ?? (() => {});
  const server = new SMTPServer({
    name: opts.serverName,
    logger: false,
    // MX-style delivery: nobody logs in; STARTTLS only with a real certificate.
    disabledCommands: opts.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(opts.tls ? { key: opts.tls.key, cert: opts.tls.cert } : {}),
    size: opts.maxBytes,
    rejectOversized: true,
    hideENHANCEDSTATUSCODES: false,
    disableReverseLookup: true,
    maxClients: opts.maxClients ?? 100,
    maxRecipients: opts.maxRecipients ?? 50,
    socketTimeout: opts.socketTimeoutMs ?? 60_000,
    onRcptTo(address, _session, callback) {
      Promise.resolve()
        .then(() => opts.acceptsRecipient(address.address))
        .then(
          (ok) => callback(ok ? null : reply(550, `No mailbox here by the name <${address.address}>`)),
          (err: unknown) => {
            onError(err instanceof Error ? err : new Error(String(err)));
            callback(reply(451, 'Cannot check the recipient right now, try again later'));
          },
        );
    },
    onData(stream, session, callback) {
      readMessage(stream)
        .then(async (raw) => {
          // Over the limit: smtp-server answers 552 5.3.4 itself (rejectOversized).
          if (!raw) return callback(null);
          await opts.deliver(raw, envelopeOf(session));
          callback(null, 'Message stored');
        })
        .catch((err: unknown) => {
          onError(err instanceof Error ? err : new Error(String(err)));
          callback(reply(451, 'Message not stored, try again later'));
        });
    },
  });
  // Without a listener an 'error' event would throw and take the process down.
  server.on('error', (err) => onError(err));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const bound = server.server.address() as AddressInfo;

  return {
    host: opts.host,
    port: bound.port,
    stop: (graceMs = 5_000) =>
      new Promise<void>((resolve) => {
        server.options.closeTimeout = graceMs;
        server.close(() => resolve());
      }),
  };
}
