import { afterEach, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import testTlsOptions from 'smtp-server/lib/tls-options.js';
import { startSmtpListener, type SmtpEnvelope, type SmtpListener, type SmtpListenerOptions } from '../src/app/email/smtp-listener';
import { rawSmtp } from './email-smtp-client';

const MAILBOX = 'support@shop.example';

interface Delivered {
  raw: Buffer;
  envelope: SmtpEnvelope;
}

let listener: SmtpListener | undefined;
afterEach(async () => {
  await listener?.stop(0);
  listener = undefined;
});

async function start(over: Partial<SmtpListenerOptions> = {}) {
  const delivered: Delivered[] = [];
  const errors: Error[] = [];
  listener = await startSmtpListener({
    host: '127.0.0.1',
    port: 0,
    maxBytes: 10_000,
    acceptsRecipient: (address) => address.toLowerCase() === MAILBOX,
    deliver: async (raw, envelope) => {
      delivered.push({ raw, envelope });
    },
    onError: (err) => errors.push(err),
    ...over,
  });
  return { delivered, errors, port: listener.port };
}

function client(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, logger: false });
}

function message(subject: string, body = 'Hello, my order is late.') {
  return {
    from: 'ana@customer.example',
    to: MAILBOX,
    subject,
    text: body,
  };
}

/** An SMTP error as nodemailer reports it. */
async function failure(p: Promise<unknown>): Promise<{ responseCode?: number; response?: string; code?: string }> {
  try {
    await p;
  } catch (err) {
    return err as { responseCode?: number; response?: string };
  }
  throw new Error('expected the send to fail');
}

describe('SMTP listener (a real SMTP client over loopback)', () => {
  it('accepts mail for a configured mailbox and hands over the raw message and the envelope', async () => {
    const { delivered, port } = await start();
    const info = await client(port).sendMail(message('Order 1234'));
    expect(info.response).toMatch(/^250 2\.6\.0 /);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.raw.toString()).toContain('Subject: Order 1234');
    expect(delivered[0]!.envelope).toMatchObject({ mailFrom: 'ana@customer.example', rcptTo: [MAILBOX], remoteAddress: '127.0.0.1' });
  });

  it('refuses an unknown recipient at RCPT with 550 5.1.1 and says which address', async () => {
    const { delivered, port } = await start();
    const err = await failure(client(port).sendMail({ ...message('Hi'), to: 'nobody@shop.example' }));
    expect(err.responseCode).toBe(550);
    expect(err.response).toMatch(/^550 5\.1\.1 No mailbox here by the name <nobody@shop\.example>/);
    expect(delivered).toHaveLength(0);
  });

  it('announces its size limit in EHLO and refuses a larger message with 552 5.3.4', async () => {
    const { delivered, port } = await start({ maxBytes: 2_000 });
    // nodemailer declares the size (MAIL FROM … SIZE=n): refused before any data is sent.
    const declared = await failure(client(port).sendMail(message('Big', 'x'.repeat(5_000))));
    expect(declared.responseCode).toBe(552);
    expect(declared.response).toMatch(/^552 5\.3\.4 /);

    // A client that declares nothing is stopped after DATA, and nothing is delivered.
    const smtp = await rawSmtp(port);
    expect(await smtp.command('EHLO tester')).toMatch(/250[ -]SIZE 2000/);
    expect(await smtp.command('MAIL FROM:<ana@customer.example>')).toMatch(/^250/);
    expect(await smtp.command(`RCPT TO:<${MAILBOX}>`)).toMatch(/^250/);
    expect(await smtp.command('DATA')).toMatch(/^354/);
    const reply = await smtp.send(`Subject: big\r\n\r\n${'y'.repeat(78)}\r\n`.repeat(60) + '.\r\n');
    expect(reply).toMatch(/^552 5\.3\.4 /);
    // The session is still usable after the refusal.
    expect(await smtp.command('QUIT')).toMatch(/^221/);
    smtp.destroy();
    expect(delivered).toHaveLength(0);
  });

  it('answers 451 4.3.0 when the message could not be stored, so the sender retries', async () => {
    const { port, errors } = await start({
      deliver: async () => {
        throw new Error('database is down');
      },
    });
    const err = await failure(client(port).sendMail(message('Order 1234')));
    expect(err.responseCode).toBe(451);
    expect(err.response).toMatch(/^451 4\.3\.0 Message not stored, try again later/);
    // The cause is for our log, not for the sender.
    expect(err.response).not.toContain('database');
    expect(errors.map((e) => e.message)).toEqual(['database is down']);
  });

  it('answers 250 only once deliver resolved, while other sessions go on meanwhile', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let deliverCalled!: () => void;
    const firstArrived = new Promise<void>((resolve) => (deliverCalled = resolve));
    const subjects: string[] = [];
    const { port } = await start({
      deliver: async (raw) => {
        const subject = /Subject: (.*)/.exec(raw.toString())?.[1] ?? '';
        if (subject === 'held') {
          deliverCalled();
          await held;
        }
        subjects.push(subject);
      },
    });
    let firstDone = false;
    const first = client(port)
      .sendMail(message('held'))
      .then((info) => {
        firstDone = true;
        return info;
      });
    await firstArrived;
    // A second session, start to finish, while the first one waits for its store.
    const others = await Promise.all(['a', 'b', 'c'].map((s) => client(port).sendMail(message(s))));
    expect(others.map((i) => i.response.slice(0, 3))).toEqual(['250', '250', '250']);
    expect(firstDone).toBe(false);
    release();
    expect((await first).response).toMatch(/^250/);
    expect(subjects.sort()).toEqual(['a', 'b', 'c', 'held']);
  });

  it('takes several messages in one session, each stored before its own 250', async () => {
    const { delivered, port } = await start();
    const smtp = await rawSmtp(port);
    await smtp.command('EHLO mta.customer.example');
    for (const subject of ['one', 'two', 'three']) {
      expect(await smtp.command('MAIL FROM:<>')).toMatch(/^250/); // the null sender: a bounce
      expect(await smtp.command(`RCPT TO:<${MAILBOX}>`)).toMatch(/^250/);
      expect(await smtp.command('DATA')).toMatch(/^354/);
      expect(await smtp.send(`Subject: ${subject}\r\n\r\nbody\r\n.\r\n`)).toMatch(/^250 /);
      expect(delivered.at(-1)?.raw.toString()).toContain(`Subject: ${subject}`);
    }
    expect(delivered.map((d) => d.envelope)).toEqual(
      Array(3).fill({ mailFrom: null, rcptTo: [MAILBOX], remoteAddress: '127.0.0.1', helo: 'mta.customer.example', secure: false }),
    );
    smtp.destroy();
  });

  it('offers STARTTLS only with a configured key and certificate, and says when a session used it', async () => {
    const plain = await start();
    const smtp = await rawSmtp(plain.port);
    expect(await smtp.command('EHLO tester')).not.toContain('STARTTLS');
    smtp.destroy();
    await listener?.stop(0);

    // smtp-server's published test certificate: fine for a test, never for a real listener.
    const { key, cert } = testTlsOptions();
    const { delivered, port } = await start({ tls: { key: key as string, cert: cert as string } });
    const tlsClient = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false }, logger: false });
    expect((await tlsClient.sendMail(message('over TLS'))).response).toMatch(/^250/);
    expect(delivered[0]!.envelope.secure).toBe(true);
  });

  it('limits recipients per message and connections at once', async () => {
    const { port } = await start({ maxRecipients: 1, maxClients: 1 });
    const smtp = await rawSmtp(port);
    await smtp.command('EHLO tester');
    await smtp.command('MAIL FROM:<ana@customer.example>');
    expect(await smtp.command(`RCPT TO:<${MAILBOX}>`)).toMatch(/^250/);
    expect(await smtp.command('RCPT TO:<sales@shop.example>')).toMatch(/^452 /);
    // One client at a time: the next one is turned away with 421.
    const second = await rawSmtp(port);
    expect(second.greeting).toMatch(/^421 /);
    second.destroy();
    smtp.destroy();
  });

  it('survives clients that send garbage or hang up mid-message, and keeps accepting mail', async () => {
    const { delivered, port } = await start();
    const garbage = await rawSmtp(port);
    expect(await garbage.send('\u0000\u00ff\u0001 NOT SMTP AT ALL\r\n')).toMatch(/^5\d\d /);
    garbage.destroy();

    const quitter = await rawSmtp(port);
    await quitter.command('EHLO tester');
    await quitter.command('MAIL FROM:<ana@customer.example>');
    await quitter.command(`RCPT TO:<${MAILBOX}>`);
    await quitter.command('DATA');
    quitter.destroy(); // half a message, then gone

    const long = await rawSmtp(port);
    expect(await long.command(`EHLO ${'a'.repeat(40_000)}`)).toMatch(/^(421|5\d\d) /);
    long.destroy();

    const info = await client(port).sendMail(message('still here'));
    expect(info.response).toMatch(/^250/);
    expect(delivered.map((d) => /Subject: (.*)/.exec(d.raw.toString())?.[1])).toEqual(['still here']);
  });
});
