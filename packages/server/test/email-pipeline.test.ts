/**
 * Email through the whole server (ADR 0003): a real SMTP client delivers to Parley's listener, the mail
 * is stored, threaded per customer and offered; the agent's reply leaves through the outbox to a real
 * SMTP relay (smtp-server in this test), threaded on the customer's Message-ID.
 */
import { readFileSync } from 'node:fs';
import type { SendMailOptions } from 'nodemailer';
import { expect, it } from 'vitest';
import type { MessageDto } from '@parley/protocol';
import * as store from '@parley/storage';
import { conversations, eventually, onlyConversation, thread } from './channel-harness';
import { deliverMail, emailSuite, SMTP_LISTENER } from './email-harness';
import { describeBackends, is, useServer, type TestServer } from './harness';
import { rawSmtp } from './email-smtp-client';

const MAILBOX = 'support@support.example.com';
const ANN = 'ann@customer.example';
const BOB = 'bob@customer.example';

/** The business's outgoing relay: records what it accepts; `failNext` answers 451 to that many messages. */
const { config, relay } = emailSuite([{ address: MAILBOX }]);

const deliver = (s: TestServer, mail: SendMailOptions) => deliverMail(s, { to: MAILBOX, ...mail });

describeBackends('email pipeline', (backend) => {
  const srv = useServer(backend, { config, smtp: SMTP_LISTENER, outbox: { policy: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 5, maxAgeMs: 60_000 } } });

  async function messagesOf(s: TestServer, conversationId: string): Promise<MessageDto[]> {
    const sup = await s.agent('super', { connect: false });
    return (await thread(sup, conversationId)) as unknown as MessageDto[];
  }

  it('a mail is offered on the email queue with subject/from/to; the same Message-ID twice is stored once; a reply joins', async () => {
    const s = srv();
    const a1 = await s.agent('agent1');
    await a1.available();
    const sup = await s.agent('super', { connect: false });
    await deliver(s, { from: `Ann Smith <${ANN}>`, subject: 'Broken lid', text: 'The lid is broken.', html: '<p>The lid is <b>broken</b>.<script>x()</script></p>', messageId: '<first@customer.example>' });
    await deliver(s, { from: `Ann Smith <${ANN}>`, subject: 'Broken lid', text: 'The lid is broken.', messageId: '<first@customer.example>' });
    const c = await onlyConversation(sup, 'email', ANN);
    expect(c).toMatchObject({ queue: { id: 'q-email' }, entryPoint: { id: 'mail' }, customer: { externalId: ANN, email: ANN, name: 'Ann Smith' } });
    const offer = await a1.waitFor(is.offer(c.id, 'a1'));
    expect(offer).toMatchObject({ conversation: { channel: 'email', subject: 'Broken lid', customer: { email: ANN } } });
    await a1.accept(c.id);
    const [m] = (await a1.messages(c.id)).messages;
    expect(m).toMatchObject({ text: 'The lid is broken.', providerId: 'first@customer.example', email: { subject: 'Broken lid', from: { address: ANN, name: 'Ann Smith' }, to: [{ address: MAILBOX }], messageId: 'first@customer.example' } });
    expect(m!.email!.html).toContain('<b>broken</b>');
    expect(m!.email!.html).not.toContain('script');
    await deliver(s, { from: ANN, subject: 'Re: Broken lid', text: 'Any news?\n\nOn Mon, Ann wrote:\n> The lid is broken.', messageId: '<second@customer.example>', inReplyTo: '<first@customer.example>', references: ['<first@customer.example>'] });
    const msgs = await eventually(() => messagesOf(s, c.id), (ms) => ms.some((x) => x.providerId === 'second@customer.example'), 'the reply joined');
    expect(msgs.filter((x) => x.direction === 'inbound').map((x) => x.text)).toEqual(['The lid is broken.', 'Any news?']);
    expect(await conversations(sup, 'email', ANN)).toHaveLength(1);
  });

  it('two customers replying to one newsletter get two conversations; a new subject from a customer starts a new one', async () => {
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    for (const who of [ANN, BOB]) await deliver(s, { from: who, subject: 'Re: Newsletter', text: 'Unsubscribe me', messageId: `<nl-${who}>`, inReplyTo: '<newsletter-1@support.example.com>' });
    expect(await conversations(sup, 'email', ANN)).toHaveLength(1);
    expect(await conversations(sup, 'email', BOB)).toHaveLength(1);
    await deliver(s, { from: ANN, subject: 'Another matter', text: 'New question', messageId: '<other@customer.example>' });
    expect(await conversations(sup, 'email', ANN)).toHaveLength(2);
  });

  it('an Outlook reply with only Thread-Index joins; an auto-reply never offers', async () => {
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    const a1 = await s.agent('agent1');
    await deliver(s, { from: ANN, subject: 'Invoice question', text: 'Invoice 77', messageId: '<o1@customer.example>', headers: { 'Thread-Index': 'AdySSzoQjyweDUtaaXihssPU5fYHGA==' } });
    await deliver(s, { from: ANN, subject: 'RE: Invoice question', text: 'Still wrong', messageId: '<o2@customer.example>', headers: { 'Thread-Index': 'AdySSzoQjyweDUtaaXihssPU5fYHGAAAEjRW' } });
    const c = await onlyConversation(sup, 'email', ANN);
    const msgs = await messagesOf(s, c.id);
    expect(msgs.map((x) => x.providerId)).toEqual(['o1@customer.example', 'o2@customer.example']);
    // An out-of-office: a notice in its thread, and from a stranger only a log line; never an offer.
    const from = a1.mark();
    await a1.available();
    await a1.waitFor(is.offer(c.id, 'a1'), undefined, from);
    const after = a1.mark();
    await deliver(s, { from: ANN, subject: 'Automatic reply: Invoice question', text: 'I am away', messageId: '<ooo1@customer.example>', inReplyTo: '<o2@customer.example>', headers: { 'Auto-Submitted': 'auto-replied' } });
    await deliver(s, { from: 'stranger@else.example', subject: 'Out of office', text: 'away', messageId: '<ooo2@else.example>', headers: { 'Auto-Submitted': 'auto-replied' } });
    const withNotice = await eventually(() => messagesOf(s, c.id), (ms) => ms.some((x) => x.providerId === 'ooo1@customer.example'), 'the auto-reply noted');
    expect(withNotice.find((x) => x.providerId === 'ooo1@customer.example')).toMatchObject({ direction: 'internal', notice: { code: 'unsupported_content' } });
    expect(await conversations(sup, 'email', 'stranger@else.example')).toHaveLength(0);
    await a1.expectNone((e) => e.type === 'offer.created', after);
  });

  it('the agent’s reply reaches the relay threaded and multipart; a 451 is retried; a DSN bounce marks it failed', async () => {
    const s = srv();
    const a1 = await s.agent('agent1');
    await a1.available();
    const sup = await s.agent('super', { connect: false });
    await deliver(s, { from: ANN, subject: 'Broken lid', text: 'The lid is broken.', messageId: '<lid@customer.example>', references: ['<root@customer.example>'] });
    const c = await onlyConversation(sup, 'email', ANN);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    const parent = (await a1.messages(c.id)).messages[0]!;
    relay().failNext = 1;
    const before = relay().received.length;
    const sent = await a1.call<MessageDto>('POST', `/api/conversations/${c.id}/messages`, {
      clientId: 'reply-1',
      text: 'A new lid is on its way.',
      email: { mode: 'reply', to: [ANN], cc: [BOB], subject: '', html: '<p>A new lid is <b>on its way</b>.</p>', parentId: parent.id },
    });
    expect(sent.providerId).toMatch(/@support\.example\.com$/);
    const got = await eventually(async () => relay().received.slice(before), (r) => r.length === 1, 'relayed');
    expect(relay().failNext).toBe(0);
    expect(got[0]!.to.sort()).toEqual([ANN, BOB]);
    const raw = got[0]!.raw.toString('utf8');
    expect(raw).toMatch(/^In-Reply-To: <lid@customer\.example>/m);
    expect(raw).toMatch(/^References: <root@customer\.example> <lid@customer\.example>/m);
    expect(raw).toMatch(new RegExp(`^Message-ID: <${sent.providerId!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>`, 'm'));
    expect(raw).toContain('multipart/alternative');
    expect(raw).toContain('text/html');
    await eventually(() => messagesOf(s, c.id), (ms) => ms.find((x) => x.id === sent.id)?.status === 'sent', 'sent');
    // The relay later bounces it: the DSN names our Message-ID.
    const dsn = readFileSync(new URL('../../channels/src/email/fixtures/dsn-bounce.eml', import.meta.url), 'utf8').replace('<out-5d2e@support.example.com>', `<${sent.providerId}>`);
    await deliver(s, { envelope: { from: 'mailer-daemon@mx.support.example.com', to: [MAILBOX] }, raw: dsn });
    const failed = await eventually(() => messagesOf(s, c.id), (ms) => ms.find((x) => x.id === sent.id)?.status === 'failed', 'failed');
    expect(failed.find((x) => x.id === sent.id)!.statusReason).toMatch(/^5\.1\.1: .*550 5\.1\.1/);
    expect(await conversations(sup, 'email', 'mailer-daemon@mx.support.example.com')).toHaveLength(0);
    expect(await store.getMessageByProviderId(s.server.db.kysely, 'email', sent.providerId!)).toMatchObject({ id: sent.id });
  });

  it('an HTML mail’s inline image is stored from the mail and its cid: points at it; the original is kept as original.eml; script, handlers and remote images are blocked', async () => {
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    const raw = readFileSync(new URL('../../channels/src/email/fixtures/html-cid-inline.eml', import.meta.url));
    await deliver(s, { envelope: { from: 'ana@example.pt', to: [MAILBOX] }, raw });
    const c = await onlyConversation(sup, 'email', 'ana@example.pt');
    const a1 = await s.agent('agent1');
    await a1.available();
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    const [m] = (await a1.messages(c.id)).messages;
    // The inline image, then the original as received.
    expect(m!.attachments.map((a) => [a.name, a.mimeType])).toEqual([['error.png', 'image/png'], ['original.eml', 'message/rfc822']]);
    const original = await fetch(new URL(m!.attachments[1]!.url, s.url));
    expect(original.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await original.arrayBuffer()).equals(raw)).toBe(true);
    expect(m!.email!.html).toContain(`src="${m!.attachments[0]!.url.replace(/&/g, '&amp;')}"`);
    // The remote image is kept only as data for "show images", never as a src.
    expect(m!.email!.html).not.toMatch(/script|onclick| src="https:/);
    expect(m!.email!.remoteImagesBlocked).toBe(true);
    const file = await fetch(new URL(m!.attachments[0]!.url, s.url));
    expect(file.status).toBe(200);
  });

  it('a reply with a bad address, or a parent outside the conversation, is a 400 and sends nothing', async () => {
    const s = srv();
    const a1 = await s.agent('agent1');
    await a1.available();
    const sup = await s.agent('super', { connect: false });
    await deliver(s, { from: ANN, subject: 'Hi', text: 'one', messageId: '<v1@customer.example>' });
    await deliver(s, { from: BOB, subject: 'Hi', text: 'two', messageId: '<v2@customer.example>' });
    const c = await onlyConversation(sup, 'email', ANN);
    const other = await onlyConversation(sup, 'email', BOB);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    const foreign = (await thread(sup, other.id))[0]!;
    const before = relay().received.length;
    const post = (email: Record<string, unknown>) => a1.request('POST', `/api/conversations/${c.id}/messages`, { clientId: `bad-${Math.random()}`, text: 'x', email: { mode: 'reply', cc: [], subject: '', ...email } });
    for (const res of [await post({ to: ['not an address'] }), await post({ to: [ANN], parentId: foreign.id })]) {
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION' } });
    }
    expect((await a1.messages(c.id)).messages.filter((m) => m.direction === 'outbound')).toEqual([]);
    expect(relay().received.length).toBe(before);
  });

  it('an unknown mailbox is refused with 550 at RCPT', async () => {
    const s = srv();
    const smtp = await rawSmtp(s.server.email.smtpPort!);
    try {
      await smtp.command('EHLO test.example');
      expect(await smtp.command('MAIL FROM:<ann@customer.example>')).toMatch(/^250/);
      expect(await smtp.command('RCPT TO:<nobody@support.example.com>')).toMatch(/^550/);
      expect(await smtp.command('RCPT TO:<support+P-ABCDEFGH@support.example.com>')).toMatch(/^250/);
    } finally {
      smtp.destroy();
    }
  });
});
