/**
 * What an agent's email carries out (ADR 0003), read back as the customer's client would: the mail
 * the relay (a real SMTP server run by the test) accepted, parsed by mailparser.
 */
import type { SendMailOptions } from 'nodemailer';
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import type { AgentClient } from '@parley/testkit';
import type { AttachmentDto, MessageDto } from '@parley/protocol';
import { eventually, onlyConversation } from './channel-harness';
import { deliverMail, emailSuite, SMTP_LISTENER } from './email-harness';
import { describeBackends, is, useServer, type TestServer } from './harness';

const MAILBOX = 'support@support.example.com';
const ANN = 'ann@customer.example';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const { config, relay } = emailSuite([{ address: MAILBOX }]);
config.templates.push({ id: 'sign-off', name: 'Sign-off', channels: ['email'], locked: true, body: 'Kind regards, {{agent.name}}' });

const deliver = (s: TestServer, mail: SendMailOptions) => deliverMail(s, { from: `Ann Smith <${ANN}>`, to: MAILBOX, ...mail });

/** The customer's mail offered to agent1 and accepted; its stored message. */
async function acceptedMail(s: TestServer, mail: SendMailOptions): Promise<{ a1: AgentClient; id: string; parent: MessageDto }> {
  const a1 = await s.agent('agent1');
  await a1.available();
  await deliver(s, mail);
  const c = await onlyConversation(await s.agent('super', { connect: false }), 'email', ANN);
  await a1.waitFor(is.offer(c.id, 'a1'));
  await a1.accept(c.id);
  return { a1, id: c.id, parent: (await a1.messages(c.id)).messages[0]! };
}

async function upload(a: AgentClient, name: string, mimeType: string, bytes: Buffer): Promise<AttachmentDto> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: mimeType }), name);
  const r = await a.request<AttachmentDto>('POST', '/api/attachments', form);
  expect(r.status).toBe(200);
  return r.body;
}

/** The next mail the relay accepts, parsed. */
async function relayed(before: number) {
  const [mail] = await eventually(async () => relay().received.slice(before), (r) => r.length === 1, 'relayed');
  return { raw: mail!.text, parsed: await simpleParser(mail!.raw, { keepCidLinks: true }) };
}

describeBackends('email out', (backend) => {
  const srv = useServer(backend, { config, smtp: SMTP_LISTENER });

  it('a locked template goes as written by email too: altered text is refused, and the editor\'s HTML is replaced by the rendering', async () => {
    const s = srv();
    const { a1, id, parent } = await acceptedMail(s, { subject: 'Thanks', text: 'Thanks!', messageId: '<locked-1@customer.example>' });
    const email = { mode: 'reply', to: [ANN], cc: [], subject: '', html: '<p>Tampered <b>offer</b></p>', parentId: parent.id };
    const altered = await a1.request('POST', `/api/conversations/${id}/messages`, { clientId: 'locked-0', text: 'Tampered offer', template: { id: 'sign-off', params: {} }, email });
    expect(altered.status).toBe(400);
    const before = relay().received.length;
    await a1.call<MessageDto>('POST', `/api/conversations/${id}/messages`, { clientId: 'locked-1', text: '', template: { id: 'sign-off', params: {} }, email });
    const { parsed } = await relayed(before);
    expect(parsed.html).toContain('Kind regards, Agent One');
    expect(parsed.html).not.toContain('Tampered');
    expect(parsed.text).toContain('Kind regards, Agent One');
  });

  it('an inline image of the editor goes as a related part shown by cid:, not as a link nor as a second attachment', async () => {
    const s = srv();
    const { a1, id, parent } = await acceptedMail(s, { subject: 'Broken lid', text: 'The lid is broken.', messageId: '<inline-1@customer.example>' });
    const image = await upload(a1, 'lid.png', 'image/png', PNG);
    const doc = await upload(a1, 'manual.pdf', 'application/pdf', Buffer.from('%PDF-1.4 manual'));
    const before = relay().received.length;
    const sent = await a1.call<MessageDto>('POST', `/api/conversations/${id}/messages`, {
      clientId: 'inline-1',
      text: 'This lid fits.',
      attachmentIds: [image.id, doc.id],
      email: { mode: 'reply', to: [ANN], cc: [], subject: '', html: `<p>This lid fits:</p><p><img src="${image.url}" alt="lid"></p>`, parentId: parent.id },
    });
    const { raw, parsed } = await relayed(before);
    expect(raw).toMatch(/multipart\/related/);
    expect(raw).not.toContain('/files/');
    const inline = parsed.attachments.filter((a) => a.contentDisposition === 'inline');
    expect(inline).toHaveLength(1);
    expect(inline[0]).toMatchObject({ filename: 'lid.png', contentType: 'image/png', related: true });
    expect(inline[0]!.content.equals(PNG)).toBe(true);
    expect(inline[0]!.cid).toBeTruthy();
    expect(parsed.html).toContain(`src="cid:${inline[0]!.cid}"`);
    // The document stays a regular attachment; the image is not sent a second time as one.
    expect(parsed.attachments.filter((a) => a.contentDisposition === 'attachment').map((a) => a.filename)).toEqual(['manual.pdf']);
    // The Desktop shows the agent's email with the image from our file link.
    expect(sent.email!.html).toContain(`/files/${image.id}?`);
    expect(sent.email!.html).not.toContain('cid:');
  });

  it('a forward re-attaches the forwarded email’s files (not original.eml) next to the agent’s own', async () => {
    const s = srv();
    const { a1, id, parent } = await acceptedMail(s, {
      subject: 'Invoice',
      text: 'See the invoice and the photo.',
      html: '<p>See the invoice and the photo: <img src="cid:photo@customer.example"></p>',
      messageId: '<fwd-1@customer.example>',
      attachments: [
        { filename: 'invoice.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 invoice') },
        { filename: 'photo.png', contentType: 'image/png', content: PNG, cid: 'photo@customer.example' },
      ],
    });
    expect(parent.attachments.map((a) => a.name).sort()).toEqual(['invoice.pdf', 'original.eml', 'photo.png']);
    const note = await upload(a1, 'note.txt', 'text/plain', Buffer.from('handled by support'));
    const before = relay().received.length;
    // What the Desktop's Forward loads: the forwarded email's HTML (its inline image as our file link) quoted.
    const html = `<p>Please check.</p><blockquote>${parent.email!.html}</blockquote>`;
    const sent = await a1.call<MessageDto>('POST', `/api/conversations/${id}/messages`, {
      clientId: 'fwd-1',
      text: 'Please check.',
      attachmentIds: [note.id],
      email: { mode: 'forward', to: ['billing@support.example.com'], cc: [], subject: 'Fwd: Invoice', html, parentId: parent.id },
    });
    const { parsed } = await relayed(before);
    expect(parsed.subject).toMatch(/^Fwd: Invoice/);
    const files = parsed.attachments.map((a) => [a.filename, a.contentDisposition]);
    expect(files).toEqual(expect.arrayContaining([['note.txt', 'attachment'], ['invoice.pdf', 'attachment'], ['photo.png', 'inline']]));
    expect(files).toHaveLength(3);
    expect(parsed.attachments.find((a) => a.filename === 'invoice.pdf')!.content.toString()).toBe('%PDF-1.4 invoice');
    const photo = parsed.attachments.find((a) => a.filename === 'photo.png')!;
    expect(parsed.html).toContain(`src="cid:${photo.cid}"`);
    // The agent's email lists what it carried.
    expect(sent.attachments.map((a) => a.name).sort()).toEqual(['invoice.pdf', 'note.txt', 'photo.png']);
  });
});
