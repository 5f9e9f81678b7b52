import type { DeskStore } from '../../state/store';
import type { DeskState } from '../../state/types';
import type { DraftStorage } from './draft-storage';
import { bindDrafts, keepDraftsOf } from './drafts';

/**
 * Keeps reply drafts in step with the desk: once the snapshot says who I am, drafts are stored per
 * agent (so a reload keeps them); a conversation that leaves the desk (closed) takes its draft along.
 */
export function keepDraftsInStep(store: DeskStore, storage: DraftStorage): () => void {
  let seen: DeskState['conversations'] | null = null;
  const sync = () => {
    const s = store.getState();
    if (!s.me) return; // before the snapshot nothing is known about the desk
    bindDrafts(storage, s.me.id);
    if (s.conversations === seen) return;
    seen = s.conversations;
    keepDraftsOf(new Set(Object.keys(s.conversations)));
  };
  sync();
  return store.subscribe(sync);
}
