import type { ConversationHistoryPage } from '@parley/protocol';
import { request } from '../../api/http';

/** GET /api/conversations/:id/history (docs/api.md, "Customer history"). */
export function fetchHistory(conversationId: string, opts: { before?: string; limit: number }): Promise<ConversationHistoryPage> {
  const q = new URLSearchParams({ limit: String(opts.limit) });
  if (opts.before) q.set('before', opts.before);
  return request<ConversationHistoryPage>('GET', `/api/conversations/${encodeURIComponent(conversationId)}/history?${q}`);
}
