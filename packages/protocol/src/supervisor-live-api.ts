import { Type, type Static } from '@sinclair/typebox';

/** Request schemas of the supervisor live view (see supervisor-live.ts for the socket's frames). */
const Id = Type.String({ minLength: 1, maxLength: 128 });

export const SupervisorSetStateSchema = Type.Object(
  {
    state: Type.Union([Type.Literal('offline'), Type.Literal('idle'), Type.Literal('available')]),
    idleReasonId: Type.Optional(Type.Union([Id, Type.Null()])),
    reason: Type.String({ minLength: 1, maxLength: 500, description: 'why (recorded in the audit log)' }),
  },
  { additionalProperties: false },
);
export type SupervisorSetStateSchema = Static<typeof SupervisorSetStateSchema>;

/** GET /api/supervisor/live/conversations: one of the two. */
export const LiveConversationsQuery = Type.Object(
  { queueId: Type.Optional(Id), agentId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type LiveConversationsQuery = Static<typeof LiveConversationsQuery>;
