import { describe, expect, it } from 'vitest';
import { emailDedupeKey } from './message';
import { parseEmail } from './parse';
import { fixture, parsed, parsedFixture } from './test-support';

describe('parseEmail: real clients and charsets', () => {
  it('reads a Gmail reply: ids without brackets, references in order, QP UTF-8 text, raw HTML, lowercased domain', async () => {
    const m = await parsedFixture('gmail-reply.eml');
    expect(m).toMatchObject({
      messageId: 'CAJx3v1Bq0m8=kZ2c9X@mail.gmail.com',
      messageIdSynthesized: false,
      inReplyTo: ['out-7f3a@support.example.com'],
      references: ['case-1@support.example.com', 'out-7f3a@support.example.com'],
      threadIndex: null,
      from: { address: 'li.wei@gmail.com', name: 'Li Wei' },
      to: [{ address: 'support@support.example.com', name: 'Acme Support' }],
      cc: [],
      subject: 'Re: Your order 1042 [#P-7K2M9QXD]',
      date: Date.parse('2026-03-10T01:14:02Z'),
      contentType: 'multipart/alternative',
      reportType: null,
      attachments: [],
    });
    expect(m.text).toMatch(/^Thanks, the parcel arrived — but the lid is cracked\.\n/);
    expect(m.html).toContain('<blockquote class="gmail_quote">');
  });

  it('decodes Outlook windows-1252 quoted-printable and the Thread-Index conversation GUID', async () => {
    const m = await parsedFixture('outlook-thread-index.eml');
    expect(m.threadIndex).toBe('8f2c1e0d4b5a6978a1b2c3d4e5f60718');
    expect(m.references).toEqual([]);
    expect(m.inReplyTo).toEqual([]);
    expect(m.from).toEqual({ address: 'renee.mueller@contoso.example', name: 'Renée Müller' });
    expect(m.text).toContain('Grüße, the € amount on invoice 77 is still wrong – please check.');
    expect(m.headers['thread-topic']).toBe('Invoice question');
  });

  it('decodes windows-1252 smart quotes and joins QP soft line breaks', async () => {
    const m = await parsedFixture('windows-1252-qp.eml');
    expect(m.text).toContain('“Thanks” – the refund of €30 arrived. Café voucher still missing, though.');
    expect(m.from).toEqual({ address: 'pat.obrien@fabrikam.example', name: "O'Brien, Pat" });
  });

  it('decodes QQ Mail GBK (base64 body) and a GB18030 encoded-word subject and name', async () => {
    const m = await parsedFixture('qq-gbk.eml');
    expect(m.subject).toBe('回复：订单 1042');
    expect(m.from?.name).toBe('王芳');
    expect(m.text).toContain('您好，我的订单还没有发货，请帮忙查一下。');
    expect(m.text).toContain('------------------ 原始邮件 ------------------');
  });

  it('decodes ISO-2022-JP bodies and encoded-words', async () => {
    const m = await parsedFixture('iso-2022-jp.eml');
    expect(m.subject).toBe('注文について');
    expect(m.from).toEqual({ address: 'taro@example.jp', name: '山田太郎' });
    expect(m.text).toBe('いつもお世話になっております。\n注文番号１０４２の件でご連絡しました。\n');
  });

  it('decodes RFC 2047 names and split subjects and RFC 2231 filenames, leaving markup as plain text', async () => {
    const m = await parsedFixture('rfc2047-headers.eml');
    expect(m.from).toEqual({ address: 'jose@example.es', name: 'José <b>García</b>' });
    expect(m.subject).toBe('📦 Paket kaputt <script>alert(1)</script>');
    expect(m.to).toEqual([{ address: 'support@support.example.com', name: '支援' }]);
    expect(m.attachments).toEqual([
      expect.objectContaining({ filename: 'Beschädigung <img src=x>.jpg', contentType: 'image/jpeg', inline: false, size: 91 }),
    ]);
  });

  it('keeps attachments (Apple Mail) with their bytes and an inline cid image (HTML keeps its cid: link)', async () => {
    const apple = await parsedFixture('apple-mail.eml');
    expect(apple.attachments).toHaveLength(1);
    expect(apple.attachments[0]).toMatchObject({ filename: 'receipt.pdf', contentType: 'application/pdf', inline: false });
    expect(apple.attachments[0]?.content.subarray(0, 5).toString()).toBe('%PDF-');
    const html = await parsedFixture('html-cid-inline.eml');
    expect(html.attachments).toEqual([expect.objectContaining({ filename: 'error.png', contentType: 'image/png', cid: 'error-shot@example.pt', inline: true })]);
    expect(html.attachments[0]?.content.subarray(1, 4).toString()).toBe('PNG');
    expect(html.html).toContain('src="cid:error-shot@example.pt"');
  });

  it('keeps a DSN report type and its delivery-status part', async () => {
    const m = await parsedFixture('dsn-bounce.eml');
    expect(m).toMatchObject({ contentType: 'multipart/report', reportType: 'delivery-status' });
    expect(m.attachments.map((a) => a.contentType)).toEqual(['message/delivery-status', 'text/rfc822-headers']);
    expect(m.headers['return-path']).toBe('<>');
  });

  it.each([
    ['windows-1251', 'cff0e8e2e5f2', 'Привет'],
    ['windows-1250', '9a8a9e8ee8c8', 'šŠžŽčČ'],
    ['GB2312', 'c4e3bac3', '你好'],
    ['GBK', '8140', '丂'],
    ['Big5', 'a741a66e', '你好'],
    ['Shift_JIS', '82b182f182c982bf82cd', 'こんにちは'],
    ['EUC-KR', 'bec8b3e7', '안녕'],
    ['ISO-8859-2', 'b1e6', 'ąć'],
    ['KOI8-R', 'f0d2c9d7c5d4', 'Привет'],
  ])('decodes a %s body in 8bit, base64 and quoted-printable', async (charset, hex, text) => {
    const bytes = Buffer.from(hex, 'hex');
    const qp = [...bytes].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    for (const [cte, body] of [['8bit', bytes], ['base64', Buffer.from(bytes.toString('base64'))], ['quoted-printable', Buffer.from(qp)]] as const) {
      const head = Buffer.from(`From: a@x.example\r\nSubject: =?${charset}?B?${bytes.toString('base64')}?=\r\nContent-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n`);
      const m = await parsed(Buffer.concat([head, body]));
      expect(m.text.trim(), `${charset} ${cte}`).toBe(text);
      expect(m.subject).toBe(text);
    }
  });

  it('decodes a Q-encoded GB2312 subject and a UTF-8 encoded-word split inside a character sequence', async () => {
    const m = await parsed('From: =?utf-8?Q?=E6=9D=8E?= =?utf-8?Q?=E5=A8=9C?= <li@x.example>\nSubject: =?GB2312?Q?=C4=E3=BA=C3?=\n\nx');
    expect(m.subject).toBe('你好');
    expect(m.from?.name).toBe('李娜');
  });

  it('reads To/Cc groups and several recipients, and Reply-To', async () => {
    const m = await parsed('From: a@x.example\nTo: Team: b@y.example, "C, D" <c@Y.EXAMPLE>;\nCc: e@z.example, f@z.example\nReply-To: r@x.example\nSubject: s\n\nbody');
    expect(m.to).toEqual([
      { address: 'b@y.example', name: '' },
      { address: 'c@y.example', name: 'C, D' },
    ]);
    expect(m.cc.map((a) => a.address)).toEqual(['e@z.example', 'f@z.example']);
    expect(m.replyTo).toEqual([{ address: 'r@x.example', name: '' }]);
  });
});

describe('parseEmail: the same message twice is one message', () => {
  it('gives the same dedupe key for the same Message-ID (domain case-insensitive)', async () => {
    const a = await parsed('Message-ID: <Abc.1@Mail.Example>\nFrom: a@x.example\n\none');
    const b = await parsed('Message-ID: <Abc.1@mail.example>\nFrom: a@x.example\n\none, resent');
    expect(emailDedupeKey(a)).toBe(emailDedupeKey(b));
    const other = await parsed('Message-ID: <abc.1@mail.example>\nFrom: a@x.example\n\none');
    expect(emailDedupeKey(other)).not.toBe(emailDedupeKey(a));
  });

  it('synthesizes a stable Message-ID from the bytes when the header is missing', async () => {
    const raw = 'From: a@x.example\nSubject: no id\n\nhello';
    const a = await parsed(raw);
    const b = await parsed(raw);
    expect(a.messageIdSynthesized).toBe(true);
    expect(a.messageId).toMatch(/^sha256-[0-9a-f]{64}@message-id\.missing$/);
    expect(emailDedupeKey(a)).toBe(emailDedupeKey(b));
    expect((await parsed(`${raw}!`)).messageId).not.toBe(a.messageId);
  });
});

describe('parseEmail: bad input gives a typed failure or a best-effort message, never an exception', () => {
  it('refuses empty and oversized input with a typed failure', async () => {
    expect(await parseEmail(Buffer.alloc(0))).toEqual({ ok: false, error: { code: 'email_empty', message: expect.any(String) } });
    expect(await parseEmail(fixture('gmail-reply.eml'), { maxBytes: 100 })).toMatchObject({ ok: false, error: { code: 'email_too_large' } });
    expect(await parseEmail('not a buffer' as unknown as Buffer)).toMatchObject({ ok: false, error: { code: 'email_empty' } });
  });

  it('gives email_unparseable when the MIME parser gives up (a mail bomb of 1100 parts)', async () => {
    const parts = Array.from({ length: 1100 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('');
    const result = await parseEmail(Buffer.from(`From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${parts}--b--\r\n`));
    expect(result).toEqual({ ok: false, error: { code: 'email_unparseable', message: expect.stringContaining('child nodes') } });
  });

  it('reads headers-only, garbage and missing-date mail best-effort (no date is null, never now)', async () => {
    const m = await parsed('Subject: only headers');
    expect(m).toMatchObject({ subject: 'only headers', from: null, date: null, text: '', html: null });
    const bad = await parsed('Date: yesterday-ish\nFrom: <<<>>>\n\n\u0000\u00ff');
    expect(bad.date).toBeNull();
    expect(bad.from).toBeNull();
  });
});
