import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CHANNEL_TYPES, CONVERSATION_STATUSES } from './domain';

/**
 * The supervisor read API (GET /api/supervisor/…): every conversation of every channel, and any
 * thread with what the provider said about each message. Channel-neutral: web chat, WhatsApp,
 * Messenger, SMS and email are stored in the same tables and read through the same shapes.
 */

export { CONVERSATION_STATUSES };

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Millis = Type.Integer({ description: 'epoch ms' });
const Channel = Type.Union(CHANNEL_TYPES.map((c) => Type.Literal(c)));
const DigitString = (description: string, pattern = '^[0-9]{1,15}$') => Type.String({ pattern, description });

/** GET /api/supervisor/conversations. Query strings are text: numbers are digit strings. */
export const SupervisorConversationsQuery = Type.Object(
  {
    channel: Type.Optional(Channel),
    entryPointId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    customerExternalId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 320, description: "exact match on the provider's id for the customer (web chat: the e-mail address, lower case)" }),
    ),
    status: Type.Optional(
      Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 10 })], {
        description: `comma list and/or repeated parameter, any of: ${CONVERSATION_STATUSES.join(', ')}`,
      }),
    ),
    from: Type.Optional(DigitString('epoch ms: created at or after')),
    to: Type.Optional(DigitString('epoch ms: created before')),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'nextCursor of the previous page' })),
    limit: Type.Optional(DigitString('an integer 1–200 (default 50)', '^([1-9][0-9]?|1[0-9]{2}|200)$')),
  },
  { additionalProperties: false },
);
export type SupervisorConversationsQuery = Static<typeof SupervisorConversationsQuery>;

/** GET /api/supervisor/conversations/:id/messages */
export const SupervisorMessagesQuery = Type.Object(
  {
    before: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'a message id: the page before it' })),
    limit: Type.Optional(DigitString('an integer 1–500 (default 200)', '^([1-9][0-9]?|[1-4][0-9]{2}|500)$')),
  },
  { additionalProperties: false },
);
export type SupervisorMessagesQuery = Static<typeof SupervisorMessagesQuery>;

const AgentRef = Type.Object({
  id: Type.String(),
  /** Null when the agent no longer exists. */
  name: Nullable(Type.String()),
});

export const SupervisorConversationDto = Type.Object({
  id: Type.String(),
  channel: Channel,
  /** `name`/`address` null when the entry point was deleted since. `address`: the source number or mailbox; empty for web chat. */
  entryPoint: Type.Object({ id: Type.String(), name: Nullable(Type.String()), address: Nullable(Type.String()) }),
  queue: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
  customer: Type.Object({
    id: Type.String(),
    channel: Channel,
    /** The provider's id: PSID, phone number, e-mail address (web chat), … */
    externalId: Type.String(),
    name: Type.String(),
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
  }),
  status: Type.Union(CONVERSATION_STATUSES.map((s) => Type.Literal(s))),
  owner: Nullable(AgentRef),
  participants: Type.Array(
    Type.Object({
      agentId: Type.String(),
      agentName: Nullable(Type.String()),
      role: Type.Union([Type.Literal('owner'), Type.Literal('conferee')]),
      status: Type.Union([Type.Literal('active'), Type.Literal('wrapup'), Type.Literal('done')]),
      joinedAt: Millis,
      leftAt: Nullable(Millis),
    }),
  ),
  /** The pending offer, while `offered` (or a transfer/conference offer during `active`). */
  offer: Nullable(
    Type.Object({ agentId: Type.String(), kind: Type.Union([Type.Literal('route'), Type.Literal('transfer'), Type.Literal('conference')]), offeredAt: Millis, deadline: Millis }),
  ),
  createdAt: Millis,
  updatedAt: Millis,
  queuedAt: Millis,
  acceptedAt: Nullable(Millis),
  endedAt: Nullable(Millis),
  endedBy: Nullable(Type.Union([Type.Literal('agent'), Type.Literal('customer'), Type.Literal('system'), Type.Literal('abandoned')])),
  closedAt: Nullable(Millis),
  /** The newest message a person wrote (customer or agent; notices left out), text cut to 200 characters. */
  lastMessage: Nullable(
    Type.Object({
      id: Type.String(),
      direction: Type.String(),
      authorType: Type.String(),
      authorName: Type.String(),
      text: Type.String(),
      attachmentCount: Type.Integer(),
      createdAt: Millis,
    }),
  ),
});
export type SupervisorConversationDto = Static<typeof SupervisorConversationDto>;

export const SupervisorConversationPage = Type.Object({
  /** Newest first. */
  conversations: Type.Array(SupervisorConversationDto),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: Nullable(Type.String()),
});
export type SupervisorConversationPage = Static<typeof SupervisorConversationPage>;

export const SupervisorMessageDto = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  channel: Channel,
  direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound'), Type.Literal('internal')]),
  authorType: Type.Union([Type.Literal('customer'), Type.Literal('agent'), Type.Literal('system')]),
  authorId: Nullable(Type.String()),
  authorName: Type.String(),
  text: Type.String(),
  /** System notices: a code clients translate, with its parameters; null for what people wrote. */
  notice: Nullable(Type.Object({ code: Type.String(), agentName: Type.Optional(Type.String()), queueName: Type.Optional(Type.String()) })),
  attachments: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), mimeType: Type.String(), size: Type.Integer(), url: Type.String() })),
  /** The provider's message id (WhatsApp wamid, Messenger mid, SMS sid, e-mail Message-ID); null for web chat. */
  providerId: Nullable(Type.String()),
  status: Type.Union((['pending', 'sent', 'delivered', 'read', 'failed', 'received'] as const).map((s) => Type.Literal(s))),
  /** Why a message failed (the provider's error), when it did. */
  statusReason: Nullable(Type.String()),
  /** The sender's idempotency key (Desktop, widget). */
  clientId: Nullable(Type.String()),
  createdAt: Millis,
  /**
   * What a customer's message carries beyond its text (a location, a contact card, a reply button, an
   * unsupported type and why; MessageContent in content.ts); null for plain text and bare media.
   */
  content: Type.Optional(Nullable(Type.Unknown())),
  /** The same details the agent's MessageDto carries, present only when set. */
  replyTo: Type.Optional(Nullable(Type.Object({ messageId: Type.String(), text: Type.String() }))),
  forwarded: Type.Optional(Type.Boolean()),
  /** The ad, post or link the customer came from (Click-to-WhatsApp, m.me ref). */
  referral: Type.Optional(Type.Unknown()),
  reactions: Type.Optional(Type.Array(Type.Object({ emoji: Type.String(), by: Type.String(), at: Millis }))),
  /** Written in the provider's own inbox (e.g. Meta's Page inbox), not in Parley. */
  external: Type.Optional(Type.Boolean()),
});
export type SupervisorMessageDto = Static<typeof SupervisorMessageDto>;

export const SupervisorMessagePage = Type.Object({
  /** Oldest first, internal notices included. */
  messages: Type.Array(SupervisorMessageDto),
  /** Older messages exist: ask again with `before=<first id>`. */
  hasMore: Type.Boolean(),
});
export type SupervisorMessagePage = Static<typeof SupervisorMessagePage>;
