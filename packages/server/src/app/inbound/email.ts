import type { EmailAddressDto, EmailDetailsDto } from '@parley/protocol';
import {
  bounceDeliveryStatus,
  type BounceReport,
  classifyEmail,
  conversationThreadToken,
  emailAdapter,
  type EmailAddress,
  type EmailMessage,
  parseEmail,
  sanitizeEmailHtml,
  threadKeys,
  trimQuoted,
} from '@parley/channels/email';
import * as store from '@parley/storage';
import type { ConversationRecord, EntryPointRecord, MessageDetails } from '@parley/storage';
import type { AppCore } from '../core';
import { messageRecord } from '../messages/message-record';
import { applyMessageStatus } from '../publish/message-status';
import { noticeRecord } from '../publish/notices';
import { conversationFor } from './conversation-for';
import { customerFor, storeNewCustomer } from './customers';
import { KeyedSerial } from './keyed-serial';
import { answerIfClosed } from './out-of-hours';
import { continueConversation, type Continued } from './reopen';

const EMAIL = emailAdapter.channel;
/** How many of a customer's newest conversations a thread token can name (older ones start anew). */
const RECENT_CONVERSATIONS = 20;
/** How many of them, and how many recent messages of each, are searched for an Outlook Thread-Index. */
const THREAD_INDEX_CONVERSATIONS = 3;
const THREAD_INDEX_SCAN = 200;
/** The name the original mail is kept under. */
export const ORIGINAL_NAME = 'original.eml';

/** Who handed the mail over (SMTP envelope); IMAP has none. */
export interface InboundEnvelope {
  rcptTo: string[];
}

/** `Support+P-7K2M9QXD@Shop.example` → `support@shop.example` (the plus part names a thread, not a mailbox). */
export function mailboxOf(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address.toLowerCase();
  return `${address.slice(0, at).split('+')[0]}${address.slice(at)}`.toLowerCase();
}

function addressDto(a: EmailAddress): EmailAddressDto {
  return a.name ? { address: a.address, name: a.name } : { address: a.address };
}

/**
 * Mail in (ADR 0003), from the SMTP listener and IMAP pollers alike: resolves once the mail is stored
 * (or deliberately dropped), so SMTP answers 250 and IMAP sets \Seen only then; a throw makes the
 * sender try again. One sender's mails run one at a time (a redelivery racing its original is stored once).
 */
export class EmailInbound {
  private readonly serial = new KeyedSerial();

  constructor(private readonly core: AppCore) {}

  /** The email entry point of one of our mailboxes (plus-addresses included). */
  entryPointFor(address: string): EntryPointRecord | undefined {
    const mailbox = mailboxOf(address);
    for (const ep of this.core.directory.entryPoints.values()) {
      if (ep.channel === EMAIL && typeof ep.settings.address === 'string' && ep.settings.address.toLowerCase() === mailbox) return ep;
    }
    return undefined;
  }

  async receive(raw: Buffer, envelope?: InboundEnvelope): Promise<void> {
    const log = this.core.deps.log;
    const parsed = await parseEmail(raw);
    if (!parsed.ok) {
      log.warn({ channel: EMAIL, code: parsed.error.code }, `inbound email dropped: ${parsed.error.message}`);
      return;
    }
    const m = parsed.message;
    const recipients = [...(envelope?.rcptTo ?? []), ...m.to.map((a) => a.address), ...m.cc.map((a) => a.address)];
    const ep = recipients.map((r) => this.entryPointFor(r)).find((e) => e !== undefined);
    if (!ep) {
      log.warn({ channel: EMAIL, messageId: m.messageId }, 'inbound email dropped: no entry point for its recipients');
      return;
    }
    const kind = classifyEmail(m);
    if (kind.kind === 'bounce' && kind.bounce) return this.bounce(kind.bounce);
    const from = m.from?.address;
    if (!from) {
      log.warn({ channel: EMAIL, messageId: m.messageId }, 'inbound email dropped: no sender address');
      return;
    }
    await this.serial.run(`${ep.id}\u0000${from.toLowerCase()}`, () => (kind.kind === 'auto_reply' ? this.autoReply(ep, m, from, kind.reasons) : this.message(ep, m, raw, from)));
  }

  /** A DSN names our mail by its Message-ID (our provider id): that message shows failed (or delivered). */
  private async bounce(b: BounceReport): Promise<void> {
    const status = bounceDeliveryStatus(b);
    const ours = b.originalMessageId ? await store.getMessageByProviderId(this.core.deps.db.kysely, EMAIL, b.originalMessageId) : null;
    if (!status || !ours || ours.direction !== 'outbound') {
      this.core.deps.log.info({ channel: EMAIL, original: b.originalMessageId, action: b.action }, 'inbound email: a delivery report about no mail of ours, or a delay: logged');
      return;
    }
    const reason = [b.status, b.diagnostic].filter(Boolean).join(': ') || 'the recipient’s server returned the email';
    await applyMessageStatus(this.core, ours.id, status === 'failed' ? { status: 'failed', reason } : { status: 'delivered' });
  }

  /** An out-of-office or other automatic answer: a notice in its thread, never routed; else only logged. */
  private async autoReply(ep: EntryPointRecord, m: EmailMessage, from: string, reasons: string[]): Promise<void> {
    const { core } = this;
    const customer = await store.findCustomerByExternalIds(core.deps.db.kysely, EMAIL, [from.toLowerCase()]);
    const c = customer && (await this.thread(ep, customer.id, m, { reopen: false }))?.conversation;
    if (!c) {
      core.deps.log.info({ channel: EMAIL, entryPoint: ep.id, reasons }, 'inbound email: an automatic reply outside any conversation: logged');
      return;
    }
    const rec = noticeRecord(core.directory, c, 'unsupported_content', {}, core.now, `Automatic reply from ${from}: ${m.subject}`);
    await core.storeMessage(c, { ...rec, providerId: m.messageId });
  }

  private async message(ep: EntryPointRecord, m: EmailMessage, raw: Buffer, from: string): Promise<void> {
    const { core } = this;
    const db = core.deps.db.kysely;
    const now = core.now;
    // Delivered twice (a retrying MTA, IMAP after a crash): stored once, routed once.
    if (await store.getMessageByProviderId(db, EMAIL, m.messageId)) return;
    const { customer: found, created } = await customerFor(core, EMAIL, { externalId: from.toLowerCase(), name: m.from?.name || undefined }, now);
    const customer = created ? { ...found, email: from } : found;
    const thread = await this.thread(ep, customer.id, m);
    const c = thread?.conversation ?? (await conversationFor(core, ep, customer, now, created ? (trx) => storeNewCustomer(trx, customer) : undefined, { fresh: true, subject: m.subject }));
    // A mail that starts a conversation or reopens one: answered once while the queue is closed.
    const entered = !thread || thread.reopened;
    const meta = core.meta.get(c.id);
    const files = await this.storeAttachments(c.id, m, raw);
    const trimmed = trimQuoted(m.text);
    const sanitized = m.html === null ? null : sanitizeEmailHtml(m.html, { cidUrl: (cid) => files.cids.get(cid) ?? null, dropQuoted: trimmed.quoted !== null });
    const email: EmailDetailsDto = {
      subject: m.subject,
      from: addressDto(m.from ?? { address: from, name: '' }),
      to: m.to.map(addressDto),
      cc: m.cc.map(addressDto),
      ...(m.replyTo.length ? { replyTo: m.replyTo.map(addressDto) } : {}),
      messageId: m.messageId,
      html: sanitized?.html ?? null,
      ...(sanitized?.blockedRemoteImages ? { remoteImagesBlocked: true } : {}),
      quoted: trimmed.quoted,
    };
    const details: MessageDetails = {
      email: { ...email, references: m.references, threadIndexHeader: m.headers['thread-index'], threadIndexRoot: m.threadIndex ?? undefined },
    };
    const text = [trimmed.shown.trim(), files.note].filter(Boolean).join('\n');
    const rec = messageRecord(c, {
      direction: 'inbound',
      author: { type: 'customer', id: customer.id, name: customer.name },
      text,
      attachments: files.attachments,
      providerId: m.messageId,
      status: 'received',
      createdAt: now,
      details,
    });
    const stored = await core.storeMessage(c, rec);
    if (!stored.duplicate && meta) meta.lastInboundAt = now;
    if (!stored.duplicate && entered) await answerIfClosed(core, c);
  }

  /**
   * The conversation this mail continues (ADR 0003), always of this customer at this entry point: a
   * message we hold under one of its Message-ID keys, else a recent conversation's Outlook Thread-Index
   * or thread token. A closed one is reopened (`continueConversation`), unless `reopen` is false (an
   * automatic reply never brings a conversation back); none: a new conversation.
   */
  private async thread(ep: EntryPointRecord, customerId: string, m: EmailMessage, opts = { reopen: true }): Promise<Continued | undefined> {
    const { core } = this;
    const db = core.deps.db.kysely;
    const keys = threadKeys(m);
    if (!keys.length) return undefined;
    const theirs = (rec: ConversationRecord | null): rec is ConversationRecord => rec?.entryPointId === ep.id && rec.customerId === customerId;
    let recent: ConversationRecord[] | undefined;
    const recentOnes = async () => (recent ??= await store.listCustomerConversationsAt(db, customerId, ep.id, RECENT_CONVERSATIONS));
    for (const key of keys) {
      let rec: ConversationRecord | undefined;
      if (key.kind === 'in_reply_to' || key.kind === 'references') {
        const known = await store.getMessageByProviderId(db, EMAIL, key.value);
        const conv = known && (await store.getConversation(db, known.conversationId));
        rec = theirs(conv) ? conv : undefined;
      } else if (key.kind === 'thread_index') {
        for (const candidate of (await recentOnes()).slice(0, THREAD_INDEX_CONVERSATIONS)) {
          const page = await store.listMessages(db, candidate.id, { limit: THREAD_INDEX_SCAN });
          if (page.messages.some((x) => x.details?.email?.threadIndexRoot === key.value)) rec = candidate;
          if (rec) break;
        }
      } else {
        rec = (await recentOnes()).find((r) => conversationThreadToken(r.id) === key.value);
      }
      const c = rec && (await continueConversation(core, rec, opts));
      if (c) return c;
    }
    return undefined;
  }

  /**
   * The mail's parts as our attachments (no download job: the bytes are here); `cid:` → their URLs.
   * The original as received comes last (`original.eml`): what the sanitized view left out stays at hand.
   */
  private async storeAttachments(conversationId: string, m: EmailMessage, raw: Buffer) {
    const { core } = this;
    const attachments: { id: string; name: string; mimeType: string; size: number }[] = [];
    const cids = new Map<string, string>();
    const refused: string[] = [];
    const original = { content: raw, contentType: 'message/rfc822', safeFilename: ORIGINAL_NAME, cid: undefined };
    for (const a of [...m.attachments, original]) {
      const declared = a.contentType.split(';')[0]!.trim().toLowerCase();
      if (a.content.byteLength === 0) continue;
      let file: Awaited<ReturnType<typeof core.deps.files.save>>;
      try {
        file = await core.deps.files.save(a.content, declared, { mailOriginal: a === original });
      } catch {
        refused.push(`${a.safeFilename} (${declared || 'unknown type'})`);
        continue;
      }
      const mimeType = file.mimeType;
      const rec = { id: file.id, conversationId, name: a.safeFilename, mimeType, size: a.content.byteLength, sha256: file.sha256, storageKey: file.storageKey, createdAt: core.now, uploadedBy: 'provider' as const };
      await core.deps.committer.run((trx) => store.insertAttachment(trx, rec));
      attachments.push({ id: file.id, name: rec.name, mimeType, size: rec.size });
      if (a.cid) cids.set(a.cid, core.deps.fileUrl(file.id));
    }
    const note = refused.length ? `[${refused.length} file(s) not kept: ${refused.join('; ')}]` : '';
    return { attachments, cids, note };
  }
}
