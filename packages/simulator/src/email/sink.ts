import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { mailId } from '../ids';
import type { SimState } from '../state';
import { normalizeAddress, type SimMail } from './mail';

export interface SmtpSink {
  port: number;
  close: () => Promise<void>;
}

/** What a provider would accept from Parley in one message (Parley's own default limit is 25 MB per file). */
const MAX_BYTES = 40 * 1024 * 1024;

/**
 * The outgoing relay Parley's email entry points send through (like the business's real SMTP
 * server): every message it accepts is parsed and put in the inbox of each customer it is addressed to.
 */
export async function startSmtpSink(state: SimState, options: { port: number; host: string }): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: MAX_BYTES,
    // Closing the simulator must not wait long for a client that keeps its connection open.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (stream.sizeExceeded) return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          state.addMail(receivedMail(parsed, envelopeTo, state.now()));
          callback();
        })
        // One unreadable message must not stop the sink: the sender is told to try again.
        .catch((err: Error) => callback(Object.assign(new Error(`Message not parsed: ${err.message}`), { responseCode: 451 })));
    },
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => done());
  });
  server.on('error', () => undefined); // a broken client connection is that client's problem
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

type Parsed = Awaited<ReturnType<typeof simpleParser>>;

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

export function receivedMail(parsed: Parsed, envelopeTo: string[], at: number): SimMail {
  const to = addresses(parsed.to);
  const cc = addresses(parsed.cc);
  const refs = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : [parsed.references];
  const mail: SimMail = {
    id: mailId(),
    direction: 'out',
    customers: [...new Set([...to, ...cc, ...envelopeTo].map(normalizeAddress))],
    at,
    from: parsed.from?.text ?? '',
    to,
    cc,
    subject: parsed.subject ?? '',
    text: (parsed.text ?? '').trim(),
    hasHtml: typeof parsed.html === 'string' && parsed.html.length > 0,
    attachments: parsed.attachments.map((a) => a.filename ?? a.contentType),
    messageId: parsed.messageId ?? '',
    status: 'received',
  };
  if (parsed.inReplyTo) mail.inReplyTo = parsed.inReplyTo;
  if (refs.length) mail.references = refs;
  return mail;
}
