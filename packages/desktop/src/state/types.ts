import type { AgentDto, ConversationDto, DeskSnapshot, MessageDto, OfferDto, StoredEvent } from '@parley/protocol';
import type { LinkStatus } from '../api/socket';
import type { Thread } from './thread';
import type { WorkflowRunsState } from './workflow-runs';

export interface DeskState {
  /** Last event sequence applied. */
  seq: number;
  /** The event stream `seq` belongs to (from the snapshot); resuming sends it back. */
  epoch: string;
  me: AgentDto | null;
  conversations: Record<string, ConversationDto>;
  /** Pending offers to me, by conversation id. */
  offers: Record<string, OfferDto>;
  /** Task List order: conversation ids in arrival order. */
  order: string[];
  threads: Record<string, Thread>;
  unread: Record<string, number>;
  typing: Record<string, boolean>;
  /** Conversations the server put me in wrap-up for, or that I left by a command (until Submit). */
  wrapup: Record<string, true>;
  /** Conversations I submitted wrap-up for: late events must not bring them back. */
  finished: Record<string, true>;
  selectedId: string | null;
  link: LinkStatus;
  /** Workflow runs from the event stream (the pane also fetches earlier ones). */
  workflowRuns: WorkflowRunsState;
}

export type DeskAction =
  | { type: 'snapshot'; snapshot: DeskSnapshot }
  | { type: 'event'; event: StoredEvent }
  | { type: 'agent'; agent: AgentDto }
  | { type: 'conversation'; conversation: ConversationDto }
  | { type: 'offer.gone'; conversationId: string }
  | { type: 'thread.loading'; conversationId: string }
  | { type: 'thread.page'; conversationId: string; messages: MessageDto[]; hasMore: boolean; older: boolean }
  | { type: 'thread.failed'; conversationId: string }
  | { type: 'send.pending'; message: MessageDto }
  | { type: 'send.done'; message: MessageDto }
  | { type: 'send.failed'; conversationId: string; clientId: string; reason: string }
  | { type: 'wrapup.start'; conversationId: string }
  | { type: 'wrapup.done'; conversationId: string }
  | { type: 'select'; conversationId: string | null }
  | { type: 'select.step'; delta: 1 | -1 }
  | { type: 'link'; status: LinkStatus };

export const initialDeskState: DeskState = {
  seq: 0,
  epoch: '',
  me: null,
  conversations: {},
  offers: {},
  order: [],
  threads: {},
  unread: {},
  typing: {},
  wrapup: {},
  finished: {},
  selectedId: null,
  link: 'connecting',
  workflowRuns: {},
};
