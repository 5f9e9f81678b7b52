import { DomainError, type ConversationState } from '@parley/core';
import { mediaProblem } from '@parley/protocol';
import * as store from '@parley/storage';
import type { AppCore } from '../core';
import { checkMayAttach } from '../uploader';
import { mediaProblemError } from './media-problem';

/**
 * The uploads a message attaches, checked against the channel's rules (kinds, sizes, files per
 * message, total) and their uploader. `by`: who is sending (see uploader.ts); only their own uploads.
 */
export async function resolveAttachments(core: AppCore, c: ConversationState, ids: string[], by: string) {
  if (ids.length === 0) return [];
  const rules = core.directory.rules(c.channel);
  if (!rules.attachments) throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `${c.channel} takes no attachments`);
  checkEntryPointCarriesMedia(core, c);
  if (new Set(ids).size !== ids.length) throw new DomainError('PARLEY_ERR_VALIDATION', 'The same attachment is named twice');
  const out = [];
  for (const id of ids) {
    const a = checkMayAttach(await store.getAttachment(core.deps.db.kysely, id), id, c.id, by);
    out.push({ id: a.id, name: a.name, mimeType: a.mimeType, size: a.size });
  }
  const problem = mediaProblem(rules, out);
  if (problem) throw mediaProblemError(problem, c.channel);
  return out;
}

/** The conversation's entry point can send files (its adapter may say no: SMS outside the US and Canada). */
export function checkEntryPointCarriesMedia(core: AppCore, c: Pick<ConversationState, 'id' | 'channel'>): void {
  const meta = core.meta.get(c.id);
  const ep = meta ? core.directory.entryPoints.get(meta.entryPointId) : undefined;
  const carries = core.deps.channels.get(c.channel)?.carriesMedia;
  if (ep && carries && !carries(ep.settings)) {
    throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `${ep.name} can't send files on ${c.channel} (MMS: US and Canadian numbers only)`);
  }
}
