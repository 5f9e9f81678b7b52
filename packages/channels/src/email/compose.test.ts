import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifyEmail } from './classify';
import { composeEmail, DkimKeyError, MAX_REFERENCES, trimReferences } from './compose';
import { verifyDkim } from './dkim-verify';
import { parseEmail } from './parse';
import { threadKeys } from './thread';
import { parsedFixture } from './test-support';

const AT = Date.parse('2026-03-10T08:00:00Z');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function roundTrip(raw: Buffer) {
  const result = await parseEmail(raw);
  if (!result.ok) throw new Error(result.error.message);
  return result.message;
}

describe('composeEmail: a reply the customer’s client threads', () => {
  it('round-trips: headers, text + HTML alternatives, attachment, inline image by cid', async () => {
    const parent = await parsedFixture('gmail-reply.eml');
    const composed = await composeEmail({
      mailbox: { address: 'support@Support.Example.com', name: 'Acme 客服' },
      to: [{ address: parent.from!.address, name: parent.from!.name }],
      cc: [{ address: 'boss@gmail.com' }],
      parent,
      id: 'msg_01HV7',
      at: AT,
      text: 'Sorry about the lid — a new one is on its way.',
      html: '<p>Sorry about the lid — a new one is on its way.</p><img src="cid:logo@acme">',
      attachments: [
        { filename: 'label.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 label') },
        { filename: 'logo.png', contentType: 'image/png', content: PNG, cid: 'logo@acme' },
      ],
      threadToken: 'P-7K2M9QXD',
    });
    expect(composed.messageId).toBe('msg_01HV7@support.example.com');
    expect(composed.subject).toBe('Re: Your order 1042 [#P-7K2M9QXD]');
    expect(composed.references).toEqual(['case-1@support.example.com', 'out-7f3a@support.example.com', 'CAJx3v1Bq0m8=kZ2c9X@mail.gmail.com']);

    const back = await roundTrip(composed.raw);
    expect(back).toMatchObject({
      messageId: 'msg_01HV7@support.example.com',
      inReplyTo: ['CAJx3v1Bq0m8=kZ2c9X@mail.gmail.com'],
      references: composed.references,
      from: { address: 'support@support.example.com', name: 'Acme 客服' },
      to: [{ address: 'li.wei@gmail.com', name: 'Li Wei' }],
      cc: [{ address: 'boss@gmail.com', name: '' }],
      subject: 'Re: Your order 1042 [#P-7K2M9QXD]',
      date: AT,
      text: 'Sorry about the lid — a new one is on its way.',
      html: '<p>Sorry about the lid — a new one is on its way.</p><img src="cid:logo@acme">',
    });
    expect(back.attachments).toEqual([
      expect.objectContaining({ filename: 'logo.png', contentType: 'image/png', cid: 'logo@acme', inline: true, content: PNG }),
      expect.objectContaining({ filename: 'label.pdf', contentType: 'application/pdf', inline: false, content: Buffer.from('%PDF-1.4 label') }),
    ]);
    // The customer's next reply to this one threads back to the conversation by our id first.
    expect(threadKeys({ ...back, inReplyTo: [back.messageId], references: [...back.references, back.messageId] })[0]).toEqual({ kind: 'in_reply_to', value: 'msg_01HV7@support.example.com' });
  });

  it('an automatic answer says so (Auto-Submitted: auto-replied, RFC 3834); an agent’s reply does not', async () => {
    const base = { mailbox: { address: 'support@acme.example' }, to: [{ address: 'a@x.example' }], parent: { messageId: '<p1@x.example>', references: [], subject: 'Help' }, at: AT, text: 'We are closed' };
    const auto = await roundTrip((await composeEmail({ ...base, id: 'm1', autoReply: true })).raw);
    expect(auto.headers['auto-submitted']).toBe('auto-replied');
    expect(classifyEmail(auto).kind).toBe('auto_reply');
    const agent = await roundTrip((await composeEmail({ ...base, id: 'm2' })).raw);
    expect(agent.headers['auto-submitted']).toBeUndefined();
  });

  it('a new mail has no In-Reply-To/References; a forward gets one Fwd:; no prefix stacks', async () => {
    const fresh = await roundTrip((await composeEmail({ mailbox: { address: 'support@acme.example' }, to: [{ address: 'a@x.example' }], subject: 'Your order', id: 'm1', at: AT, text: 'Hi' })).raw);
    expect(fresh).toMatchObject({ subject: 'Your order', inReplyTo: [], references: [], html: null });
    expect(fresh.text.trim()).toBe('Hi');
    const parent = { messageId: '<p1@x.example>', references: [], subject: 'RE: Re: AW: Invoice' };
    const reply = await composeEmail({ mailbox: { address: 'support@acme.example' }, to: [{ address: 'a@x.example' }], parent, id: 'm2', at: AT, text: 'x' });
    expect(reply.subject).toBe('Re: Invoice');
    expect(reply.references).toEqual(['p1@x.example']);
    const forward = await composeEmail({ mailbox: { address: 'support@acme.example' }, to: [{ address: 'b@x.example' }], parent, kind: 'forward', id: 'm3', at: AT, text: 'x' });
    expect(forward.subject).toBe('Fwd: Invoice');
  });

  it('puts the token in a plus-address Reply-To when asked, and never a header break from the subject', async () => {
    const composed = await composeEmail({
      mailbox: { address: 'support@acme.example', name: 'Acme' },
      to: [{ address: 'a@x.example' }],
      subject: 'Hello\r\nBcc: victim@x.example',
      id: 'm4',
      at: AT,
      text: 'x',
      threadToken: 'P-AAAAAAAA',
      plusAddressReplyTo: true,
    });
    const back = await roundTrip(composed.raw);
    expect(back.replyTo).toEqual([{ address: 'support+P-AAAAAAAA@acme.example', name: 'Acme' }]);
    expect(back.subject).toBe('Hello Bcc: victim@x.example [#P-AAAAAAAA]');
    expect(composed.raw.toString()).not.toMatch(/^Bcc:/m);
  });

  it('makes a safe Message-ID from any id of ours', async () => {
    const composed = await composeEmail({ mailbox: { address: 'support@acme.example' }, to: [{ address: 'a@x.example' }], subject: 's', id: 'a b<c>@d', at: AT, text: 'x' });
    expect(composed.messageId).toBe('a-b-c--d@acme.example');
    expect((await roundTrip(composed.raw)).messageId).toBe('a-b-c--d@acme.example');
  });

  it('refuses to read files or URLs for attachments (content only)', async () => {
    await expect(
      composeEmail({
        mailbox: { address: 'support@acme.example' },
        to: [{ address: 'a@x.example' }],
        subject: 's',
        id: 'm5',
        at: AT,
        text: 'x',
        attachments: [{ filename: 'passwd', contentType: 'text/plain', content: { path: '/etc/passwd' } as unknown as Buffer }],
      }),
    ).rejects.toThrow(/File access rejected/);
  });

  it('signs with DKIM when a key is given', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const input = { mailbox: { address: 'support@acme.example', name: 'Acme 客服' }, to: [{ address: 'a@x.example' }], subject: 'Grüße', id: 'm6', at: AT, text: 'signed  body \n\n', html: '<p>signed</p>' };
    const signed = await composeEmail({ ...input, dkim: { domainName: 'acme.example', keySelector: 'parley', privateKey } });
    // Line breaks in the text become CRLF: SMTP servers refuse bare LFs, and they break the body hash.
    expect(signed.raw.toString('latin1')).not.toMatch(/[^\r]\n/);
    expect(verifyDkim(signed.raw, publicKey)).toEqual({ bodyHashOk: true, signatureOk: true });
    const tampered = Buffer.from(signed.raw.toString('latin1').replace('Subject: ', 'Subject: x'), 'latin1');
    expect(verifyDkim(tampered, publicKey).signatureOk).toBe(false);
    const head = signed.raw.toString().split('\r\n\r\n')[0] ?? '';
    expect(head).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=acme\.example;/m);
    expect(head).toMatch(/s=parley;/);
    expect(head).not.toContain('PRIVATE KEY');
    expect((await roundTrip(signed.raw)).text.trim()).toBe('signed  body');
    expect((await composeEmail(input)).raw.toString()).not.toContain('DKIM-Signature');
  });

  it('refuses an unreadable DKIM key instead of sending unsigned', async () => {
    const input = { mailbox: { address: 'support@acme.example' }, to: [{ address: 'a@x.example' }], subject: 's', id: 'm9', at: AT, text: 'x' };
    const attempt = composeEmail({ ...input, dkim: { domainName: 'acme.example', keySelector: 'parley', privateKey: 'not a key' } });
    await expect(attempt).rejects.toBeInstanceOf(DkimKeyError);
    await expect(attempt).rejects.toMatchObject({ code: 'dkim_key_invalid', message: expect.not.stringContaining('not a key') });
  });
});

describe('composeEmail: Outlook threading', () => {
  it('echoes the parent Thread-Index with one child block, so the GUID (our thread key) survives the next reply', async () => {
    const parent = await parsedFixture('outlook-thread-index.eml');
    const composed = await composeEmail({ mailbox: { address: 'support@support.example.com' }, to: [parent.from!], parent, id: 'm7', at: AT, text: 'Fixed.' });
    const back = await roundTrip(composed.raw);
    const parentIndex = Buffer.from(parent.headers['thread-index']!, 'base64');
    const childIndex = Buffer.from(back.headers['thread-index']!, 'base64');
    expect(childIndex.length).toBe(parentIndex.length + 5);
    expect(childIndex.subarray(0, parentIndex.length)).toEqual(parentIndex);
    expect(back.threadIndex).toBe(parent.threadIndex);
    expect(back.headers['thread-topic']).toBe('Invoice question');
    // The header block's FILETIME is 2026-01-31T00:47Z, the reply 2026-03-10T08:00Z: code 0, delta in units of 2^18 × 100 ns.
    const word = childIndex.readUInt32BE(parentIndex.length);
    expect(word >>> 31).toBe(0);
    const days = ((word & 0x7fffffff) * 2 ** 18) / 1e7 / 86_400;
    expect(days).toBeCloseTo(38.3, 1);
  });

  it('sends no Thread-Index when the parent had none or a malformed one', async () => {
    const base = { mailbox: { address: 'support@acme.example' }, to: [{ address: 'a@x.example' }], id: 'm8', at: AT, text: 'x' };
    const none = await roundTrip((await composeEmail({ ...base, parent: { messageId: 'p@x', references: [], subject: 's' } })).raw);
    expect(none.headers['thread-index']).toBeUndefined();
    const bad = await roundTrip((await composeEmail({ ...base, parent: { messageId: 'p@x', references: [], subject: 's', headers: { 'thread-index': 'AQHZ' } } })).raw);
    expect(bad.headers['thread-index']).toBeUndefined();
  });
});

describe('trimReferences', () => {
  it('keeps the root and the newest ids, without duplicates', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `r${i}@x`);
    const trimmed = trimReferences([...ids, 'r49@x']);
    expect(trimmed).toHaveLength(MAX_REFERENCES);
    expect(trimmed[0]).toBe('r0@x');
    expect(trimmed.at(-1)).toBe('r49@x');
    expect(trimmed[1]).toBe(`r${50 - (MAX_REFERENCES - 1)}@x`);
  });
});
