/**
 * Which conversation does an inbound email belong to? `threadKeys` lists the lookup keys in the order
 * to try them: In-Reply-To, References (newest first), Outlook's Thread-Index root, our subject token
 * `[#P-XXXXXXXX]`, our plus-address token (`support+P-XXXXXXXX@…`). The server tries them in order
 * and MUST scope every lookup to the sending customer: two customers replying to one newsletter share
 * In-Reply-To, so unscoped keys would merge strangers' conversations. Pure.
 */
import { randomBytes } from 'node:crypto';
import type { EmailMessage } from './message';
import { hasForwardPrefix } from './subject';

export type ThreadKeyKind = 'in_reply_to' | 'references' | 'thread_index' | 'subject_token' | 'plus_token';

export interface ThreadKey {
  kind: ThreadKeyKind;
  /** A Message-ID (bare), a Thread-Index GUID (hex) or a thread token (`P-XXXXXXXX`, uppercase). */
  value: string;
}

/**
 * Thread tokens: `P-` and 8 Crockford base32 digits (40 bits; no I, L, O, U so they survive being read
 * aloud or retyped). Matched case-insensitively: some mail systems lowercase addresses.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TOKEN_DIGITS = 8;
const SUBJECT_TOKEN = /\[#(P-[0-9A-HJKMNP-TV-Z]{8})\]/i;
const PLUS_TOKEN = /^[^@+\s]+\+(P-[0-9A-HJKMNP-TV-Z]{8})@/i;

/** A new random thread token; `random` is injectable for deterministic tests. */
export function newThreadToken(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(TOKEN_DIGITS);
  let out = 'P-';
  for (let i = 0; i < TOKEN_DIGITS; i++) out += ALPHABET[(bytes[i] ?? 0) & 31];
  return out;
}

/** `Your order [#P-7K2M9QXD]`: the token's place in a subject. Idempotent. */
export function withSubjectToken(subject: string, token: string): string {
  if (subjectToken(subject)) return subject;
  return `${subject.trimEnd()} [#${token}]`.trimStart();
}

/** `support@acme.example` + token → `support+P-7K2M9QXD@acme.example`. */
export function plusAddress(mailbox: string, token: string): string {
  const at = mailbox.lastIndexOf('@');
  return at < 0 ? mailbox : `${mailbox.slice(0, at)}+${token}${mailbox.slice(at)}`;
}

export function subjectToken(subject: string): string | null {
  return SUBJECT_TOKEN.exec(subject)?.[1]?.toUpperCase() ?? null;
}

export function plusToken(address: string): string | null {
  return PLUS_TOKEN.exec(address)?.[1]?.toUpperCase() ?? null;
}

type ThreadInput = Pick<EmailMessage, 'inReplyTo' | 'references' | 'threadIndex' | 'subject' | 'to' | 'cc'>;

export function threadKeys(m: ThreadInput): ThreadKey[] {
  const keys: ThreadKey[] = [];
  const seen = new Set<string>();
  const add = (kind: ThreadKeyKind, value: string | null) => {
    // An id in both In-Reply-To and References is looked up once, as In-Reply-To.
    const seenAs = `${kind === 'references' ? 'in_reply_to' : kind}:${value}`;
    if (!value || seen.has(seenAs)) return;
    seen.add(seenAs);
    keys.push({ kind, value });
  };
  for (const id of m.inReplyTo) add('in_reply_to', id);
  for (const id of [...m.references].reverse()) add('references', id);
  add('thread_index', m.threadIndex);
  add('subject_token', subjectToken(m.subject));
  for (const a of [...m.to, ...m.cc]) add('plus_token', plusToken(a.address));
  return keys;
}

const FORWARD_BODY = /^\s*(?:-{5,}\s*Forwarded message\s*-{5,}|Begin forwarded message:|-{5,}\s*Forwarded Message\s*-{5,}|-{5,}\s*(?:转发邮件信息|转发的邮件|原始邮件已转发)\s*-{5,})\s*$/im;

/**
 * A forward rather than a reply: a forward prefix outermost in the subject, or (for clients that
 * keep the subject) a forwarded-message marker in the body. A forward from a sender who is not the
 * conversation's customer starts a new conversation: the customer scope of the lookup sees to that.
 */
export function isForward(m: Pick<EmailMessage, 'subject' | 'text'>): boolean {
  return hasForwardPrefix(m.subject) || FORWARD_BODY.test(m.text);
}
