/**
 * An outbound email as raw RFC 5322 bytes, built with nodemailer's MailComposer: multipart text + HTML
 * alternatives, attachments, inline images by cid (multipart/related), our Message-ID on the mailbox's
 * domain, In-Reply-To/References so the customer's client threads the reply, the thread token in the
 * subject (and optionally a plus-address Reply-To), and a DKIM signature when a key is given.
 * No I/O: file and URL content is refused (only Buffers go in); the clock is the caller's (`at`).
 */
import DKIM from 'nodemailer/lib/dkim';
import MailComposer from 'nodemailer/lib/mail-composer';
import { createHash, createPrivateKey } from 'node:crypto';
import { bareMessageId } from './message';
import { baseSubject, forwardSubject, replySubject } from './subject';
import { plusAddress, withSubjectToken } from './thread';
import { childThreadIndex } from './thread-index';

export interface ComposeAddress {
  address: string;
  name?: string;
}

export interface ComposeAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** Set for an inline image the HTML shows as `<img src="cid:…">`. */
  cid?: string;
}

/** The mail being answered, as parse.ts read it. */
export interface ComposeParent {
  messageId: string;
  references: string[];
  subject: string;
  /** The parent's headers (EmailMessage.headers): a Thread-Index is echoed with a child block so Outlook keeps threading. */
  headers?: Readonly<Record<string, string>>;
}

export interface DkimKey {
  domainName: string;
  keySelector: string;
  /** PEM; never logged. */
  privateKey: string;
}

export interface ComposeEmailInput {
  /** Our mailbox, the From address; its domain names the Message-ID. */
  mailbox: ComposeAddress;
  to: ComposeAddress[];
  cc?: ComposeAddress[];
  /** A new mail's subject; for a reply or forward the parent's subject is used when not given. */
  subject?: string;
  /** What we are answering; absent for a mail that starts a thread. */
  parent?: ComposeParent;
  /** `reply` (default with a parent) adds one `Re:`, `forward` one `Fwd:`; neither stacks. */
  kind?: 'new' | 'reply' | 'forward';
  /** Our message id (stable across retries): the Message-ID is `<id@mailbox domain>`. */
  id: string;
  /** Epoch ms for the Date header. */
  at: number;
  text: string;
  html?: string;
  attachments?: ComposeAttachment[];
  /** The conversation's thread token (thread.ts): added to the subject once. */
  threadToken?: string;
  /** Also set Reply-To to the mailbox's plus-address with the token (`support+P-…@`). */
  plusAddressReplyTo?: boolean;
  /** An automatic answer (RFC 3834): `Auto-Submitted: auto-replied`, so autoresponders stay quiet. */
  autoReply?: boolean;
  dkim?: DkimKey;
}

/** A DKIM key that cannot sign: refused rather than sending the mail unsigned (nodemailer would skip signing silently). */
export class DkimKeyError extends Error {
  readonly code = 'dkim_key_invalid';
}

export interface ComposedEmail {
  raw: Buffer;
  /** Bare Message-ID, stored with the message: replies and bounces refer to it. */
  messageId: string;
  subject: string;
  references: string[];
}

/** RFC 5322 sets no limit; long References headers get cut by some servers. Keep the root and the newest. */
export const MAX_REFERENCES = 20;

/** The bare Message-ID of our message `id` sent from `mailbox`: `id@mailbox domain`. */
export function ourMessageId(id: string, mailbox: string): string {
  const domain = mailbox.slice(mailbox.lastIndexOf('@') + 1).toLowerCase() || 'localhost';
  return `${id.replace(/[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/g, '-')}@${domain}`;
}

export async function composeEmail(input: ComposeEmailInput): Promise<ComposedEmail> {
  const messageId = ourMessageId(input.id, input.mailbox.address);
  const subject = subjectFor(input);
  const references = input.parent ? trimReferences([...input.parent.references, input.parent.messageId].map(bareMessageId)) : [];
  const parentIndex = input.parent?.headers?.['thread-index'];
  const threadIndex = parentIndex ? childThreadIndex(parentIndex, input.at, createHash('sha256').update(messageId).digest()[0]) : null;
  const composer = new MailComposer({
    from: input.mailbox,
    to: input.to,
    cc: input.cc?.length ? input.cc : undefined,
    replyTo: input.threadToken && input.plusAddressReplyTo ? { ...input.mailbox, address: plusAddress(input.mailbox.address, input.threadToken) } : undefined,
    subject,
    messageId: `<${messageId}>`,
    date: new Date(input.at),
    inReplyTo: input.parent ? `<${bareMessageId(input.parent.messageId)}>` : undefined,
    references: references.length ? references.map((r) => `<${r}>`) : undefined,
    text: input.text,
    html: input.html,
    attachments: input.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
      ...(a.cid ? { cid: a.cid, contentDisposition: 'inline' } : {}),
    })),
    headers: {
      ...(threadIndex ? { 'Thread-Index': threadIndex, 'Thread-Topic': baseSubject(subject) } : {}),
      ...(input.autoReply ? { 'Auto-Submitted': 'auto-replied' } : {}),
    },
    // CRLF everywhere: bare LFs in a body are refused by SMTP servers (smuggling defences) and break DKIM body hashes.
    newline: 'win',
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const unsigned = await composer.compile().build();
  const raw = input.dkim ? await sign(unsigned, input.dkim) : unsigned;
  return { raw, messageId, subject, references };
}

function subjectFor(input: ComposeEmailInput): string {
  const given = (input.subject ?? input.parent?.subject ?? '').replace(/[\r\n]+/g, ' ');
  const kind = input.kind ?? (input.parent ? 'reply' : 'new');
  const subject = kind === 'reply' ? replySubject(given) : kind === 'forward' ? forwardSubject(given) : given.trim();
  return input.threadToken ? withSubjectToken(subject, input.threadToken) : subject;
}

/** Unique ids, the first (thread root) kept, then the newest up to MAX_REFERENCES. */
export function trimReferences(ids: string[]): string[] {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length <= MAX_REFERENCES) return unique;
  return [unique[0] as string, ...unique.slice(unique.length - (MAX_REFERENCES - 1))];
}

async function sign(raw: Buffer, key: DkimKey): Promise<Buffer> {
  try {
    createPrivateKey(key.privateKey);
  } catch {
    throw new DkimKeyError(`the DKIM private key for ${key.keySelector}._domainkey.${key.domainName} is not a readable PEM key`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of new DKIM({ domainName: key.domainName, keySelector: key.keySelector, privateKey: key.privateKey }).sign(raw)) chunks.push(Buffer.from(chunk));
  const signed = Buffer.concat(chunks);
  if (!signed.subarray(0, 16).toString('latin1').startsWith('DKIM-Signature:')) throw new DkimKeyError(`the DKIM key for ${key.domainName} did not sign the message`);
  return signed;
}
