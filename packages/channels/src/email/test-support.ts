/** Test support: a fixture's bytes, and a fixture parsed (failing the test when it does not parse). */
import { readFileSync } from 'node:fs';
import type { EmailMessage } from './message';
import { parseEmail } from './parse';

export const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

export async function parsedFixture(name: string): Promise<EmailMessage> {
  return parsed(fixture(name));
}

export async function parsed(raw: Buffer | string): Promise<EmailMessage> {
  const result = await parseEmail(Buffer.isBuffer(raw) ? raw : Buffer.from(raw.replace(/\r?\n/g, '\r\n')));
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.message;
}

export const FIXTURES = [
  'apple-mail.eml',
  'dsn-bounce.eml',
  'gmail-forward.eml',
  'gmail-reply.eml',
  'html-cid-inline.eml',
  'iso-2022-jp.eml',
  'ooo-auto-reply.eml',
  'outlook-thread-index.eml',
  'qq-gbk.eml',
  'rfc2047-headers.eml',
  'thunderbird-no-references.eml',
  'windows-1252-qp.eml',
];
