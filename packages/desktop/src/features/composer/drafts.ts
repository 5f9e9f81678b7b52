import { useCallback, useSyncExternalStore } from 'react';
import { observable } from '../../state/external';
import { loadDrafts, saveDraft, type DraftStorage } from './draft-storage';

export interface TemplateDraft {
  id: string;
  name: string;
  body: string;
  locked: boolean;
  values: Record<string, string>;
}

export interface Draft {
  text: string;
  template: TemplateDraft | null;
}

export const emptyDraft: Draft = { text: '', template: null };

/** Drafts per conversation: they survive switching tasks and, once bound to an agent, a reload. */
export const drafts = observable<Record<string, Draft>>({});

let persisted: { storage: DraftStorage; agentId: string } | null = null;

/** From now on drafts are also kept in `storage` for `agentId`; the ones stored there come back. */
export function bindDrafts(storage: DraftStorage, agentId: string): void {
  if (persisted?.storage === storage && persisted.agentId === agentId) return;
  const otherAgent = !!persisted && persisted.agentId !== agentId;
  persisted = { storage, agentId };
  const stored = loadDrafts(storage, agentId);
  // Another agent signed in on this page: none of the previous one's drafts carry over.
  drafts.set((all) => (otherAgent ? stored : { ...stored, ...all }));
  for (const [id, d] of Object.entries(drafts.get())) saveDraft(storage, agentId, id, d);
}

export function updateDraft(id: string, fn: (d: Draft) => Draft): void {
  drafts.set((all) => ({ ...all, [id]: fn(all[id] ?? emptyDraft) }));
  if (persisted) saveDraft(persisted.storage, persisted.agentId, id, drafts.get()[id] ?? emptyDraft);
}

/** Forgets the drafts of conversations no longer on the desk (closed after wrap-up, taken away). */
export function keepDraftsOf(liveIds: ReadonlySet<string>): void {
  const gone = Object.keys(drafts.get()).filter((id) => !liveIds.has(id));
  if (gone.length === 0) return;
  drafts.set((all) => Object.fromEntries(Object.entries(all).filter(([id]) => liveIds.has(id))));
  if (persisted) for (const id of gone) saveDraft(persisted.storage, persisted.agentId, id, emptyDraft);
}

export function useDraft(id: string): [Draft, (fn: (d: Draft) => Draft) => void] {
  const draft = useSyncExternalStore(drafts.subscribe, () => drafts.get()[id] ?? emptyDraft);
  const update = useCallback((fn: (d: Draft) => Draft) => updateDraft(id, fn), [id]);
  return [draft, update];
}

/** The text that goes out: the template block (if any) followed by what was typed. */
export function joinParts(templateText: string, typed: string): string {
  if (!templateText) return typed;
  return typed.trim() ? `${templateText}\n${typed}` : templateText;
}
