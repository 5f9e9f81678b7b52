import type { MessageDto, MessageStatus, ReactionDto } from '@parley/protocol';

/** One conversation's message thread as the Desktop holds it (oldest first). */
export interface Thread {
  items: MessageDto[];
  /** The newest page was fetched from the server. */
  loaded: boolean;
  loading: boolean;
  /** Older messages exist on the server. */
  hasMore: boolean;
}

export const emptyThread: Thread = { items: [], loaded: false, loading: false, hasMore: false };

const RANK: Record<MessageStatus, number> = { pending: 0, received: 1, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * A stored message's delivery status only moves forward (a late `sent` never hides `read`) and
 * `failed` is final, as on the server: the POST's answer (the message as stored, still pending) can
 * arrive after the provider's receipts. Only a retry's optimistic copy starts over (see `merge`).
 */
export function mergeStatus(current: MessageStatus, next: MessageStatus): MessageStatus {
  return RANK[next] >= RANK[current] ? next : current;
}

/** Stable identity across the optimistic copy and the stored message. */
export function messageKey(m: MessageDto): string {
  return m.clientId ? `c:${m.clientId}` : m.id;
}

function sameMessage(a: MessageDto, b: MessageDto): boolean {
  return a.id === b.id || (!!a.clientId && a.clientId === b.clientId && a.authorType === b.authorType);
}

const isLocal = (m: MessageDto) => m.id.startsWith('local:');

/** An optimistic copy (a send or its retry) shows its own status; so does the first stored copy replacing one. */
function merge(old: MessageDto, incoming: MessageDto): MessageDto {
  const status = isLocal(incoming) || isLocal(old) ? incoming.status : mergeStatus(old.status, incoming.status);
  return { ...incoming, status, statusReason: status === 'failed' ? (incoming.statusReason ?? old.statusReason) : incoming.statusReason };
}

/** Inserts or replaces one message, keeping the thread ordered by time. */
export function upsertMessage(items: MessageDto[], m: MessageDto): MessageDto[] {
  for (let i = items.length - 1; i >= 0; i--) {
    const cur = items[i]!;
    if (sameMessage(cur, m)) {
      const next = items.slice();
      next[i] = merge(cur, m);
      return next;
    }
  }
  const last = items[items.length - 1];
  if (!last || last.createdAt <= m.createdAt) return [...items, m];
  let at = items.length;
  while (at > 0 && items[at - 1]!.createdAt > m.createdAt) at--;
  return [...items.slice(0, at), m, ...items.slice(at)];
}

/** Merges a fetched page into what the thread already has (events may have arrived first). */
export function mergePage(items: MessageDto[], page: MessageDto[]): MessageDto[] {
  if (items.length === 0) return page.slice();
  let out = items;
  const byKey = new Map<string, number>();
  items.forEach((m, i) => {
    byKey.set(m.id, i);
    if (m.clientId) byKey.set(`c:${m.clientId}`, i);
  });
  const fresh: MessageDto[] = [];
  for (const m of page) {
    const i = byKey.get(m.id) ?? (m.clientId ? byKey.get(`c:${m.clientId}`) : undefined);
    if (i === undefined) fresh.push(m);
    else {
      if (out === items) out = items.slice();
      out[i] = merge(out[i]!, m);
    }
  }
  if (fresh.length === 0) return out;
  return [...fresh, ...out].sort((a, b) => a.createdAt - b.createdAt);
}

export function setMessageStatus(items: MessageDto[], messageId: string, status: MessageStatus, reason?: string | null): MessageDto[] {
  for (let i = items.length - 1; i >= 0; i--) {
    const cur = items[i]!;
    if (cur.id === messageId) {
      const merged = mergeStatus(cur.status, status);
      if (merged === cur.status && (merged !== 'failed' || cur.statusReason === reason)) return items;
      const next = items.slice();
      next[i] = { ...cur, status: merged, statusReason: merged === 'failed' ? (reason ?? cur.statusReason ?? null) : null };
      return next;
    }
  }
  return items;
}

export function setMessageReactions(items: MessageDto[], messageId: string, reactions: ReactionDto[]): MessageDto[] {
  const i = items.findIndex((m) => m.id === messageId);
  if (i < 0) return items;
  const next = items.slice();
  next[i] = { ...items[i]!, reactions };
  return next;
}
