import { DomainError } from '@parley/core';
import type { ConversationPosition } from '@parley/storage';

/**
 * The conversation list's paging cursor: the position (createdAt, id) of the last conversation a
 * page returned, opaque to clients (base64url JSON) so its form can change without breaking them.
 */
export function encodeCursor(p: ConversationPosition): string {
  return Buffer.from(JSON.stringify([p.createdAt, p.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ConversationPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (Array.isArray(value) && value.length === 2) {
    const [createdAt, id] = value as unknown[];
    if (Number.isSafeInteger(createdAt) && (createdAt as number) >= 0 && typeof id === 'string' && id.length > 0 && id.length <= 128) {
      return { createdAt: createdAt as number, id };
    }
  }
  throw new DomainError('PARLEY_ERR_VALIDATION', 'querystring/cursor is not a cursor this API returned (pass nextCursor as it is)');
}
