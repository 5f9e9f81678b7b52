import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyEmail } from './classify';
import type { EmailMessage } from './message';
import { parseEmail } from './parse';
import { trimQuoted } from './quote';
import { sanitizeEmailHtml } from './sanitize';
import { FIXTURES, fixture } from './test-support';
import { isForward, threadKeys } from './thread';

/** Parses, then runs everything downstream: none of it may throw, and the message must be well-formed. */
async function parseAndUse(raw: Buffer): Promise<void> {
  const result = await parseEmail(raw);
  if (!result.ok) {
    expect(['email_empty', 'email_too_large', 'email_unparseable']).toContain(result.error.code);
    return;
  }
  const m: EmailMessage = result.message;
  expect(typeof m.messageId === 'string' && m.messageId.length > 0).toBe(true);
  for (const list of [m.inReplyTo, m.references]) expect(list.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
  for (const a of [...m.to, ...m.cc, ...m.replyTo, ...(m.from ? [m.from] : [])]) expect(typeof a.address === 'string' && typeof a.name === 'string').toBe(true);
  expect(m.date === null || Number.isFinite(m.date)).toBe(true);
  expect(typeof m.subject === 'string' && typeof m.text === 'string' && (m.html === null || typeof m.html === 'string')).toBe(true);
  for (const a of m.attachments) expect(Buffer.isBuffer(a.content) && a.size === a.content.length).toBe(true);
  classifyEmail(m);
  threadKeys(m);
  isForward(m);
  trimQuoted(m.text);
  if (m.html) sanitizeEmailHtml(m.html, { cidUrl: () => '/x' });
}

/** Byte-level edits of a fixture: overwrite, delete, insert, duplicate, truncate. */
const edit = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.oneof(fc.uint8Array({ maxLength: 16 }), fc.constantFrom(...['\r\n\r\n', '\r\n ', '=?utf-8?B?', '=?', '?=', '--', 'boundary=', ':', '<', '>', '\u0000', '=\r\n', 'charset=iso-2022-jp'].map((s) => Buffer.from(s)))) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function applyEdits(base: Buffer, edits: Edit[]): Buffer {
  let b = base;
  for (const e of edits) {
    const at = b.length ? e.at % (b.length + 1) : 0;
    if (e.op === 'set') b = Buffer.concat([b.subarray(0, at), Buffer.from(e.bytes), b.subarray(at + e.bytes.length)]);
    else if (e.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + e.len)]);
    else if (e.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(e.bytes), b.subarray(at)]);
    else if (e.op === 'duplicate') b = Buffer.concat([b.subarray(0, at + e.len), b.subarray(at)]);
    else b = b.subarray(0, at);
  }
  return b;
}

describe('parseEmail never throws, and what it returns is safe to use downstream', () => {
  it('on random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), (bytes) => parseAndUse(Buffer.from(bytes))), { numRuns: 300 });
  });

  it('on random header sections with the headers the parser reads', async () => {
    const names = ['From', 'To', 'Cc', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'In-Reply-To', 'References', 'Thread-Index', 'Auto-Submitted', 'Precedence', 'Return-Path', 'Content-Type', 'Content-Transfer-Encoding'];
    const header = fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 10 })), fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('<>', '<a@b>', 'multipart/report; report-type=delivery-status; boundary=x', '=?gbk?B?xOO6ww==?=', 'base64', 'AQHZ', 'no')));
    await fc.assert(
      fc.asyncProperty(fc.array(header, { maxLength: 12 }), fc.string({ maxLength: 300 }), (headers, body) => parseAndUse(Buffer.from(`${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`))),
      { numRuns: 300 },
    );
  });

  it.each(FIXTURES)('on byte-level mutations of %s', async (name) => {
    const base = fixture(name);
    await fc.assert(fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => parseAndUse(applyEdits(base, edits))), { numRuns: 100 });
  });
});
