/** Domain vocabulary shared by server, Agent Desktop and web chat widget. */

export const CHANNEL_TYPES = ['messenger', 'sms', 'webchat', 'email', 'whatsapp'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** `offline` means logged out; busy is derived from capacity, never a state. */
export type AgentState = 'available' | 'idle' | 'rona' | 'offline';
export type Role = 'agent' | 'supervisor' | 'admin';

export type ConversationStatus = 'queued' | 'offered' | 'active' | 'conference' | 'ended' | 'closed';
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
  maxAttachmentBytes: number;
  richFormatting: 'none' | 'whatsapp' | 'html';
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
}

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
  queueId: string;
  queueName: string;
  customer: CustomerDto;
  status: ConversationStatus;
  ownerAgentId: string | null;
  participants: ParticipantDto[];
  offer: OfferDto | null;
  createdAt: number;
  queuedAt: number;
  acceptedAt: number | null;
  endedAt: number | null;
  endedBy: EndedBy | null;
  subject?: string | null;
}

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
  text: string;
  attachments: AttachmentDto[];
  /** For system notices: a code the clients translate, with its parameters. */
  notice?: NoticeDto | null;
  clientId?: string | null;
  status: MessageStatus;
  statusReason?: string | null;
  createdAt: number;
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
  | 'transfer_failed'
  | 'no_agent_available'
  | 'conversation_closed'
  /** The chat ended because its customer left before any agent accepted it. */
  | 'abandoned';

export interface NoticeDto {
  code: NoticeCode;
  agentName?: string;
  queueName?: string;
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

export interface QueueDto {
  id: string;
  name: string;
  channel: ChannelType;
  strategy: 'longest-available';
  /** Seconds, as in the config file and the admin API's PUT. */
  offerTimeoutSeconds: number;
  maxWaitSeconds: number;
  transferFallback: 'drop' | 'requeue';
  overflowQueueId: string | null;
  agentIds: string[];
  teamIds: string[];
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
  channels: ChannelType[];
  body: string;
  locked: boolean;
  /** Placeholders the agent fills: `{{param:order}}`; system ones fill themselves: `{{customer.name}}`. */
  params: string[];
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
