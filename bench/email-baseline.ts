/**
 * The email bench's baseline: a bare smtp-server listener that only parses. Its options are those
 * of Parley's listener (packages/server/src/app/email/smtp-listener.ts: no AUTH or STARTTLS, SIZE
 * enforced, enhanced status codes, no reverse lookup); every recipient is accepted and each mail is
 * read whole and run through the same `parseEmail` — no threading, no storage — before the 250.
 * A mail that does not parse gets 554 (Parley would drop it with a 250), so the bench sees it.
 * Run as a child process (like the Parley server) so it doesn't share the load generator's loop:
 *   node --import tsx bench/email-baseline.ts   → prints "READY <port>"
 */
import { parseEmail } from '@parley/channels/email';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

const MAX_BYTES = 25 * 1024 * 1024;

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

const server = new SMTPServer({
  logger: false,
  disabledCommands: ['AUTH', 'STARTTLS'],
  size: MAX_BYTES,
  rejectOversized: true,
  hideENHANCEDSTATUSCODES: false,
  disableReverseLookup: true,
  maxClients: 100,
  onData(stream, _session, callback) {
    readMessage(stream)
      .then(async (raw) => {
        if (!raw) return callback(null);
        const parsed = await parseEmail(raw);
        if (parsed.ok) callback(null, 'Message parsed');
        else callback(Object.assign(new Error(`Not parsed: ${parsed.error.message}`), { responseCode: 554 }));
      })
      .catch((err: unknown) => callback(Object.assign(new Error(String(err)), { responseCode: 451 })));
  },
});
server.on('error', (err) => process.stderr.write(`baseline SMTP listener: ${err.message}\n`));
server.listen(0, '127.0.0.1', () => {
  const a = server.server.address();
  process.stdout.write(`READY ${typeof a === 'object' && a ? a.port : 0}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
