import { DomainError } from '@parley/core';
import { CONVERSATION_STATUSES, type SupervisorConversationsQuery } from '@parley/protocol/api';
import type { ConversationFilter, ConversationPosition } from '@parley/storage';
import { decodeCursor } from './cursor';

export const DEFAULT_PAGE_SIZE = 50;

export interface ConversationListRequest {
  filter: ConversationFilter;
  after?: ConversationPosition;
  limit: number;
}

/**
 * The list's query string, already checked for shape by its schema (digit strings, lengths), as a
 * storage filter. What a schema cannot say clearly is checked here: the status names, the range.
 */
export function conversationListRequest(q: SupervisorConversationsQuery): ConversationListRequest {
  const filter: ConversationFilter = {};
  if (q.channel !== undefined) filter.channel = q.channel;
  if (q.entryPointId !== undefined) filter.entryPointId = q.entryPointId;
  if (q.customerExternalId !== undefined) filter.customerExternalId = q.customerExternalId;
  if (q.status !== undefined) filter.statuses = statuses(q.status);
  if (q.from !== undefined) filter.from = Number(q.from);
  if (q.to !== undefined) filter.to = Number(q.to);
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    throw new DomainError('PARLEY_ERR_VALIDATION', 'querystring/from must not be after querystring/to');
  }
  const req: ConversationListRequest = { filter, limit: q.limit === undefined ? DEFAULT_PAGE_SIZE : Number(q.limit) };
  if (q.cursor !== undefined) req.after = decodeCursor(q.cursor);
  return req;
}

/** `status=queued,offered` and `status=queued&status=offered` alike. */
function statuses(param: string | string[]): string[] {
  const names = [param].flat().flatMap((p) => p.split(',')).map((s) => s.trim());
  const allowed: readonly string[] = CONVERSATION_STATUSES;
  const unknown = names.filter((s) => !allowed.includes(s));
  if (unknown.length > 0) {
    throw new DomainError(
      'PARLEY_ERR_VALIDATION',
      `querystring/status: ${unknown.map((s) => JSON.stringify(s)).join(', ')} is not a status; use any of ${allowed.join(', ')}`,
    );
  }
  return [...new Set(names)];
}
