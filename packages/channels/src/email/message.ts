/**
 * The normalized email every part of the email channel reads: parse.ts builds it from raw RFC 5322
 * bytes; classify.ts, thread.ts, quote.ts and sanitize.ts read it. mailparser's types stay in parse.ts.
 * Every string here is text (display names, subject, filenames): render it escaped, never as markup.
 */

export interface EmailAddress {
  /** Lowercased domain, local part as sent. Entries without an address are left out (a null `from`: no one to reply to). */
  address: string;
  /** Display name, RFC 2047 decoded; empty when none. */
  name: string;
}

export interface EmailAttachment {
  /** As sent (decoded); empty when the part named none. Text, never a path: sanitize before writing to disk. */
  filename: string;
  /** `filename` made safe to store and serve (no path, control or reserved characters; a name when none): filename.ts. */
  safeFilename: string;
  contentType: string;
  size: number;
  /** Content-ID without angle brackets, what a `cid:` URL in the HTML points to. */
  cid?: string;
  /** An embedded part (inline disposition or a cid inside multipart/related), not a file the customer attached. */
  inline: boolean;
  content: Buffer;
}

/** Headers the classifier and threader read, lowercased names, raw (unfolded) values, first occurrence. */
export type EmailHeaders = Readonly<Record<string, string>>;

export interface EmailMessage {
  /** Message-ID without angle brackets; synthesized from the bytes' SHA-256 when missing (see `messageIdSynthesized`). */
  messageId: string;
  messageIdSynthesized: boolean;
  /** In-Reply-To ids without angle brackets (usually one). */
  inReplyTo: string[];
  /** References ids without angle brackets, in header order (oldest first). */
  references: string[];
  /** Outlook Thread-Index root (the conversation GUID), lowercase hex; null when absent or malformed. */
  threadIndex: string | null;
  from: EmailAddress | null;
  to: EmailAddress[];
  cc: EmailAddress[];
  replyTo: EmailAddress[];
  subject: string;
  /** Epoch ms from the Date header; null when missing or unparseable (never "now": parsing is pure). */
  date: number | null;
  /** The plain text body (HTML converted to text when the mail had no text part). */
  text: string;
  /** The HTML body as sent, `cid:` links kept: sanitize before showing (sanitize.ts). Null when none. */
  html: string | null;
  attachments: EmailAttachment[];
  /** The top-level Content-Type, lowercased, and its report-type parameter (multipart/report). */
  contentType: string;
  reportType: string | null;
  headers: EmailHeaders;
}

/** Why raw bytes gave no message at all. */
export interface EmailParseFailure {
  code: 'email_empty' | 'email_too_large' | 'email_unparseable';
  message: string;
}

export type EmailParseResult = { ok: true; message: EmailMessage } | { ok: false; error: EmailParseFailure };

/** Strips the angle brackets and whitespace around a Message-ID; '' when nothing is left. */
export function bareMessageId(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
}

/** Every `<id>` in a header value (References, In-Reply-To), bare; tolerates ids without brackets. */
export function messageIdList(value: string): string[] {
  const bracketed = [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] as string);
  if (bracketed.length) return bracketed;
  return value
    .split(/[\s,]+/)
    .map(bareMessageId)
    .filter((id) => id.includes('@'));
}

/** The key "same Message-ID seen twice is stored once" uses: ids compare case-sensitively on the local part, per RFC 5322, but many MTAs change the domain's case. */
export function emailDedupeKey(message: Pick<EmailMessage, 'messageId'>): string {
  const at = message.messageId.lastIndexOf('@');
  return at < 0 ? message.messageId : message.messageId.slice(0, at) + message.messageId.slice(at).toLowerCase();
}
