export type { MessageContent, OrderItem, Referral, SharedContact } from '@parley/protocol';
import type { MessageContent, Referral } from '@parley/protocol';

/**
 * The normalized inbound events every provider parser returns (WhatsApp, Messenger, SMS). Parsers are
 * pure and total: any input yields an array of these, never an exception. Anything a parser cannot
 * map becomes a `notice`, so nothing is dropped silently. Provider wire types never appear here.
 */

/** Epoch milliseconds, or null when neither the provider nor the caller (`receivedAt`) gave a time. */
export type EventTime = number | null;

export interface CustomerRef {
  /** The id we reply to: WhatsApp wa_id (or the BSUID when no number is shared), Messenger PSID, SMS From. */
  externalId: string;
  name?: string;
  /** E.164-ish phone number when the provider exposes one. */
  phone?: string;
  /** WhatsApp username (`profile.username`), shown instead of a number by users who adopted one. */
  username?: string;
  /** Other stable ids of the same person (e.g. WhatsApp BSUID next to the wa_id); match on these too. */
  altIds?: AltId[];
}

export interface AltId {
  kind: 'whatsapp_bsuid' | 'whatsapp_parent_bsuid' | 'whatsapp_wa_id';
  id: string;
}

/** Something the pipeline can download later. WhatsApp needs the two-step Graph lookup (whatsapp/media.ts). */
export type MediaRef =
  | { kind: 'whatsapp_media'; id: string; mimeType?: string; sha256?: string; filename?: string }
  | { kind: 'url'; url: string; mimeType?: string; auth: 'none' | 'twilio_basic' };

export interface MessageEvent {
  type: 'message';
  /** The provider account the event is addressed to: WhatsApp phone_number_id, Messenger page id, SMS `To`. */
  entryPointKey: string;
  /** Dedupe key: wamid, mid, MessageSid. */
  providerMessageId: string;
  customer: CustomerRef;
  at: EventTime;
  /** What an agent reads: the body, a caption, or a readable rendering of a location, contact or reply. */
  text: string;
  content: MessageContent;
  media: MediaRef[];
  replyToProviderId?: string;
  forwarded?: boolean;
  referral?: Referral;
}

export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

export interface ProviderError {
  code: string;
  title: string;
  message: string;
}

/** A receipt for one message we sent (WhatsApp statuses, Twilio status callbacks). */
export interface StatusEvent {
  type: 'status';
  entryPointKey: string;
  providerMessageId: string;
  status: DeliveryStatus;
  /** The provider's own word (e.g. `undelivered`, `played`): part of the dedupe key, useful in logs. */
  providerStatus: string;
  at: EventTime;
  recipientId?: string;
  /** WhatsApp `biz_opaque_callback_data`: our message id, echoed back. */
  callbackData?: string;
  error?: ProviderError;
}

/** Messenger delivery/read receipts: every message we sent before `watermark` reached this state. */
export interface WatermarkEvent {
  type: 'watermark';
  entryPointKey: string;
  customerExternalId: string;
  status: 'delivered' | 'read';
  watermark: number;
  mids?: string[];
  at: EventTime;
}

/** A reaction on an existing message; never a new message. `emoji: null` = reaction removed. */
export interface ReactionEvent {
  type: 'reaction';
  entryPointKey: string;
  /** The reaction's own id when the provider gives one (WhatsApp wamid): dedupe key. */
  providerMessageId?: string;
  targetProviderId: string;
  customerExternalId: string;
  emoji: string | null;
  at: EventTime;
}

/** Messenger `is_echo`: a message the page sent, by us (metadata/app id) or by a person elsewhere. */
export interface EchoEvent {
  type: 'echo';
  entryPointKey: string;
  providerMessageId: string;
  customerExternalId: string;
  text: string;
  content: MessageContent;
  media: MediaRef[];
  appId?: string;
  metadata?: string;
  at: EventTime;
}

/** WhatsApp system message: the user's phone number or BSUID changed. */
export interface IdentityChangedEvent {
  type: 'identity_changed';
  entryPointKey: string;
  providerMessageId: string;
  kind: 'phone_number' | 'user_id';
  previous: { waId?: string; bsuid?: string; parentBsuid?: string };
  current: { waId?: string; bsuid?: string; parentBsuid?: string };
  /** Provider's sentence, e.g. "User A changed from +1… to +2…". */
  text: string;
  at: EventTime;
}

/** A provider-reported error that is not tied to one of our messages (WhatsApp `value.errors`). */
export interface ErrorEvent {
  type: 'error';
  entryPointKey?: string;
  error: ProviderError;
  at: EventTime;
}

/**
 * Anything the parser saw but does not map to the events above (opt-outs, edits, optins, handovers,
 * unknown fields, invalid shapes), with a stable `code` so the pipeline can log, count or act.
 */
export interface NoticeEvent {
  type: 'notice';
  code: string;
  message: string;
  entryPointKey?: string;
  providerMessageId?: string;
  customerExternalId?: string;
  at: EventTime;
}

export type InboundEvent =
  | MessageEvent
  | StatusEvent
  | WatermarkEvent
  | ReactionEvent
  | EchoEvent
  | IdentityChangedEvent
  | ErrorEvent
  | NoticeEvent;

export interface ParseOptions {
  /** When the webhook arrived (injected clock): the `at` of events whose payload carries no time. */
  receivedAt?: number;
}
