/**
 * Raw RFC 5322 bytes → EmailMessage with mailparser's simpleParser (MIME tree, transfer encodings,
 * charsets incl. GB2312/GBK, ISO-2022-JP and windows-125x, RFC 2047/2231 headers). Total: resolves with
 * a message or a typed failure, never rejects. Pure apart from being async: no clock (a missing Date is null).
 */
import { createHash } from 'node:crypto';
import { type AddressObject, type Attachment, type HeaderValue, type ParsedMail, simpleParser } from 'mailparser';
import { safeAttachmentFilename } from './filename';
import { bareMessageId, type EmailAddress, type EmailAttachment, type EmailHeaders, type EmailParseResult, messageIdList } from './message';
import { threadIndexRoot } from './thread-index';

/** The headers kept in `EmailMessage.headers` (classify.ts and thread.ts read these). */
export const HEADERS_OF_INTEREST = [
  'auto-submitted',
  'x-autoreply',
  'x-autorespond',
  'x-auto-response-suppress',
  'precedence',
  'list-id',
  'list-unsubscribe',
  'return-path',
  'x-failed-recipients',
  'thread-index',
  'thread-topic',
  'content-type',
  'delivered-to',
] as const;

export interface ParseEmailOptions {
  /** Larger inputs are refused before parsing (a failure, not a truncated message). Default 40 MiB. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 40 * 1024 * 1024;

export async function parseEmail(raw: Buffer, options: ParseEmailOptions = {}): Promise<EmailParseResult> {
  if (!Buffer.isBuffer(raw) || raw.length === 0) return { ok: false, error: { code: 'email_empty', message: 'the message has no bytes' } };
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (raw.length > max) return { ok: false, error: { code: 'email_too_large', message: `the message is ${raw.length} bytes, over the ${max}-byte limit` } };
  let mail: ParsedMail;
  try {
    // keepCidLinks: the HTML keeps cid: links (sanitize.ts maps them); keepDeliveryStatus: DSN parts stay parts.
    mail = await simpleParser(raw, { keepCidLinks: true, keepDeliveryStatus: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (err) {
    return { ok: false, error: { code: 'email_unparseable', message: `the MIME parser gave up: ${err instanceof Error ? err.message : String(err)}` } };
  }
  const headers = rawHeaders(mail);
  const contentType = structured(mail.headers.get('content-type'));
  const messageId = bareMessageId(mail.messageId ?? '');
  return {
    ok: true,
    message: {
      messageId: messageId || `sha256-${createHash('sha256').update(raw).digest('hex')}@message-id.missing`,
      messageIdSynthesized: !messageId,
      inReplyTo: messageIdList(mail.inReplyTo ?? ''),
      references: messageIdList([mail.references ?? []].flat().join(' ')),
      threadIndex: threadIndexRoot(headers['thread-index']),
      from: addresses(mail.from)[0] ?? null,
      to: addresses(mail.to),
      cc: addresses(mail.cc),
      replyTo: addresses(mail.replyTo),
      subject: typeof mail.subject === 'string' ? mail.subject : '',
      date: dateOf(headers.date),
      text: typeof mail.text === 'string' ? mail.text : '',
      html: typeof mail.html === 'string' ? mail.html : null,
      attachments: mail.attachments.map((a, i) => attachment(a, i)),
      contentType: (contentType?.value ?? 'text/plain').toLowerCase(),
      reportType: contentType?.params['report-type']?.toLowerCase() ?? null,
      headers,
    },
  };
}

/** First occurrence of each header of interest (and Date), unfolded, as sent. */
function rawHeaders(mail: ParsedMail): EmailHeaders {
  const wanted = new Set<string>([...HEADERS_OF_INTEREST, 'date']);
  const out: Record<string, string> = {};
  for (const { key, line } of mail.headerLines) {
    if (!wanted.has(key) || key in out) continue;
    const colon = line.indexOf(':');
    out[key] = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  }
  return out;
}

function dateOf(value: string | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value.replace(/\s*\([^)]*\)\s*$/, ''));
  return Number.isFinite(ms) ? ms : null;
}

function structured(value: HeaderValue | undefined): { value: string; params: Record<string, string> } | null {
  const one: unknown = Array.isArray(value) ? value[0] : value;
  if (typeof one !== 'object' || one === null || !('value' in one) || typeof one.value !== 'string') return null;
  const params = 'params' in one && typeof one.params === 'object' && one.params !== null ? (one.params as Record<string, string>) : {};
  return { value: one.value, params };
}

function addresses(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const out: EmailAddress[] = [];
  const visit = (list: { name?: string; address?: string; group?: unknown[] }[]) => {
    for (const a of list) {
      if (Array.isArray(a.group)) visit(a.group as typeof list);
      else if (a.address?.trim()) out.push({ address: normalizeAddress(a.address), name: (a.name ?? '').trim() });
    }
  };
  for (const h of [header ?? []].flat()) if (Array.isArray(h?.value)) visit(h.value);
  return out;
}

/** Domains are case-insensitive; the local part is the sender's (RFC 5321 §2.4). */
function normalizeAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address.trim() : (address.slice(0, at) + address.slice(at).toLowerCase()).trim();
}

function attachment(a: Attachment, index: number): EmailAttachment {
  const inline = a.contentDisposition === 'inline' || a.related === true;
  const contentType = (a.contentType || 'application/octet-stream').toLowerCase();
  return {
    filename: a.filename ?? '',
    safeFilename: safeAttachmentFilename(a.filename ?? '', contentType, index),
    contentType,
    size: a.content.length,
    ...(a.cid ? { cid: a.cid } : {}),
    inline,
    content: a.content,
  };
}
