/**
 * The email bench's mail: raw RFC 5322 bytes by plain string templating (no MIME library: cheap, and
 * the same cost in the load generator for Parley and the baseline). One *unit* is one new
 * customer's five mails, sent in this order on one SMTP connection:
 *   0 plain          text/plain UTF-8, a new subject                      → a new conversation
 *   1 reply          In-Reply-To mail 0, quoted history in `> ` lines    → threads into mail 0's conversation
 *   2 html           multipart/alternative, Gmail-style quote (gmail_quote), In-Reply-To mail 1 → threads
 *   3 attachment     multipart/mixed with a 3 KB PDF, a new subject        → a new conversation
 *   4 charset        ISO-2022-JP (even units) or GB2312 (odd units) text, RFC 2047 subject → a new conversation
 * Every mail has its own Message-ID.
 */

export const BENCH_MAILBOX = 'support@bench.example';
export const MAILS_PER_UNIT = 5;
export const KIND_NAMES = ['plain', 'reply', 'html', 'attachment', 'charset'] as const;
/** The kinds that start a conversation (the others thread into one by In-Reply-To). */
export const STARTS_CONVERSATION = [true, false, false, true, true] as const;

/** The customer's text in ISO-2022-JP (7-bit, escape sequences) and GB2312, encoded once with iconv. */
const ISO_2022_JP_BODY = Buffer.from(
  'GyRCJCQkRCRiJCpAJE9DJEskSiRDJEYkKiRqJF4kOSEjGyhCChskQkNtSjhIVjlmIzEjMCM0IzIkTjdvJEchIkdbQXc+dTY3JHI2NSQoJEYkJCQ/JEAkMSReJDkkKyEjGyhCChskQiRoJG0kNyQvJCo0aiQkJCQkPyQ3JF4kOSEjGyhC',
  'base64',
);
/** 配送状況について */
const ISO_2022_JP_SUBJECT = '=?ISO-2022-JP?B?GyRCR1tBdz51NjckSyREJCQkRhsoQg==?=';
const GB2312_BODY_BASE64 = 'xPq6w6OsztK1xLaptaUxMDQyu7nDu9PQytW1vaOsx+uw787SsunSu8/Czu/B96GjCtC70LujoQ==';
/** 物流查询 */
const GB2312_SUBJECT = '=?GB2312?B?zu/B97Lp0a8=?=';

/** A 3 KB PDF, base64 in 76-character lines (the bytes are the same for every mail). */
const PDF_BASE64 = lines76(
  Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'),
    Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37 + 11) % 256)),
    Buffer.from('\n%%EOF\n'),
  ]).toString('base64'),
);

function lines76(s: string): string {
  return s.replace(/.{76}/g, '$&\r\n');
}

const DATE = 'Tue, 10 Mar 2026 09:14:02 +0800';
const crlf = (lines: string[]) => lines.join('\r\n');

/** The unit's customer: a distinct address per run tag and unit. */
export const customerAddress = (run: string, unit: number) => `c${unit}.${run}@customer.bench.example`;
/** The Message-ID (without brackets) of mail `kind` of `unit`. */
export const messageIdOf = (run: string, unit: number, kind: number) => `bench.${run}.${unit}.${kind}@customer.bench.example`;

export interface BenchMail {
  /** Message-ID without brackets: how a stored message is found again. */
  messageId: string;
  kind: number;
  from: string;
  raw: Buffer;
}

/** The five mails of `unit` (run tag `run` keeps Message-IDs and customers distinct between runs). */
export function unitMails(run: string, unit: number): BenchMail[] {
  const from = customerAddress(run, unit);
  const id = (k: number) => `<${messageIdOf(run, unit, k)}>`;
  const head = (kind: number, subject: string, extra: string[] = []) => [
    `From: Customer ${unit} <${from}>`,
    `To: Bench Support <${BENCH_MAILBOX}>`,
    `Subject: ${subject}`,
    `Date: ${DATE}`,
    `Message-ID: ${id(kind)}`,
    ...extra,
    'MIME-Version: 1.0',
  ];
  const order = `Order ${1000 + unit} has not arrived`;
  const first = `Hello, I ordered a teapot (order ${1000 + unit}) two weeks ago and it has not arrived yet.\r\nThe tracking page has said "in transit" since last Monday. Could you check where it is?\r\n\r\nThanks,\r\nCustomer ${unit}`;
  const raws: string[] = [
    crlf([...head(0, order), 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', first, '']),
    crlf([
      ...head(1, `Re: ${order}`, [`In-Reply-To: ${id(0)}`, `References: ${id(0)}`]),
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'One more thing: the parcel number is ZX' + String(unit).padStart(8, '0') + '.',
      '',
      `On ${DATE}, Customer ${unit} <${from}> wrote:`,
      ...first.split('\r\n').map((l) => `> ${l}`),
      '',
    ]),
    crlf([
      ...head(2, `Re: ${order}`, [`In-Reply-To: ${id(1)}`, `References: ${id(0)} ${id(1)}`]),
      'Content-Type: multipart/alternative; boundary="alt-bench"',
      '',
      '--alt-bench',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'It has arrived now — but the lid is cracked. Can you send a new one?',
      '',
      `On ${DATE}, Customer ${unit} <${from}> wrote:`,
      '> One more thing: the parcel number is ZX' + String(unit).padStart(8, '0') + '.',
      '',
      '--alt-bench',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      '<div dir="ltr">It has arrived now — but the <b>lid is cracked</b>. Can you send a new one?</div><br>' +
        `<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On ${DATE}, Customer ${unit} &lt;${from}&gt; wrote:<br></div>` +
        `<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">One more thing: the parcel number is ZX${String(unit).padStart(8, '0')}.</blockquote></div>`,
      '--alt-bench--',
      '',
    ]),
    crlf([
      ...head(3, `Invoice for order ${1000 + unit}`),
      'Content-Type: multipart/mixed; boundary="mix-bench"',
      '',
      '--mix-bench',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Please find the invoice attached; the VAT number on it is wrong.',
      '--mix-bench',
      'Content-Type: application/pdf; name="invoice.pdf"',
      'Content-Disposition: attachment; filename="invoice.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      PDF_BASE64,
      '--mix-bench--',
      '',
    ]),
  ];
  const charset =
    unit % 2 === 0
      ? Buffer.concat([
          Buffer.from(crlf([...head(4, ISO_2022_JP_SUBJECT), 'Content-Type: text/plain; charset=ISO-2022-JP', 'Content-Transfer-Encoding: 7bit', '', ''])),
          Buffer.from(ISO_2022_JP_BODY.toString('latin1').replace(/\n/g, '\r\n'), 'latin1'),
          Buffer.from('\r\n'),
        ])
      : Buffer.from(crlf([...head(4, GB2312_SUBJECT), 'Content-Type: text/plain; charset=GB2312', 'Content-Transfer-Encoding: base64', '', GB2312_BODY_BASE64, '']));
  return [...raws.map((r) => Buffer.from(r, 'utf8')), charset].map((raw, kind) => ({ messageId: messageIdOf(run, unit, kind), kind, from, raw }));
}
