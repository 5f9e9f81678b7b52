import type { ApprovedTemplate } from './templates';
/** Domain vocabulary shared by server, Agent Desktop and web chat widget. */
import type { MessageContent, Referral } from './content';
import type { MediaRules } from './media-limits';
import type { FormatTarget } from './formatting';

export const CHANNEL_TYPES = ['messenger', 'sms', 'webchat', 'email', 'whatsapp'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** `offline` means logged out; busy is derived from capacity, never a state. */
export type AgentState = 'available' | 'idle' | 'rona' | 'offline';
export type Role = 'agent' | 'supervisor' | 'admin';

export const CONVERSATION_STATUSES = ['queued', 'offered', 'active', 'conference', 'ended', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
/** An agent's own part in a conversation: wrap-up is per agent, capacity frees only at `done`. */
export type ParticipantStatus = 'active' | 'wrapup' | 'done';
export type ParticipantRole = 'owner' | 'conferee';
export type OfferKind = 'route' | 'transfer' | 'conference';
/**
 * Who or what ended a conversation. `abandoned`: a chat whose customer left (no connection for
 * `PARLEY_ABANDON_AFTER_MS`, no message) before any agent accepted it.
 */
export type EndedBy = 'agent' | 'customer' | 'system' | 'abandoned';

export type MessageDirection = 'inbound' | 'outbound' | 'internal';
export type AuthorType = 'customer' | 'agent' | 'system';
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed' | 'received';

/** What a channel can do (SPEC F8); the Desktop and the server both read this. */
export interface ChannelRules {
  channel: ChannelType;
  maxMessageLength: number;
  attachments: boolean;
  /** Per file, capping every media kind (the server caps it at PARLEY_MAX_ATTACHMENT_BYTES, 25 MB by default). */
  maxAttachmentBytes: number;
  /** The types and sizes the provider takes per media kind, files per message (media-limits.ts). */
  media: MediaRules;
  richFormatting: 'none' | 'whatsapp' | 'html';
  /**
   * How an agent's authored text (the composer's formatting) is rendered for the customer: each
   * channel's pure renderer in packages/channels/src/formatting; 'plain' channels get no toolbar.
   */
  formatting: FormatTarget;
  emoji: boolean;
  multiWrapup: boolean;
  conference: boolean;
  transferToAgent: boolean;
  customerCanEnd: boolean;
  deliveryReceipts: boolean;
  readReceipts: boolean;
  notifications: boolean;
  keyboardShortcuts: boolean;
  templates: boolean;
  /**
   * How `maxMessageLength` is counted, the way the provider counts: Unicode code points, UTF-16
   * units, or SMS (UTF-16 units, with GSM-7/UCS-2 segments shown to the agent while typing).
   */
  textCounting: 'code_points' | 'utf16' | 'sms_segments';
  /**
   * The customer-service window: free replies within `hours` of the customer's last message. After it,
   * WhatsApp allows only approved templates; Messenger allows human replies with the HUMAN_AGENT tag
   * up to `humanAgentHours`. Null: no window.
   */
  replyWindow: { hours: number; outside: 'templates' | 'human_agent_tag'; humanAgentHours?: number } | null;
  /** What an offer shows, in order (SPEC F1); the timer and Accept are always there. */
  offerFields: ConversationField[];
  /** What the interaction pane shows besides customer, queue, agent, date and timer (SPEC F3). */
  paneFields: ConversationField[];
  /** The avatar of customer bubbles: the customer's initials, or a fixed letter (WhatsApp: C). */
  customerAvatar: { kind: 'initials' } | { kind: 'letter'; letter: string };
  /** Whom a conference can invite (SPEC F6: WhatsApp an agent or a queue); empty when `conference` is false. */
  conferenceTargets: ('agent' | 'queue')[];
  /** Message timestamps shown in the thread (SPEC F3: WhatsApp). */
  messageTimestamps: boolean;
  /** The customer is told who joined, left or took over (SPEC F6/F7: web chat and WhatsApp). */
  customerNotices: boolean;
}

/** A conversation fact an offer or the pane can show; the Desktop has a label for each. */
export type ConversationField =
  | 'customerName'
  | 'email'
  | 'emailAddress'
  | 'customerPhone'
  | 'phone'
  | 'sourcePage'
  | 'sourceNumber'
  | 'queue';

export interface CustomerDto {
  id: string;
  channel: ChannelType;
  name: string;
  email?: string | null;
  phone?: string | null;
}

export interface ParticipantDto {
  agentId: string;
  role: ParticipantRole;
  status: ParticipantStatus;
  joinedAt: number;
  leftAt?: number | null;
}

export interface OfferDto {
  conversationId: string;
  agentId: string;
  kind: OfferKind;
  offeredAt: number;
  deadline: number;
  /** For transfer and conference offers: who asked. */
  fromAgentId?: string | null;
}

export interface ConversationDto {
  id: string;
  channel: ChannelType;
  entryPointId: string;
  /** Display of the entry point: page name, source number, site name, mailbox. */
  entryPointName: string;
  /** Source address of the entry point (SMS/WhatsApp number, mailbox address); empty when none. */
  entryPointAddress: string;
  /** The kind of the source number (SMS: long code, short code or toll-free); null when it has none. */
  entryPointNumberKind?: NumberKind | null;
  /** When the customer last wrote (the reply window counts from it); null before their first message. */
  lastInboundAt?: number | null;
  queueId: string;
  queueName: string;
  customer: CustomerDto;
  status: ConversationStatus;
  ownerAgentId: string | null;
  participants: ParticipantDto[];
  offer: OfferDto | null;
  /** A conference asked of a queue, until an agent of it accepts (or it is declined or cancelled). */
  conferenceRequest?: { queueId: string; queueName: string } | null;
  createdAt: number;
  queuedAt: number;
  acceptedAt: number | null;
  endedAt: number | null;
  endedBy: EndedBy | null;
  subject?: string | null;
}

export type NumberKind = 'long_code' | 'short_code' | 'toll_free';

export interface AttachmentDto {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  url: string;
}

export interface MessageDto {
  id: string;
  conversationId: string;
  direction: MessageDirection;
  authorType: AuthorType;
  authorId: string | null;
  authorName: string;
  /** As written (an agent's reply in the authoring format, see `ChannelRules.formatting`). */
  text: string;
  /** Web chat: an agent's text rendered as safe HTML for the widget (derived from `text`, never stored). */
  html?: string;
  attachments: AttachmentDto[];
  /** For system notices: a code the clients translate, with its parameters. */
  notice?: NoticeDto | null;
  clientId?: string | null;
  status: MessageStatus;
  /** Why it failed, with the provider's code first when there is one (e.g. `131047: Re-engagement message`). */
  statusReason?: string | null;
  createdAt: number;
  /** The provider's id (wamid, mid, MessageSid); null on web chat and before the provider answered. */
  providerId?: string | null;
  /** What a customer's message carries beyond text (location, contacts, reply button…); null for plain text and media. */
  content?: MessageContent | null;
  /** The message this one answers (WhatsApp context, Messenger reply_to), when we have it. */
  replyTo?: { messageId: string; text: string } | null;
  /** WhatsApp: the customer forwarded it. */
  forwarded?: boolean;
  /** The ad, post or link the customer came from (Click-to-WhatsApp, Messenger m.me/ads). */
  referral?: Referral;
  /** Reactions on this message now, one per person (a removed reaction is gone). */
  reactions?: ReactionDto[];
  /** An outbound message written outside Parley (e.g. in Meta's Page inbox): shown, never routed. */
  external?: boolean;
  /** Email only: the envelope an agent sees (SPEC F9). */
  email?: EmailDetailsDto | null;
}

export interface EmailAddressDto {
  address: string;
  name?: string;
}

/** What an email carries beyond `text` (which is its plain body with quoted history trimmed). */
export interface EmailDetailsDto {
  subject: string;
  from: EmailAddressDto;
  to: EmailAddressDto[];
  cc: EmailAddressDto[];
  /** Where the sender asked replies to go (RFC 5322 Reply-To); absent or empty: to `from`. */
  replyTo?: EmailAddressDto[];
  /** Its Message-ID: replies thread on it. */
  messageId: string;
  /**
   * The HTML body, sanitized by an allow-list (no script, no event handlers, `cid:` images mapped to
   * attachment URLs, remote images blocked): show it in a sandboxed frame. Null for plain-text mail.
   */
  html: string | null;
  /** Remote images were blocked in `html` (the agent may allow them for this email). */
  remoteImagesBlocked?: boolean;
  /** The quoted history trimmed from `text` (the full message stays available). */
  quoted?: string | null;
}

export interface ReactionDto {
  emoji: string;
  by: 'customer' | 'agent';
  at: number;
}

export type NoticeCode =
  | 'agent_joined'
  | 'agent_left'
  | 'customer_left'
  | 'transferred'
  | 'conference_requested'
  | 'conference_joined'
  | 'conference_left'
  | 'conference_ended'
  | 'conference_declined'
  /** The owner withdrew a pending conference request. */
  | 'conference_cancelled'
  | 'transfer_failed'
  | 'no_agent_available'
  | 'conversation_closed'
  /** The chat ended because its customer left before any agent accepted it. */
  | 'abandoned'
  /** Something the customer sent that the channel can't show here (`detail` says what). */
  | 'unsupported_content'
  /** The customer's number or account id changed; `detail` is the provider's sentence. */
  | 'customer_identity_changed'
  /** The provider reported a problem not tied to one message (`detail`). */
  | 'provider_error'
  /** The customer answered a closed conversation (an email reply): it is back in a queue. */
  | 'reopened';

export interface NoticeDto {
  code: NoticeCode;
  agentName?: string;
  queueName?: string;
  /** Free text from the provider, shown as is (never translated). */
  detail?: string;
}

export interface AgentDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  state: AgentState;
  idleReasonId: string | null;
  stateChangedAt: number;
  capacity: Partial<Record<ChannelType, number>>;
  load: Partial<Record<ChannelType, number>>;
  queueIds: string[];
  teamIds: string[];
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * A queue's business hours (absent: always open). Times are wall-clock "HH:MM" in `timezone` (IANA),
 * `to` may be "24:00"; several ranges per day are allowed (a night shift is two ranges, one each side
 * of midnight). `closedDates` ("YYYY-MM-DD", in the queue's timezone) close whole days. A customer
 * whose new conversation enters the queue while it is closed receives `closedMessage` once.
 */
export interface BusinessHours {
  timezone: string;
  open: { day: Weekday; from: string; to: string }[];
  closedDates?: string[];
  closedMessage: string;
}

export interface QueueDto {
  id: string;
  name: string;
  channel: ChannelType;
  strategy: 'longest-available';
  /** Seconds, as in the config file and the admin API's PUT. */
  offerTimeoutSeconds: number;
  maxWaitSeconds: number;
  transferFallback: 'drop' | 'requeue';
  /** Where a customer's reply to a closed conversation (email) goes: the queue, or its last agent first. */
  reopenTo: 'queue' | 'lastAgent';
  overflowQueueId: string | null;
  agentIds: string[];
  teamIds: string[];
  /** Business hours; absent or null: always open. */
  hours?: BusinessHours | null;
  /** Live figures. `availableAgents` leaves out the agent asking (`GET /api/queues`): who else could take a transfer. */
  waiting: number;
  availableAgents: number;
}

export interface ReasonDto {
  id: string;
  label: string;
  labelZh?: string | null;
}

export interface TemplateDto {
  id: string;
  name: string;
  /** Groups the picker's list ('' when none). */
  category: string;
  channels: ChannelType[];
  /** The queues it is offered in; empty: every queue of its channels. */
  queues: string[];
  body: string;
  locked: boolean;
  /** Placeholders the agent fills: `{{param:order}}`; system ones fill themselves: `{{customer.name}}`. */
  params: string[];
  /**
   * Approved by the provider under this name and language (a WhatsApp message template): the only
   * kind of message WhatsApp delivers past its 24-hour window. Null when not approved.
   */
  providerTemplate?: ApprovedTemplate | null;
}

export interface EntryPointDto {
  id: string;
  name: string;
  channel: ChannelType;
  queueId: string;
  address: string;
}

export interface TeamDto {
  id: string;
  name: string;
  agentIds: string[];
}

export interface WrapupDto {
  conversationId: string;
  agentId: string;
  reasonIds: string[];
  createdAt: number;
}

/** GET /api/desk: what an agent's Desktop needs to start, at event sequence `seq`. */
export interface DeskSnapshot {
  /** Resume the event stream after this seq (`/api/ws?since=seq&epoch=epoch`). */
  seq: number;
  /** Names the event stream; resuming under another epoch gets `resync`. */
  epoch: string;
  agent: AgentDto;
  conversations: ConversationDto[];
  offers: OfferDto[];
}

/** GET /api/config: reference data for the Desktop. */
export interface DeskConfig {
  channels: ChannelRules[];
  idleReasons: ReasonDto[];
  wrapupReasons: ReasonDto[];
  templates: TemplateDto[];
  queues: QueueDto[];
  entryPoints: EntryPointDto[];
  me: AgentDto;
}

export interface LoginResult {
  token: string;
  agent: AgentDto;
}
