import { observable, useObservable } from '../../state/external';

/** Conversations whose Workflows panel is open (the button in the pane header toggles it). */
const openPanels = observable<Record<string, true>>({});

export function useWorkflowsOpen(conversationId: string): boolean {
  return !!useObservable(openPanels)[conversationId];
}

export function toggleWorkflows(conversationId: string): void {
  openPanels.set((o) => {
    if (!o[conversationId]) return { ...o, [conversationId]: true };
    const { [conversationId]: _closed, ...rest } = o;
    return rest;
  });
}
