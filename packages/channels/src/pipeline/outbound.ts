import type { ProviderRequest } from './http';

/**
 * What the outbox hands to a channel's send builders, and what it gets back. Builders are pure:
 * they return `ProviderRequest`s (performed by the server's HTTP edge) and interpret the responses.
 */

export interface OutboundMedia {
  /** A public HTTPS URL the provider fetches itself. */
  url?: string;
  /** Media already uploaded to the provider (WhatsApp media id, Messenger attachment_id). */
  providerMediaId?: string;
  /** Our stored attachment: uploaded first when there is no public URL (`SendContext.readAttachment`). */
  attachmentId?: string;
  mimeType: string;
  filename?: string;
  sizeBytes?: number;
}

/** A WhatsApp message template (the only thing WhatsApp allows outside the 24 h window). */
export interface WhatsAppTemplateRef {
  name: string;
  /** Language code, e.g. `en_US`. */
  language: string;
  /** Header/body/button components with their parameters, passed through as WhatsApp defines them. */
  components?: TemplateComponent[];
}

export interface TemplateComponent {
  type: string;
  sub_type?: string;
  index?: string | number;
  parameters?: Record<string, unknown>[];
}

export interface OutboundMessage {
  /** Our message id: Messenger `metadata`, WhatsApp `biz_opaque_callback_data`, Twilio callback query. */
  messageId: string;
  /** Recipient address: wa_id or BSUID, PSID, E.164 number. */
  to: string;
  /** The text as the channel shows it: the agent's authored text rendered for it (`ChannelRules.formatting`). */
  text?: string;
  /** The same as safe HTML, on channels that show HTML (email's HTML part, the web chat widget). */
  html?: string;
  media?: OutboundMedia[];
  template?: WhatsAppTemplateRef;
  /** The provider id of the customer message this one quotes (WhatsApp context). */
  replyToProviderId?: string;
  /** Messenger: outside the 24 h window, send as MESSAGE_TAG + HUMAN_AGENT (human replies only, ≤ 7 days). */
  humanAgentTag?: boolean;
  /** WhatsApp link previews; by default on when the text contains a URL. */
  linkPreview?: boolean;
  /** Email: the recipients, subject, HTML and the mail answered (ADR 0003); absent: a plain reply to `to`. */
  email?: OutboundEmail;
}

/** What an email reply needs beyond text and attachments (carried in the outbox payload). */
export interface OutboundEmail {
  kind: 'new' | 'reply' | 'forward';
  to: string[];
  cc: string[];
  subject?: string;
  html?: string;
  /** The mail answered or forwarded: its Message-ID, References, subject and Outlook Thread-Index. */
  parent?: { messageId: string; references: string[]; subject: string; threadIndex?: string };
  /** Attachments the HTML shows as `<img src="cid:…">`: sent as related inline parts, not as regular attachments. */
  inline?: { cid: string; attachmentId: string }[];
  /** Sent by Parley itself (an out-of-hours answer), marked `Auto-Submitted: auto-replied` (RFC 3834) so other robots don't answer it. */
  autoReply?: boolean;
}

/** Why a send failed, in words the outbox can act on. */
export type SendFailureCode =
  | 'rate_limited'
  | 'transient'
  | 'network'
  | 'auth'
  | 'permission'
  /** Outside the customer-service window: Messenger → HUMAN_AGENT tag, WhatsApp → template. */
  | 'window_closed'
  /** The person cannot be reached (blocked the page, not on WhatsApp, landline…). */
  | 'recipient_unavailable'
  | 'invalid_recipient'
  | 'opted_out'
  | 'invalid_request'
  | 'template'
  | 'policy'
  | 'media'
  | 'unknown';

export interface SendFailure {
  ok: false;
  retryable: boolean;
  /** Honour before the next attempt (from Retry-After); absent means the outbox's own backoff. */
  retryAfterMs?: number;
  code: SendFailureCode;
  /** Human-readable; safe to log (never contains credentials). */
  reason: string;
  /** The provider's own error code, e.g. `131047`, `10/2018278`, `21610`. */
  providerCode?: string;
  /** Meta `fbtrace_id`, for support tickets. */
  traceId?: string;
}

/** `providerId` is empty when the channel has none (web chat); `delivered`: the customer already has it. */
export type SendResult = { ok: true; providerId: string; delivered?: boolean } | SendFailure;

/** The request never got an answer (DNS, refused, reset, timeout): always worth another try. */
export function networkFailure(reason: string): SendFailure {
  return { ok: false, retryable: true, code: 'network', reason };
}

/** The HTTP calls one outbound message needs, in order (e.g. text then media), or why none can be built. */
export type SendPlan = { ok: true; requests: ProviderRequest[] } | SendFailure;

/** Calls that return no message id (mark-as-read, typing indicators). */
export type AckResult = { ok: true } | SendFailure;

export function invalidRequest(reason: string): SendFailure {
  return { ok: false, retryable: false, code: 'invalid_request', reason };
}
