import { Type, type Static } from '@sinclair/typebox';
import type { ChannelType, ConversationStatus, MessageDto } from './domain';

/**
 * A customer's earlier conversations, shown to the agent handling a new one
 * (GET /api/conversations/:id/history). "Earlier" means created before conversation :id
 * (created_at, then id); "the customer" is the conversation's customer record, one per
 * (channel, provider id), so it spans every entry point of that channel.
 */

/** How many of each earlier conversation's messages come with it (the newest ones). */
export const HISTORY_MESSAGES_PER_CONVERSATION = 50;

/** GET /api/conversations/:id/history. Query strings are text: numbers are digit strings. */
export const ConversationHistoryQuery = Type.Object(
  {
    before: Type.Optional(
      Type.String({ minLength: 1, maxLength: 128, description: 'a conversation id from the previous page (its last): the page of conversations older than it' }),
    ),
    limit: Type.Optional(Type.String({ pattern: '^([1-9]|1[0-9]|20)$', description: 'an integer 1–20 (default 5): conversations per page' })),
  },
  { additionalProperties: false },
);
export type ConversationHistoryQuery = Static<typeof ConversationHistoryQuery>;

/** One earlier conversation, read-only. */
export interface HistoryConversationDto {
  id: string;
  channel: ChannelType;
  entryPointId: string;
  /** The entry point's name as configured now (its id when it was deleted since). */
  entryPointName: string;
  queueId: string;
  /** The queue's name as configured now (its id when it was deleted since). */
  queueName: string;
  status: ConversationStatus;
  createdAt: number;
  /** When it ended; null while it is still open (queued, offered, active). */
  endedAt: number | null;
  /** The agents who handled it (owners and conferees), in the order they joined; `name` null when the agent no longer exists. */
  agents: { id: string; name: string | null }[];
  /** Its newest messages written by people (customer and agents; system notices left out), oldest first. */
  messages: MessageDto[];
  /** Older messages exist than those returned (read them with the supervisor API). */
  hasMoreMessages: boolean;
}

export interface ConversationHistoryPage {
  /** Newest first. */
  conversations: HistoryConversationDto[];
  /** Older conversations exist: ask again with `before=<id of the last one>`. */
  hasMore: boolean;
  /** How many earlier conversations the customer has in all (every page together). */
  total: number;
}
