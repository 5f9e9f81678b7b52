import type { AgentState, ChannelType, ConversationDto, ConversationStatus, MessageDto, MessageStatus, ReactionDto, Role } from './domain';
import type { WorkflowRunEvent } from './workflows';

/**
 * The supervisor's live view (WebSocket `/api/supervisor/ws?token=…`, roles supervisor and admin):
 * a snapshot of every queue and agent, then deltas with the rows that changed (at most one frame per
 * ~150 ms, each row its latest state). Times are epoch ms on the server's clock; `at` in each frame
 * lets a viewer tick durations ("waiting for 2:13") without asking again. After a reconnect the
 * server sends a fresh snapshot: there is nothing to resume.
 */

export interface LiveQueueRow {
  id: string;
  name: string;
  channel: ChannelType;
  /** Conversations in line. */
  waiting: number;
  /** When the conversation waiting longest was queued; null when none waits. */
  longestWaitSince: number | null;
  /** Conversations with an offer ringing an agent. */
  offered: number;
  /** Conversations an agent is handling (active or in conference). */
  active: number;
  /** Available members with spare capacity for the queue's channel. */
  availableAgents: number;
}

export interface LiveAgentRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamIds: string[];
  queueIds: string[];
  state: AgentState;
  idleReasonId: string | null;
  stateChangedAt: number;
  /** Conversations the agent is in (handling or wrapping up), per channel. */
  conversations: Partial<Record<ChannelType, number>>;
  /** What capacity counts (offers, conversations, wrap-ups), per channel. */
  load: Partial<Record<ChannelType, number>>;
  capacity: Partial<Record<ChannelType, number>>;
}

/** An open conversation in a queue's or an agent's list (GET /api/supervisor/live/conversations). */
export interface LiveConversationRow {
  id: string;
  channel: ChannelType;
  queueId: string;
  status: ConversationStatus;
  queuedAt: number;
  acceptedAt: number | null;
  ownerAgentId: string | null;
  /** Agents in it, and the one it is offered to. */
  agentIds: string[];
  customerName: string | null;
}

/** What happens in a followed conversation (the agent stream's conversation events, one copy). */
export type FollowedEvent =
  | { type: 'message.created'; message: MessageDto }
  | { type: 'conversation.updated'; conversation: ConversationDto }
  | { type: 'message.status'; conversationId: string; messageId: string; status: MessageStatus; reason?: string | null; providerId?: string | null }
  | { type: 'message.reactions'; conversationId: string; messageId: string; reactions: ReactionDto[] }
  /** A workflow run started or finished in it (its outcome, as the agent sees it). */
  | WorkflowRunEvent;

export type SupervisorServerFrame =
  | { type: 'snapshot'; at: number; queues: LiveQueueRow[]; agents: LiveAgentRow[] }
  /** Rows that changed since the last frame; `removed…`: deleted by an admin since. */
  | { type: 'delta'; at: number; queues: LiveQueueRow[]; agents: LiveAgentRow[]; removedQueueIds: string[]; removedAgentIds: string[] }
  /** The follow is in place: events of that conversation come next (load its thread after this). */
  | { type: 'following'; conversationId: string }
  | { type: 'conversation'; conversationId: string; at: number; event: FollowedEvent }
  | { type: 'error'; code: string; message: string; conversationId?: string }
  | { type: 'pong'; t: number };

/** Frames a supervisor may send: follow a conversation read-only (any number), stop, ping. */
export type SupervisorClientFrame =
  | { type: 'follow'; conversationId: string }
  | { type: 'unfollow'; conversationId: string }
  | { type: 'ping'; t: number };

/** POST /api/supervisor/agents/:id/state */
export interface SupervisorSetStateBody {
  state: 'offline' | 'idle' | 'available';
  idleReasonId?: string | null;
  /** Why (recorded in the audit log with who did it): 1–500 characters. */
  reason: string;
}
