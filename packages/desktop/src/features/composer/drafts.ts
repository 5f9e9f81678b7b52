import { useCallback, useSyncExternalStore } from 'react';
import { observable } from '../../state/external';

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

/** Drafts per conversation survive switching tasks (kept for the session, not persisted). */
export const drafts = observable<Record<string, Draft>>({});

export function updateDraft(id: string, fn: (d: Draft) => Draft): void {
  drafts.set((all) => ({ ...all, [id]: fn(all[id] ?? emptyDraft) }));
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
