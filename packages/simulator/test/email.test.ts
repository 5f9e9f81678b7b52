import { simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpRelay, type SmtpRelay } from '../../testkit/src/smtp-relay';
import { parseSmtpUrl } from '../src/config';
import { type RunningSimulator, type SimMail, startSimulator } from '../src/index';

/** The simulator's email: its SMTP sink catches Parley's mail; its page API mails Parley's listener (here a fake one). */
let sim: RunningSimulator;
let parleyListener: SmtpRelay;

beforeEach(async () => {
  parleyListener = await startSmtpRelay();
  sim = await startSimulator({ parley: { webhookBase: 'http://127.0.0.1:9', smtp: { host: '127.0.0.1', port: parleyListener.port } } });
});
afterEach(async () => {
  await sim.close();
  await parleyListener.close();
});

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as SimMail & { error?: { code: string; message: string } } };
};

/** Parley's relay step: one mail handed to the simulator's SMTP sink. */
async function parleySends(mail: SendMailOptions): Promise<void> {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: sim.smtpPort, secure: false, ignoreTLS: true, logger: false });
  try {
    await t.sendMail({ from: 'Parley Support <support@parley.example>', ...mail });
  } finally {
    t.close();
  }
}

const inbox = async (address: string) => {
  const state = (await (await fetch(`${sim.url}/_sim/state`)).json()) as { mail: SimMail[] };
  return state.mail.filter((m) => m.customers.includes(address));
};

describe('the SMTP sink (Parley’s outgoing relay)', () => {
  it('keeps each mail in the inbox of every customer it is addressed to, parsed', async () => {
    await parleySends({
      to: 'Ann <Ann@Customer.example>',
      cc: 'bob@customer.example',
      subject: 'Re: Broken lid [#P-AB12]',
      text: 'A new lid is on its way.',
      html: '<p>A new lid is <b>on its way</b>.</p>',
      messageId: '<out-1@parley.example>',
      inReplyTo: '<lid-1@customer.example>',
      references: ['<lid-1@customer.example>'],
      attachments: [{ filename: 'label.pdf', content: Buffer.from('%PDF-1.4') }],
    });
    const [mail] = await inbox('ann@customer.example');
    expect(mail).toMatchObject({
      direction: 'out',
      from: '"Parley Support" <support@parley.example>',
      to: ['Ann@customer.example'],
      cc: ['bob@customer.example'],
      subject: 'Re: Broken lid [#P-AB12]',
      text: 'A new lid is on its way.',
      hasHtml: true,
      attachments: ['label.pdf'],
      messageId: '<out-1@parley.example>',
      inReplyTo: '<lid-1@customer.example>',
      references: ['<lid-1@customer.example>'],
    });
    expect(await inbox('bob@customer.example')).toHaveLength(1);
    expect(await inbox('carl@customer.example')).toHaveLength(0);
  });

  it('gives an HTML-only mail as text, never as markup', async () => {
    await parleySends({ to: 'ann@customer.example', subject: 'Hi', html: '<p>Hello <script>alert(1)</script><b>Ann</b></p>' });
    const [mail] = await inbox('ann@customer.example');
    expect(mail?.text).toContain('Ann');
    expect(mail?.text).not.toContain('<b>');
  });
});

describe('POST /_sim/email/send (the customer writes)', () => {
  it('delivers to Parley’s SMTP listener with a unique Message-ID, the name, subject, text and attachment', async () => {
    const res = await post('/_sim/email/send', {
      customer: 'ann@customer.example', name: 'Ann Smith', subject: 'Broken lid', text: 'The lid is broken.',
      attachment: { filename: 'photo.txt', contentType: 'text/plain', base64: Buffer.from('a photo').toString('base64') },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('delivered');
    expect(parleyListener.received).toHaveLength(1);
    const [got] = parleyListener.received;
    expect(got?.to).toEqual(['support@parley.example']);
    expect(got?.from).toBe('ann@customer.example');
    const parsed = await simpleParser(got!.raw);
    expect(parsed.from?.text).toBe('"Ann Smith" <ann@customer.example>');
    expect(parsed.subject).toBe('Broken lid');
    expect(parsed.text?.trim()).toBe('The lid is broken.');
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['photo.txt', 'a photo']]);
    expect(parsed.messageId).toBe(res.body.messageId);
    expect(res.body.messageId).toMatch(/^<[0-9a-f]{24}@customer\.example>$/);

    const again = await post('/_sim/email/send', { customer: 'ann@customer.example', subject: 'Again', text: 'x' });
    expect(again.body.messageId).not.toBe(res.body.messageId);
  });

  it('a Reply threads on the received mail: Re: subject, In-Reply-To and References', async () => {
    await parleySends({ to: 'ann@customer.example', subject: 'Re: Broken lid [#P-AB12]', text: 'On its way.', messageId: '<out-1@parley.example>', references: ['<lid-1@customer.example>'] });
    const [received] = await inbox('ann@customer.example');
    const res = await post('/_sim/email/send', { customer: 'ann@customer.example', name: 'Ann', replyTo: received!.id, text: 'Thanks!' });
    expect(res.status).toBe(200);
    const parsed = await simpleParser(parleyListener.received[0]!.raw);
    expect(parsed.subject).toBe('Re: Broken lid [#P-AB12]');
    expect(parsed.inReplyTo).toBe('<out-1@parley.example>');
    expect(parsed.references).toEqual(['<lid-1@customer.example>', '<out-1@parley.example>']);
    expect((await inbox('ann@customer.example')).map((m) => m.direction)).toEqual(['out', 'in']);
    // Another customer cannot answer Ann's mail.
    const other = await post('/_sim/email/send', { customer: 'bob@customer.example', replyTo: received!.id, text: 'Me too' });
    expect(other.status).toBe(404);
  });

  it('says why when Parley’s listener refuses, and refuses bad input with a clear error', async () => {
    parleyListener.failNext = 1;
    const refused = await post('/_sim/email/send', { customer: 'ann@customer.example', subject: 'Hi', text: 'x' });
    expect(refused.status).toBe(502);
    expect(refused.body.error?.code).toBe('delivery_failed');
    expect((await inbox('ann@customer.example'))[0]?.status).toBe('failed');

    for (const [body, message] of [
      [{ customer: 'not-an-address', subject: 'Hi', text: 'x' }, /address/],
      [{ customer: 'ann@customer.example', text: 'x' }, /subject/],
      [{ customer: 'ann@customer.example', subject: 'Hi' }, /message or attach/],
      [{ customer: 'ann@customer.example', replyTo: 'mail_nope', text: 'x' }, /no such received email/],
      [{ customer: 'ann@customer.example', subject: 'Hi', attachment: { filename: 'a', base64: '***' } }, /attachment/],
    ] as const) {
      const res = await post('/_sim/email/send', body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body.error?.message).toMatch(message);
    }
  });

  it('without Parley’s SMTP listener known, says so', async () => {
    sim.parley.smtp = undefined;
    const res = await post('/_sim/email/send', { customer: 'ann@customer.example', subject: 'Hi', text: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('no_smtp_target');
  });
});

it('parseSmtpUrl reads smtp://host:port', () => {
  expect(parseSmtpUrl('smtp://127.0.0.1:2525')).toEqual({ host: '127.0.0.1', port: 2525 });
  expect(parseSmtpUrl('smtp://[::1]:25/')).toEqual({ host: '::1', port: 25 });
  expect(parseSmtpUrl('http://127.0.0.1:2525')).toBeUndefined();
  expect(parseSmtpUrl('smtp://h:0')).toBeUndefined();
});
