import type { ConversationHistoryPage, HistoryConversationDto } from '@parley/protocol';

/** Earlier conversations per request: enough to show at a glance, small enough to load on every pane. */
export const HISTORY_PAGE_SIZE = 5;

/** What the pane knows of the customer's earlier conversations. */
export interface HistoryView {
  /** Newest first, as the server pages them. */
  conversations: HistoryConversationDto[];
  hasMore: boolean;
  /** Every earlier conversation (0 until the first page arrived: nothing is shown). */
  total: number;
  loading: boolean;
  /** Why the last load failed, until the next one starts. */
  error: string | null;
}

export const emptyHistory: HistoryView = { conversations: [], hasMore: false, total: 0, loading: false, error: null };

export function loadStarted(v: HistoryView): HistoryView {
  return { ...v, loading: true, error: null };
}

export function loadFailed(v: HistoryView, message: string): HistoryView {
  return { ...v, loading: false, error: message };
}

/** Appends an older page; a conversation already shown (a page asked twice) is not repeated. */
export function pageArrived(v: HistoryView, page: ConversationHistoryPage): HistoryView {
  const known = new Set(v.conversations.map((c) => c.id));
  const fresh = page.conversations.filter((c) => !known.has(c.id));
  return { conversations: [...v.conversations, ...fresh], hasMore: page.hasMore, total: page.total, loading: false, error: null };
}

/** Where the next (older) page starts: the oldest conversation shown. */
export function olderCursor(v: HistoryView): string | undefined {
  return v.conversations.at(-1)?.id;
}

/** For display above the thread: the oldest at the top, the newest just above the current conversation. */
export function oldestFirst(v: HistoryView): HistoryConversationDto[] {
  return [...v.conversations].reverse();
}
