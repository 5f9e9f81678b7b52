import { createHash } from 'node:crypto';
import type { Channel } from './config';
import type { SimMail } from './email/mail';
import { type FailureSwitches, noFailures } from './failures';

/** A button the business offered: WhatsApp reply/list/template buttons, Messenger quick replies and postbacks. */
export interface OfferedButton {
  kind: 'button_reply' | 'list_reply' | 'template_button' | 'quick_reply' | 'postback';
  id: string;
  title: string;
}

export interface ChatMedia {
  kind: string;
  url?: string;
  mediaId?: string;
  mimeType?: string;
  filename?: string;
  caption?: string;
}

/** One message in a simulated conversation, as the customer's phone would show it. */
export interface ChatEntry {
  /** The provider id: wamid, mid or Twilio SID. */
  id: string;
  channel: Channel;
  /** wa_id, PSID or phone number of the customer. */
  customer: string;
  direction: 'in' | 'out';
  at: number;
  text?: string;
  media?: ChatMedia;
  buttons?: OfferedButton[];
  /** Outbound: accepted/queued/sent/delivered/read/failed/undelivered. Inbound: sent, or read once the business marked it. */
  status: string;
  error?: string;
  /** WhatsApp `biz_opaque_callback_data` given on send, repeated on every status of that message. */
  callbackData?: string;
  /** Free-form details the page shows (template name, reaction, location …). */
  note?: string;
  /** Messenger: the emoji the business put on this (customer's) message with sender_action `react`. */
  businessReaction?: string;
}

export interface Customer {
  channel: Channel;
  id: string;
  name: string;
}

export interface StoredMedia {
  id: string;
  bytes: Buffer;
  mimeType: string;
  filename?: string;
  /** base64 SHA-256, as the WhatsApp webhook and media lookup give it. */
  sha256: string;
  createdAt: number;
  /** A Messenger attachment saved from a URL rather than uploaded bytes. */
  url?: string;
}

export interface WebhookAttempt {
  at: number;
  status?: number;
  error?: string;
}

/** One webhook the simulator sent (or is sending), kept so it can be replayed byte for byte. */
export interface WebhookRecord {
  seq: number;
  channel: Channel;
  url: string;
  body: string;
  headers: Record<string, string>;
  attempts: WebhookAttempt[];
  outcome: 'pending' | 'delivered' | 'gave_up';
  summary: string;
}

const KEEP_WEBHOOKS = 100;
/** The newest emails kept for the page (sent and received, every customer). */
const KEEP_MAIL = 500;

export class SimState {
  version = 0;
  readonly chat: ChatEntry[] = [];
  readonly customers = new Map<string, Customer>();
  readonly media = new Map<string, StoredMedia>();
  readonly webhooks: WebhookRecord[] = [];
  /** Emails: the customers' own, and Parley's caught by the SMTP sink. */
  readonly mail: SimMail[] = [];
  /** `channel:customer` → until when the business shows "typing…". */
  readonly typing = new Map<string, number>();
  failures: FailureSwitches = noFailures();
  private webhookSeq = 0;

  constructor(readonly now: () => number) {}

  /** Anything the page shows changed. */
  touch(): void {
    this.version++;
  }

  customer(channel: Channel, id: string): Customer | undefined {
    return this.customers.get(`${channel}:${id}`);
  }

  upsertCustomer(c: Customer): Customer {
    this.customers.set(`${c.channel}:${c.id}`, c);
    this.touch();
    return c;
  }

  addChat(entry: Omit<ChatEntry, 'at'>): ChatEntry {
    const full = { ...entry, at: this.now() };
    this.chat.push(full);
    this.touch();
    return full;
  }

  findChat(channel: Channel, id: string): ChatEntry | undefined {
    return this.chat.find((e) => e.channel === channel && e.id === id);
  }

  setStatus(entry: ChatEntry, status: string, error?: string): void {
    entry.status = status;
    if (error) entry.error = error;
    this.touch();
  }

  addMail(mail: SimMail): SimMail {
    this.mail.push(mail);
    if (this.mail.length > KEEP_MAIL) this.mail.shift();
    this.touch();
    return mail;
  }

  setMailStatus(mail: SimMail, status: SimMail['status'], error?: string): void {
    mail.status = status;
    if (error) mail.error = error;
    this.touch();
  }

  putMedia(id: string, bytes: Buffer, mimeType: string, filename?: string): StoredMedia {
    const m: StoredMedia = { id, bytes, mimeType, sha256: createHash('sha256').update(bytes).digest('base64'), createdAt: this.now() };
    if (filename) m.filename = filename;
    this.media.set(id, m);
    return m;
  }

  recordWebhook(w: Omit<WebhookRecord, 'seq' | 'attempts' | 'outcome'>): WebhookRecord {
    const record: WebhookRecord = { ...w, seq: ++this.webhookSeq, attempts: [], outcome: 'pending' };
    this.webhooks.push(record);
    if (this.webhooks.length > KEEP_WEBHOOKS) this.webhooks.shift();
    this.touch();
    return record;
  }

  lastWebhook(channel?: Channel): WebhookRecord | undefined {
    for (let i = this.webhooks.length - 1; i >= 0; i--) {
      const w = this.webhooks[i];
      if (w && (!channel || w.channel === channel)) return w;
    }
    return undefined;
  }
}
