import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SMTPServer, type SMTPServerError } from 'smtp-server';
import { freePort } from '@parley/testkit';
import { sendRaw, type SmtpRelay } from '../src/app/email/smtp-sender';

const RAW = Buffer.from(
  [
    'From: Shop Support <support@shop.example>',
    'To: ana@customer.example',
    'Subject: Re: Order 1234',
    'Message-ID: <reply-1@shop.example>',
    'Date: Fri, 27 Nov 2026 12:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Your order ships tomorrow.',
    '',
  ].join('\r\n'),
);
const ENVELOPE = { from: 'bounces@shop.example', to: ['ana@customer.example'] };

type Verdict = { at: 'rcpt' | 'data'; code: number; text: string } | undefined;

/** The receiving MTA: a real smtp-server that keeps what it got, or refuses the way it is told. */
async function receivingMta(verdict: Verdict = undefined) {
  const received: Buffer[] = [];
  const refuse = (code: number, text: string): SMTPServerError => Object.assign(new Error(text), { responseCode: code });
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['AUTH', 'STARTTLS'],
    hideENHANCEDSTATUSCODES: false,
    disableReverseLookup: true,
    onRcptTo(_address, _session, callback) {
      callback(verdict?.at === 'rcpt' ? refuse(verdict.code, verdict.text) : null);
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (verdict?.at === 'data') return callback(refuse(verdict.code, verdict.text));
        received.push(Buffer.concat(chunks));
        callback(null, 'Ok: queued as 4QueueId42');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  mtas.push(server);
  return { received, relay: { host: '127.0.0.1', port, secure: false } satisfies SmtpRelay };
}

const mtas: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(mtas.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

describe('SMTP sender (to a real SMTP server run by the test)', () => {
  it('hands the message over as it is and reports its Message-ID', async () => {
    const { received, relay } = await receivingMta();
    const result = await sendRaw(relay, ENVELOPE, RAW);
    expect(result).toEqual({ ok: true, providerId: '<reply-1@shop.example>' });
    expect(received).toHaveLength(1);
    expect(received[0]!.toString()).toContain('Subject: Re: Order 1234');
    expect(received[0]!.toString()).toContain('Your order ships tomorrow.');
  });

  it('falls back to the relay queue id when the message has no Message-ID', async () => {
    const { relay } = await receivingMta();
    const bare = Buffer.from('From: support@shop.example\r\nTo: ana@customer.example\r\nSubject: x\r\n\r\nbody\r\n');
    expect(await sendRaw(relay, ENVELOPE, bare)).toEqual({ ok: true, providerId: '4QueueId42' });
  });

  it('a 451 from the server is a temporary failure: retryable, with the reply as reason', async () => {
    const { relay } = await receivingMta({ at: 'data', code: 451, text: 'Greylisted, come back later' });
    const result = await sendRaw(relay, ENVELOPE, RAW);
    expect(result).toMatchObject({ ok: false, retryable: true, code: 'transient', providerCode: '451 4.3.0' });
    expect(!result.ok && result.reason).toBe('451 4.3.0 Greylisted, come back later');
  });

  it('a 550 for the recipient is permanent, with the server reply text as the reason', async () => {
    const { relay } = await receivingMta({ at: 'rcpt', code: 550, text: 'No such user here' });
    const result = await sendRaw(relay, ENVELOPE, RAW);
    expect(result).toMatchObject({ ok: false, retryable: false, code: 'recipient_unavailable', providerCode: '550 5.1.1' });
    expect(!result.ok && result.reason).toContain('No such user here');
  });

  it('a 554 refusing the message after its data is permanent too', async () => {
    const { relay } = await receivingMta({ at: 'data', code: 554, text: 'Message rejected as spam' });
    const result = await sendRaw(relay, ENVELOPE, RAW);
    expect(result).toMatchObject({ ok: false, retryable: false, providerCode: '554 5.6.0' });
    expect(!result.ok && result.reason).toContain('Message rejected as spam');
  });

  it('a refused connection is a network failure worth another try', async () => {
    const port = await freePort(); // nothing listens there
    const result = await sendRaw({ host: '127.0.0.1', port, secure: false }, ENVELOPE, RAW);
    expect(result).toMatchObject({ ok: false, retryable: true, code: 'network' });
  });

  it('signs the message with DKIM when a key is configured', async () => {
    const { received, relay } = await receivingMta();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const result = await sendRaw({ ...relay, dkim: { domainName: 'shop.example', keySelector: 'parley', privateKey: pem } }, ENVELOPE, RAW);
    expect(result.ok).toBe(true);
    const got = received[0]!.toString();
    // The signature comes first, for our domain and selector, over the message as we built it.
    expect(got.startsWith('DKIM-Signature: ')).toBe(true);
    expect(got).toMatch(/d=shop\.example;/);
    expect(got).toMatch(/s=parley;/);
    expect(got.slice(got.indexOf('From: '))).toBe(RAW.toString());
  });

  it('sends no DKIM signature without a key', async () => {
    const { received, relay } = await receivingMta();
    await sendRaw(relay, ENVELOPE, RAW);
    expect(received[0]!.toString()).not.toContain('DKIM-Signature');
  });
});
