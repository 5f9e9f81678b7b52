import { normalizeAddress } from './mail';

/** What the page (or a test) asks through `POST /_sim/email/send`. */
export interface EmailSend {
  customer: string;
  name: string;
  /** Empty on a reply: "Re: " + the subject of the mail answered. */
  subject: string;
  text: string;
  /** The simulator id of the received mail this answers (sets In-Reply-To and References). */
  replyTo?: string;
  attachment?: { filename: string; contentType: string; content: Buffer };
}

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
/** A small file, as a customer would attach from the page (sent base64 in JSON). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** Validates the page's request; a string is the reason it was refused. */
export function parseEmailSend(body: unknown): EmailSend | string {
  if (typeof body !== 'object' || body === null) return 'send a JSON object';
  const b = body as Obj;
  const customer = normalizeAddress(str(b.customer));
  if (!ADDRESS.test(customer) || customer.length > 254) return 'an email customer is an address such as ann@customer.example';
  const name = str(b.name).replace(/[\r\n]+/g, ' ').slice(0, 100) || 'Sim Customer';
  const subject = str(b.subject).replace(/[\r\n]+/g, ' ').slice(0, 500);
  const replyTo = str(b.replyTo) || undefined;
  if (!subject && !replyTo) return 'write a subject';
  const text = typeof b.text === 'string' ? b.text.replace(/\r\n?/g, '\n').trimEnd() : '';
  const attachment = parseAttachment(b.attachment);
  if (typeof attachment === 'string') return attachment;
  if (!text.trim() && !attachment) return 'write a message or attach a file';
  return { customer, name, subject, text, ...(replyTo ? { replyTo } : {}), ...(attachment ? { attachment } : {}) };
}

function parseAttachment(v: unknown): EmailSend['attachment'] | string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object') return 'attachment must be {filename, contentType, base64}';
  const a = v as Obj;
  const filename = str(a.filename).replace(/[\\/\r\n]/g, '_').slice(0, 200);
  const base64 = str(a.base64);
  if (!filename || !base64 || !/^[A-Za-z0-9+/]+=*$/.test(base64)) return 'attachment must be {filename, contentType, base64}';
  const content = Buffer.from(base64, 'base64');
  if (content.length > MAX_ATTACHMENT_BYTES) return `the attachment is over ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`;
  const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(str(a.contentType)) ? str(a.contentType) : 'application/octet-stream';
  return { filename, contentType, content };
}
