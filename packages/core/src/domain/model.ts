import type {
  AgentState,
  ChannelType,
  ConversationStatus,
  EndedBy,
  OfferKind,
  ParticipantRole,
  ParticipantStatus,
} from '@parley/protocol';

/** Routing-relevant agent facts. Busy is derived from load vs capacity. */
export interface AgentRecord {
  id: string;
  state: AgentState;
  idleReasonId: string | null;
  stateChangedAt: number;
  /** Longest-available ordering: when the agent last became available or was last offered work. */
  readySince: number;
  capacity: Partial<Record<ChannelType, number>>;
}

export interface QueueRecord {
  id: string;
  channel: ChannelType;
  offerTimeoutMs: number;
  maxWaitMs: number;
  /** What happens when a transfer to an agent is not accepted: dropped (the guide) or back to the queue. */
  transferFallback: 'drop' | 'requeue';
  overflowQueueId: string | null;
  /** Who a customer's reply to a closed conversation (email) goes to: the queue (also when absent), or first its last agent. */
  reopenTo?: 'queue' | 'lastAgent';
  /** Agents in the queue, teams already expanded. */
  memberIds: string[];
}

export interface Participant {
  agentId: string;
  role: ParticipantRole;
  status: ParticipantStatus;
  joinedAt: number;
  leftAt: number | null;
}

export interface Offer {
  agentId: string;
  kind: OfferKind;
  offeredAt: number;
  deadline: number;
  fromAgentId: string | null;
}

/**
 * A conference asked of a queue rather than of one agent: it waits in that queue until one of its
 * agents can take it (`offer` is null meanwhile), then stays set while that agent is offered it.
 */
export interface ConferenceRequest {
  queueId: string;
  byAgentId: string;
  /** Its place among the queue's waiting work. */
  requestedAt: number;
}

/** The routing state of one conversation; what a restart rebuilds the engine from. */
export interface ConversationState {
  id: string;
  channel: ChannelType;
  queueId: string;
  status: ConversationStatus;
  ownerAgentId: string | null;
  participants: Participant[];
  offer: Offer | null;
  createdAt: number;
  queuedAt: number;
  /** Set while queued or offered for routing; null once an agent has it. */
  maxWaitDeadline: number | null;
  acceptedAt: number | null;
  /**
   * Set while the customer of a chat has no connection and no agent has accepted yet: when the chat
   * is abandoned unless the customer comes back first. Null otherwise (and for channels without presence).
   */
  abandonDeadline: number | null;
  endedAt: number | null;
  endedBy: EndedBy | null;
  /** Queues already overflowed from, so overflow never loops. */
  overflowedFrom: string[];
  /** A conference to a queue, pending until an agent of it accepts, declines, or the owner cancels. */
  conferenceRequest: ConferenceRequest | null;
}

export type NoticeCode = import('@parley/protocol').NoticeCode;

/** Facts a command produced, in order. The edge persists them, then publishes. */
export type DomainEvent =
  | { type: 'offer.created'; conversationId: string; offer: Offer }
  | {
      type: 'offer.withdrawn';
      conversationId: string;
      agentId: string;
      kind: OfferKind;
      reason: 'timeout' | 'accepted' | 'cancelled' | 'customer-left' | 'max-wait' | 'abandoned';
    }
  | { type: 'agent.state'; agentId: string; state: AgentState; previous: AgentState }
  | {
      type: 'notice';
      conversationId: string;
      code: NoticeCode;
      agentId?: string;
      queueId?: string;
      /** On `transferred`: the queue it leaves, and the agent who transferred it (none for an overflow). */
      fromQueueId?: string;
      byAgentId?: string;
    }
  | { type: 'rona'; agentId: string; conversationId: string; queueId: string }
  | { type: 'closed'; conversationId: string }
  // Accounting marks (what the day's figures count; no agent is told):
  /** The conversation joined the back of a queue's line (new, reopened, transferred, overflowed or requeued). */
  | { type: 'queued'; conversationId: string; queueId: string }
  /** An agent's part ended (transfer, exit, or the conversation's end): wrap-up follows. */
  | { type: 'left'; conversationId: string; agentId: string; role: ParticipantRole; queueId: string; joinedAt: number }
  /** The conversation ended; `waiting` when nobody had it then (queued, or offered from the queue). */
  | { type: 'ended'; conversationId: string; queueId: string; by: EndedBy; waiting: boolean };

/** What one command changed: ordered facts plus the final state of everything it touched. */
export interface Outcome {
  events: DomainEvent[];
  conversations: ConversationState[];
  agents: AgentRecord[];
  queueIds: string[];
}
