import { Type, type Static } from '@sinclair/typebox';
import { CHANNEL_TYPES } from './domain';

/** Request schemas for the REST edge (JSON Schema via TypeBox: validated by Fastify, served as OpenAPI). */
const Id = Type.String({ minLength: 1, maxLength: 128 });
export const ChannelTypeSchema = Type.Union(CHANNEL_TYPES.map((c) => Type.Literal(c)));

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SetStateBody = Type.Object(
  {
    state: Type.Union([Type.Literal('available'), Type.Literal('idle')]),
    idleReasonId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type SetStateBody = Static<typeof SetStateBody>;

export const SendMessageBody = Type.Object(
  {
    clientId: Type.String({ minLength: 1, maxLength: 64 }),
    text: Type.String({ maxLength: 100_000 }),
    // The channel's limit (media.maxFiles, 10 by default) decides; this only bounds the request.
    attachmentIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    /** Email: how the agent answers (SPEC F9 field rules), the recipients and subject, and the editor's HTML. */
    email: Type.Optional(
      Type.Object(
        {
          mode: Type.Union([Type.Literal('reply'), Type.Literal('replyAll'), Type.Literal('forward')]),
          to: Type.Array(Type.String({ minLength: 3, maxLength: 320 }), { minItems: 1, maxItems: 50 }),
          cc: Type.Array(Type.String({ minLength: 3, maxLength: 320 }), { maxItems: 50 }),
          subject: Type.String({ maxLength: 998 }),
          html: Type.Optional(Type.String({ maxLength: 1_000_000 })),
          /** The email answered or forwarded (its message id in Parley). */
          parentId: Type.Optional(Id),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * Sent from a template: the server renders it (system fields from the conversation, date/time in
     * `locale` and `timeZone`, default en/UTC), refuses a missing field and, for a locked or approved
     * template, any `text` other than the rendering ('' sends the rendering).
     */
    template: Type.Optional(
      Type.Object(
        {
          id: Id,
          params: Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 1024 }), { maxProperties: 20 }),
          locale: Type.Optional(Type.String({ minLength: 2, maxLength: 35 })),
          timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SendMessageBody = Static<typeof SendMessageBody>;

export const TransferBody = Type.Union([
  Type.Object({ target: Type.Literal('queue'), queueId: Id }, { additionalProperties: false }),
  Type.Object({ target: Type.Literal('agent'), agentId: Id }, { additionalProperties: false }),
]);
export type TransferBody = Static<typeof TransferBody>;

/** Whom to invite: one agent, or a queue (where the channel's `conferenceTargets` lists 'queue'). */
/** The customer's messages an agent has seen (`POST /api/conversations/:id/read`). */
export const ReadBody = Type.Object({ messageIds: Type.Array(Id, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false });
export type ReadBody = Static<typeof ReadBody>;

export const ConferenceBody = Type.Union([
  Type.Object({ agentId: Id }, { additionalProperties: false }),
  Type.Object({ queueId: Id }, { additionalProperties: false }),
]);
export type ConferenceBody = Static<typeof ConferenceBody>;

export const WrapupBody = Type.Object(
  { reasonIds: Type.Array(Id, { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);
export type WrapupBody = Static<typeof WrapupBody>;

export const WebchatStartBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    site: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type WebchatStartBody = Static<typeof WebchatStartBody>;

/** Older pages of a web chat thread for the customer (GET /webchat/api/messages). */
export const WebchatMessagesQuery = Type.Object(
  {
    before: Type.Optional(Id),
    // Query strings are not coerced: the number is a digit string, 1–200 (default 100).
    limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]?|1[0-9]{2}|200)$', description: 'an integer 1–200 (default 100)' })),
  },
  { additionalProperties: false },
);
export type WebchatMessagesQuery = Static<typeof WebchatMessagesQuery>;

export * from './supervisor';
export * from './audit';
export * from './history';
export * from './supervisor-live-api';
export * from './reports';
