import { SMTPServer } from 'smtp-server';

export interface RelayedMail {
  from: string;
  to: string[];
  raw: Buffer;
  /** `raw` as UTF-8 text, for header and body assertions. */
  text: string;
}

/** A business's outgoing SMTP relay for tests: records every message it accepts. */
export interface SmtpRelay {
  port: number;
  received: RelayedMail[];
  /** Answers 451 (try again later) to this many messages before accepting again. */
  failNext: number;
  close(): Promise<void>;
}

/** Starts a real SMTP server on a free loopback port (no AUTH, no STARTTLS). */
export async function startSmtpRelay(): Promise<SmtpRelay> {
  const relay: SmtpRelay = { port: 0, received: [], failNext: 0, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (relay.failNext > 0) {
          relay.failNext--;
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks);
        relay.received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw, text: raw.toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const a = server.server.address();
  relay.port = typeof a === 'object' && a ? a.port : 0;
  relay.close = () => new Promise<void>((ok) => server.close(() => ok()));
  return relay;
}
