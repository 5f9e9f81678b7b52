import * as store from '@parley/storage';
import type { Db, GroupCommitter } from '@parley/storage';
import type { Files } from './files';

export const UNSENT_ATTACHMENT_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Uploads that were never sent in a conversation within a day are deleted — the row, then the
 * file — so abandoned uploads don't fill the disk. Returns how many went.
 */
export async function sweepUnsentAttachments(db: Db, committer: GroupCommitter, files: Files, now: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = await store.listUnsentAttachments(db.kysely, now - UNSENT_ATTACHMENT_TTL_MS, 200);
    if (batch.length === 0) return removed;
    for (const a of batch) {
      if (await committer.run((trx) => store.deleteAttachment(trx, a.id))) {
        await files.discard(a.storageKey);
        removed++;
      }
    }
  }
}
