import { describe, expect, it } from 'vitest';
import type { SendContext, SmtpRelayConfig } from '../contract';
import { emailAdapter } from './adapter';
import { conversationThreadToken } from './conversation-token';
import { parseEmail } from './parse';
import { renderFor } from '../formatting';

const AT = Date.parse('2026-03-10T08:00:00Z');
const settings = { address: 'support@shop.example', inbound: 'smtp' as const, smtpHost: 'relay.shop.example', smtpPort: 587, smtpUser: 'u', smtpPassword: 'p' };

function context(files: Record<string, { bytes: Uint8Array; mimeType: string; filename: string }> = {}) {
  const sent: { relay: SmtpRelayConfig; envelope: { from: string; to: string[] }; raw: Buffer }[] = [];
  const ctx = {
    settings,
    providers: { graph: { baseUrl: '', apiVersion: '' }, twilio: { apiBaseUrl: '' } },
    http: async () => ({ networkError: 'no http for email' }),
    smtp: async (relay: SmtpRelayConfig, envelope: { from: string; to: string[] }, raw: Buffer) => {
      sent.push({ relay, envelope, raw });
      return { ok: true as const, providerId: 'queue-id' };
    },
    now: () => AT,
    conversationId: 'c1',
    message: {} as never,
    readAttachment: async (id: string) => files[id],
  } satisfies SendContext<typeof settings>;
  return { ctx, sent };
}

describe('email adapter', () => {
  it('composes a threaded multipart reply and hands it to the relay, the Message-ID as provider id', async () => {
    const { ctx, sent } = context({ a1: { bytes: new TextEncoder().encode('hello'), mimeType: 'text/plain', filename: 'note.txt' } });
    const result = await emailAdapter.send(
      {
        messageId: 'm1',
        to: 'ann@customer.example',
        text: 'Here you go',
        media: [{ attachmentId: 'a1', mimeType: 'text/plain' }],
        email: {
          kind: 'reply',
          to: ['ann@customer.example'],
          cc: ['bob@customer.example'],
          html: '<p>Here you go</p>',
          parent: { messageId: 'orig@customer.example', references: ['root@customer.example'], subject: 'Broken lid', threadIndex: 'AdQfDq6Fh2JkP4SM9rGQXqOTXe6SRA==' },
        },
      },
      ctx as never,
    );
    expect(result).toEqual({ ok: true, providerId: 'm1@shop.example' });
    expect(emailAdapter.outboundProviderId?.('m1', settings)).toBe('m1@shop.example');
    expect(sent[0]!.relay).toEqual({ host: 'relay.shop.example', port: 587, secure: false, auth: { user: 'u', pass: 'p' } });
    expect(sent[0]!.envelope).toEqual({ from: 'support@shop.example', to: ['ann@customer.example', 'bob@customer.example'] });
    const parsed = await parseEmail(sent[0]!.raw);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.message).toMatchObject({ messageId: 'm1@shop.example', inReplyTo: ['orig@customer.example'], references: ['root@customer.example', 'orig@customer.example'], subject: `Re: Broken lid [#${conversationThreadToken('c1')}]` });
    expect(parsed.message.html).toContain('Here you go');
    expect(parsed.message.headers['thread-index']).toBeTruthy();
    expect(parsed.message.attachments.map((a) => a.filename)).toEqual(['note.txt']);
  });

  it('an attachment the HTML shows by cid: goes as a related inline part, the others as regular attachments', async () => {
    const png = new Uint8Array([137, 80, 78, 71]);
    const { ctx, sent } = context({ img: { bytes: png, mimeType: 'image/png', filename: 'lid.png' }, doc: { bytes: new TextEncoder().encode('x'), mimeType: 'text/plain', filename: 'note.txt' } });
    const result = await emailAdapter.send(
      {
        messageId: 'm3',
        to: 'ann@customer.example',
        text: 'See',
        media: [{ attachmentId: 'img', mimeType: 'image/png' }, { attachmentId: 'doc', mimeType: 'text/plain' }],
        email: { kind: 'new', to: ['ann@customer.example'], cc: [], html: '<p><img src="cid:image-img@shop.example"></p>', inline: [{ cid: 'image-img@shop.example', attachmentId: 'img' }] },
      },
      ctx as never,
    );
    expect(result.ok).toBe(true);
    const raw = sent[0]!.raw.toString('utf8');
    expect(raw).toContain('multipart/related');
    expect(raw).toMatch(/Content-ID: <image-img@shop\.example>/i);
    expect(raw).toMatch(/Content-Disposition: inline; filename=lid\.png/i);
    expect(raw).toMatch(/Content-Disposition: attachment; filename=note\.txt/i);
  });

  it('a plain reply (no email pane) carries the formatted text as its HTML part and the plain rendering as text', async () => {
    const { ctx, sent } = context();
    const { text, html } = renderFor('Your order is **ready**\n- desk 4', 'html');
    expect(await emailAdapter.send({ messageId: 'm4', to: 'ann@customer.example', text, html }, ctx as never)).toMatchObject({ ok: true });
    const parsed = await parseEmail(sent[0]!.raw);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.message.html).toContain('<strong>ready</strong>');
    expect(parsed.message.html).toContain('<li>desk 4</li>');
    expect(parsed.message.text).toContain('Your order is ready');
  });

  it('fails permanently, sending nothing, when an attachment is gone', async () => {
    const { ctx, sent } = context();
    const result = await emailAdapter.send({ messageId: 'm2', to: 'ann@customer.example', text: 'x', media: [{ attachmentId: 'gone', mimeType: 'image/png' }] }, ctx as never);
    expect(result).toMatchObject({ ok: false, retryable: false, code: 'invalid_request' });
    expect(sent).toEqual([]);
  });

  it('passes a relay failure through (a 4xx stays retryable)', async () => {
    const { ctx } = context();
    const failing = { ...ctx, smtp: async () => ({ ok: false as const, retryable: true, code: 'transient' as const, reason: '451 try later' }) };
    expect(await emailAdapter.send({ messageId: 'm3', to: 'ann@customer.example', text: 'x' }, failing as never)).toMatchObject({ ok: false, retryable: true });
  });
});
