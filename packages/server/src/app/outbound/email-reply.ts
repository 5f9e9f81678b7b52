import type { OutboundEmail } from '@parley/channels';
import { conversationThreadToken, emailAdapter, forwardSubject, replySubject, sanitizeEmailHtml, withSubjectToken } from '@parley/channels/email';
import { DomainError } from '@parley/core';
import type { ConversationState } from '@parley/core';
import type { SendMessageBody } from '@parley/protocol/api';
import * as store from '@parley/storage';
import type { MessageDetails, MessageRecord } from '@parley/storage';
import type { AppCore } from '../core';

const EMAIL = emailAdapter.channel;
const ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;
/** How far back a reply without `parentId` looks for the customer's last email. */
const PARENT_SCAN = 100;

export interface EmailReply {
  /** For the outbox payload (what the adapter composes). */
  payload: OutboundEmail;
  /** Stored on the agent's message: what the Desktop shows of it. */
  details: NonNullable<MessageDetails['email']>;
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
 */
export async function emailReplyOf(core: AppCore, c: ConversationState, input: SendMessageBody['email'], mailbox: string, customerAddress: string): Promise<EmailReply | undefined> {
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
  const html = input?.html ? sanitizeEmailHtml(input.html).html : undefined;
  const given = (input?.subject || (typeof pe?.subject === 'string' ? pe.subject : '')).replace(/[\r\n]+/g, ' ');
  const subject = withSubjectToken(kind === 'reply' ? replySubject(given) : kind === 'forward' ? forwardSubject(given) : given.trim(), conversationThreadToken(c.id));
  const payload: OutboundEmail = {
    kind,
    to,
    cc,
    ...(input?.subject ? { subject: input.subject } : {}),
    ...(html ? { html } : {}),
    ...(pe && typeof pe.messageId === 'string'
      ? { parent: { messageId: pe.messageId, references: pe.references ?? [], subject: String(pe.subject ?? ''), ...(pe.threadIndexHeader ? { threadIndex: pe.threadIndexHeader } : {}) } }
      : {}),
  };
  const details = { subject, from: { address: mailbox }, to: to.map((address) => ({ address })), cc: cc.map((address) => ({ address })), messageId: '', html: html ?? null, quoted: null };
  return { payload, details };
}
