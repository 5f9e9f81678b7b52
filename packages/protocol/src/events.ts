import type { AgentDto, ConversationDto, MessageDto, MessageStatus, OfferDto, ReactionDto } from './domain';
import type { WorkflowRunEvent } from './workflows';

/**
 * Agent event stream (WebSocket `/api/ws?token=…&since=SEQ&epoch=EPOCH`).
 * Stored events carry a global, increasing `seq`; a client that reconnects with `since` receives
 * every event after it that it may see. `typing` is ephemeral (seq 0, never replayed).
 */
export type AgentEvent =
  | { type: 'agent.updated'; agent: AgentDto }
  | { type: 'offer.created'; offer: OfferDto; conversation: ConversationDto }
  | {
      type: 'offer.withdrawn';
      conversationId: string;
      agentId: string;
      reason: 'timeout' | 'accepted' | 'cancelled' | 'customer-left' | 'max-wait' | 'abandoned';
    }
  | { type: 'conversation.updated'; conversation: ConversationDto }
  | { type: 'message.created'; message: MessageDto }
  | { type: 'message.status'; conversationId: string; messageId: string; status: MessageStatus; reason?: string | null; providerId?: string | null }
  /** A message's reactions changed (added, replaced or removed): the full current list. */
  | { type: 'message.reactions'; conversationId: string; messageId: string; reactions: ReactionDto[] }
  | { type: 'typing'; conversationId: string; typing: boolean }
  /** An admin changed the configuration (queues, reasons, templates, …): re-read `GET /api/config`. */
  | { type: 'config.updated' }
  | WorkflowRunEvent;

export type StoredEvent = AgentEvent & { seq: number; at: number };

/** Frames the server sends on the agent socket. */
export type AgentServerFrame =
  /**
   * `seq` echoes the client's `since`; `head` is the last seq the server has handed out and `epoch`
   * names its stream (send it back as `epoch=` when resuming).
   */
  | { type: 'hello'; seq: number; head: number; epoch: string; agentId: string; resumed: boolean }
  /**
   * Instead of a replay: `since` is from another epoch, ahead of `head`, or older than what the
   * server keeps. Reload the snapshot; live events continue after `seq`.
   */
  | { type: 'resync'; seq: number; reason: 'epoch' | 'ahead' | 'pruned' }
  | { type: 'event'; event: StoredEvent }
  | { type: 'pong'; t: number };

/** Frames the client may send on the agent socket (commands go over REST). */
export type AgentClientFrame = { type: 'ping'; t: number } | { type: 'typing'; conversationId: string; typing: boolean };
