import type { OutboundEmail } from '@parley/channels';
import { conversationThreadToken, emailAdapter, forwardSubject, replySubject, withSubjectToken } from '@parley/channels/email';
import { DomainError } from '@parley/core';
import type { ConversationState } from '@parley/core';
import type { SendMessageBody } from '@parley/protocol/api';
import * as store from '@parley/storage';
import type { MessageDetails, MessageRecord } from '@parley/storage';
import type { AppCore } from '../core';
import { ORIGINAL_NAME } from '../inbound/email';
import { outboundEmailHtml } from './email-html';

const EMAIL = emailAdapter.channel;
const ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;
/** How far back a reply without `parentId` looks for the customer's last email. */
const PARENT_SCAN = 100;

export interface EmailReply {
  /** For the outbox payload (what the adapter composes). */
  payload: OutboundEmail;
  /** Stored on the agent's message: what the Desktop shows of it. */
  details: NonNullable<MessageDetails['email']>;
  /** A forward's re-attached files: the forwarded email's attachments, which join the agent's own. */
  forwarded: StoredAttachment[];
}

/** An attachment as a message stores it. */
interface StoredAttachment {
  id: string;
  name: string;
  mimeType: string;
  size: number;
}

/**
 * What a forward re-attaches, as a mail client does: the forwarded email's files, but not the copy
 * of the mail as received (`original.eml`), which is Parley's record, not part of the message.
 */
function forwardedAttachments(parent: MessageRecord): StoredAttachment[] {
  return (parent.attachments as StoredAttachment[]).filter((a) => !(a.name === ORIGINAL_NAME && a.mimeType === 'message/rfc822'));
}

/** The addresses of a stored address list (`[{address, name?}]`); anything else: none. */
function addressesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((a: { address?: unknown }) => a?.address).filter((a): a is string => typeof a === 'string' && ADDRESS.test(a));
}

function invalid(message: string): DomainError {
  return new DomainError('PARLEY_ERR_VALIDATION', message);
}

async function parentOf(core: AppCore, conversationId: string, parentId: string | undefined): Promise<MessageRecord | undefined> {
  const db = core.deps.db.kysely;
  if (parentId) {
    const m = await store.getMessage(db, parentId);
    if (m?.conversationId !== conversationId || !m.details?.email) throw invalid('email.parentId must be an email of this conversation');
    return m;
  }
  // A plain reply answers the customer's latest email.
  const page = await store.listMessages(db, conversationId, { limit: PARENT_SCAN });
  return page.messages.filter((m) => m.direction === 'inbound' && m.details?.email).at(-1);
}

/**
 * The email side of an agent's message (ADR 0003): the mail answered, recipients, subject and HTML,
 * checked here at the edge. Undefined for other channels, which must not carry `email`.
 * `attachmentIds`: the agent's own uploads on this message (checked by the caller); images of the HTML
 * that show one of them, or a forwarded file, are sent as inline parts.
 */
export async function emailReplyOf(
  core: AppCore,
  c: ConversationState,
  input: SendMessageBody['email'],
  mailbox: string,
  customerAddress: string,
  attachmentIds: readonly string[] = [],
): Promise<EmailReply | undefined> {
  if (c.channel !== EMAIL) {
    if (input) throw invalid('email fields are only for email conversations');
    return undefined;
  }
  const parent = await parentOf(core, c.id, input?.parentId);
  const pe = parent?.details?.email;
  // Without recipients: where the customer's email asked replies to go (Reply-To), else the customer.
  const asked = addressesOf(pe?.replyTo).filter((r) => r.toLowerCase() !== mailbox.toLowerCase());
  const to = input?.to ?? (asked.length ? asked : [customerAddress]);
  const cc = input?.cc ?? [];
  const bad = [...to, ...cc].find((a) => !ADDRESS.test(a));
  if (bad !== undefined) throw invalid(`not an email address: ${bad.slice(0, 80)}`);
  const kind: OutboundEmail['kind'] = !pe ? 'new' : input?.mode === 'forward' ? 'forward' : 'reply';
  // Authorised without an uploader check: they belong to this conversation's own email.
  const forwarded = kind === 'forward' && parent ? forwardedAttachments(parent) : [];
  const html = input?.html ? outboundEmailHtml(input.html, [...attachmentIds, ...forwarded.map((a) => a.id)], mailbox, core.deps.fileUrl) : undefined;
  const given = (input?.subject || (typeof pe?.subject === 'string' ? pe.subject : '')).replace(/[\r\n]+/g, ' ');
  const subject = withSubjectToken(kind === 'reply' ? replySubject(given) : kind === 'forward' ? forwardSubject(given) : given.trim(), conversationThreadToken(c.id));
  const payload: OutboundEmail = {
    kind,
    to,
    cc,
    ...(input?.subject ? { subject: input.subject } : {}),
    ...(html?.sent ? { html: html.sent } : {}),
    ...(html?.inline.length ? { inline: html.inline } : {}),
    ...(pe && typeof pe.messageId === 'string'
      ? { parent: { messageId: pe.messageId, references: pe.references ?? [], subject: String(pe.subject ?? ''), ...(pe.threadIndexHeader ? { threadIndex: pe.threadIndexHeader } : {}) } }
      : {}),
  };
  const details = { subject, from: { address: mailbox }, to: to.map((address) => ({ address })), cc: cc.map((address) => ({ address })), messageId: '', html: html?.shown || null, quoted: null };
  return { payload, details, forwarded };
}
