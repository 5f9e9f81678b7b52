import { DomainError, type ConversationState } from '@parley/core';
import * as store from '@parley/storage';
import type { AppCore } from '../core';
import { checkMayAttach } from '../uploader';

/**
 * The uploads a message attaches, checked against the channel's rules and their uploader.
 * `by`: who is sending (see uploader.ts); only their own uploads can be attached.
 */
export async function resolveAttachments(core: AppCore, c: ConversationState, ids: string[], by: string) {
  if (ids.length === 0) return [];
  if (!core.directory.rules(c.channel).attachments) {
    throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `${c.channel} takes no attachments`);
  }
  const out = [];
  for (const id of ids) {
    const a = checkMayAttach(await store.getAttachment(core.deps.db.kysely, id), id, c.id, by);
    out.push({ id: a.id, name: a.name, mimeType: a.mimeType, size: a.size });
  }
  return out;
}
