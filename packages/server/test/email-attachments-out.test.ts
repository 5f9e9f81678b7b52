/** An agent's email reply carries its attachments as MIME parts, to a real SMTP relay (smtp-server). */
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PNG_1PX, startSmtpRelay, testConfig, type SmtpRelay } from '@parley/testkit';
import type { AttachmentDto } from '@parley/protocol';
import { eventually, onlyConversation } from './channel-harness';
import { describeBackends, is, useServer } from './harness';

const MAILBOX = 'support@support.example.com';
const ANN = 'ann@customer.example';
let relay: SmtpRelay;

const config = testConfig() as ReturnType<typeof testConfig> & { entryPoints: Record<string, unknown>[] };
const mail = { id: 'mail', name: 'Support mail', channel: 'email', queue: 'q-email', settings: { address: MAILBOX, inbound: 'smtp', smtpHost: '127.0.0.1', smtpPort: 0, smtpSecure: false } };
config.entryPoints.push(mail);

beforeAll(async () => {
  relay = await startSmtpRelay();
  mail.settings.smtpPort = relay.port;
});
afterAll(async () => {
  await relay?.close();
});

describeBackends('email attachments out', (backend) => {
  const srv = useServer(backend, { config, smtp: { host: '127.0.0.1', port: 0, maxBytes: 5 * 1024 * 1024 } });

  it('the reply leaves with the file attached, its type the one read from the bytes', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const sup = await s.agent('super', { connect: false });
    const t = nodemailer.createTransport({ host: '127.0.0.1', port: s.server.email.smtpPort!, secure: false, ignoreTLS: true, logger: false });
    await t.sendMail({ from: ANN, to: MAILBOX, subject: 'Invoice?', text: 'Please send the invoice.', messageId: '<inv@customer.example>' });
    t.close();
    const c = await onlyConversation(sup, 'email', ANN);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG_1PX)], { type: 'application/octet-stream' }), 'invoice.png');
    const up = await a1.request<AttachmentDto>('POST', `/api/attachments?conversationId=${c.id}`, form);
    expect(up.status).toBe(200);
    const before = relay.received.length;
    await a1.sendMessage(c.id, 'Here is the invoice.', { attachmentIds: [up.body.id] });
    const [sent] = await eventually(async () => relay.received.slice(before), (r) => r.length === 1, 'relayed');
    const parsed = await simpleParser(sent!.raw);
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([['invoice.png', 'image/png']]);
    expect(Buffer.from(parsed.attachments[0]!.content).equals(PNG_1PX)).toBe(true);
  });
});
