import type { MessageStatus } from '@parley/protocol';

const RANK: Partial<Record<MessageStatus, number>> = { pending: 0, sent: 1, delivered: 2, read: 3 };

/**
 * Where a message's delivery status goes when a receipt says `incoming` (SPEC: pending → sent →
 * delivered → read, or failed). Never backwards: a late `sent` after `read` changes nothing; `failed`
 * is final, and a message already read can't fail. Inbound messages (`received`) take no receipts.
 * Null: no change.
 */
export function nextMessageStatus(current: MessageStatus, incoming: MessageStatus): MessageStatus | null {
  if (current === 'failed' || current === 'received' || incoming === 'received') return null;
  const from = RANK[current] ?? 0;
  if (incoming === 'failed') return current === 'read' ? null : 'failed';
  const to = RANK[incoming] ?? 0;
  return to > from ? incoming : null;
}
