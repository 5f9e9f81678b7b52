import { describe, expect, it } from 'vitest';
import type { EmailMessage } from './message';
import { baseSubject, hasForwardPrefix, replySubject } from './subject';
import { isForward, newThreadToken, plusAddress, plusToken, subjectToken, threadKeys, withSubjectToken } from './thread';
import { threadIndexRoot } from './thread-index';
import { parsed, parsedFixture } from './test-support';

describe('threadKeys: lookup order In-Reply-To, References newest first, Thread-Index, subject token, plus token', () => {
  it('a Gmail reply: In-Reply-To, then the older References, then the subject token', async () => {
    expect(threadKeys(await parsedFixture('gmail-reply.eml'))).toEqual([
      { kind: 'in_reply_to', value: 'out-7f3a@support.example.com' },
      { kind: 'references', value: 'case-1@support.example.com' },
      { kind: 'subject_token', value: 'P-7K2M9QXD' },
    ]);
  });

  it('References are tried newest first', async () => {
    const m = await parsed('From: a@x.example\nReferences: <r1@a> <r2@a>\n <r3@a>\nSubject: s\n\nb');
    expect(threadKeys(m).map((k) => k.value)).toEqual(['r3@a', 'r2@a', 'r1@a']);
  });

  it('Outlook without References or In-Reply-To threads by the Thread-Index conversation GUID', async () => {
    expect(threadKeys(await parsedFixture('outlook-thread-index.eml'))).toEqual([{ kind: 'thread_index', value: '8f2c1e0d4b5a6978a1b2c3d4e5f60718' }]);
  });

  it('a client that drops References still threads by the subject token and the plus-address (any case)', async () => {
    expect(threadKeys(await parsedFixture('thunderbird-no-references.eml'))).toEqual([
      { kind: 'subject_token', value: 'P-7K2M9QXD' },
      { kind: 'plus_token', value: 'P-7K2M9QXD' },
    ]);
  });

  it('two customers replying to one newsletter get the same keys: the server scopes every lookup by customer', async () => {
    const reply = (from: string) => parsed(`From: ${from}\nIn-Reply-To: <newsletter-42@acme.example>\nReferences: <newsletter-42@acme.example>\nSubject: Re: Spring news\n\nHi`);
    const a = await reply('ann@one.example');
    const b = await reply('bob@two.example');
    expect(threadKeys(a)).toEqual([{ kind: 'in_reply_to', value: 'newsletter-42@acme.example' }]);
    expect(threadKeys(b)).toEqual(threadKeys(a));
    expect(a.from?.address).not.toBe(b.from?.address);
  });

  it('a new mail has no keys', async () => {
    expect(threadKeys(await parsedFixture('iso-2022-jp.eml'))).toEqual([]);
  });
});

describe('forwards', () => {
  it('a Gmail forward from a new sender is a forward (its keys only match within that sender’s own conversations)', async () => {
    const m = await parsedFixture('gmail-forward.eml');
    expect(isForward(m)).toBe(true);
    expect(m.from?.address).toBe('chen.jie@gmail.com');
  });

  it.each(['Fwd: x', 'FW: x', 'WG: x', 'TR: x', '转发：x', 'Fwd: Re: x'])('%s is a forward', (subject) => {
    expect(isForward({ subject, text: '' })).toBe(true);
  });

  it.each(['Re: Fwd: x', 'Re: x', 'Forward planning', 'x'])('%s is not a forward', (subject) => {
    expect(isForward({ subject, text: 'hello' })).toBe(false);
  });

  it('a forwarded-message marker in the body makes a forward even under a plain subject', () => {
    expect(isForward({ subject: 'look at this', text: 'see below\n\nBegin forwarded message:\n\nFrom: x' })).toBe(true);
  });
});

describe('thread tokens', () => {
  it('generates P- plus 8 Crockford base32 digits, deterministic for given bytes', () => {
    expect(newThreadToken(() => new Uint8Array([0, 1, 2, 31, 32, 255, 10, 17]))).toBe('P-012Z0ZAH');
    for (let i = 0; i < 50; i++) expect(newThreadToken()).toMatch(/^P-[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('puts a token in a subject once and finds it again', () => {
    const s = withSubjectToken('Your order 1042', 'P-7K2M9QXD');
    expect(s).toBe('Your order 1042 [#P-7K2M9QXD]');
    expect(withSubjectToken(s, 'P-AAAAAAAA')).toBe(s);
    expect(subjectToken('RE: AW: Your order [#p-7k2m9qxd]')).toBe('P-7K2M9QXD');
    expect(subjectToken('[#P-7K2M9QX] too short, [#P-ILOU0000] not base32')).toBeNull();
  });

  it('builds and reads plus-addresses', () => {
    expect(plusAddress('support@acme.example', 'P-7K2M9QXD')).toBe('support+P-7K2M9QXD@acme.example');
    expect(plusToken('SUPPORT+p-7k2m9qxd@acme.example')).toBe('P-7K2M9QXD');
    expect(plusToken('support+other@acme.example')).toBeNull();
  });
});

describe('subjects', () => {
  it('adds one Re: without stacking, across languages and counters', () => {
    expect(replySubject('RE: Re: AW: Invoice')).toBe('Re: Invoice');
    expect(replySubject('回复：订单 1042')).toBe('Re: 订单 1042');
    expect(replySubject('Re[3]: SV: Fwd: x')).toBe('Re: x');
    expect(replySubject('Reorder')).toBe('Re: Reorder');
    expect(baseSubject('Fwd: Re: Order')).toBe('Order');
    expect(hasForwardPrefix('FWD: Order')).toBe(true);
  });
});

describe('threadIndexRoot', () => {
  it('reads the GUID of a header block with or without child blocks, rejects anything else', () => {
    const header = Buffer.concat([Buffer.from([1, 0xdc, 0x92, 0x4b, 0x3a, 0x10]), Buffer.alloc(16, 0xab)]);
    expect(threadIndexRoot(header.toString('base64'))).toBe('ab'.repeat(16));
    expect(threadIndexRoot(Buffer.concat([header, Buffer.alloc(10, 1)]).toString('base64'))).toBe('ab'.repeat(16));
    expect(threadIndexRoot(Buffer.concat([header, Buffer.alloc(3, 1)]).toString('base64'))).toBeNull();
    expect(threadIndexRoot('AQHZ')).toBeNull();
    expect(threadIndexRoot('not base64 !!')).toBeNull();
    expect(threadIndexRoot(undefined)).toBeNull();
  });

  it('ignores a malformed Thread-Index header rather than failing the mail', async () => {
    const m: EmailMessage = await parsed('From: a@x.example\nThread-Index: AQHZ\nSubject: s\n\nb');
    expect(m.threadIndex).toBeNull();
  });
});
