import type { DragEvent } from 'react';

/**
 * Files dropped anywhere on a conversation's pane go to its composer: the pane hands them over by
 * conversation id, the composer (when its channel takes files) takes them.
 */
const takers = new Map<string, (files: File[]) => void>();

export function takeDroppedFiles(conversationId: string, take: (files: File[]) => void): () => void {
  takers.set(conversationId, take);
  return () => {
    if (takers.get(conversationId) === take) takers.delete(conversationId);
  };
}

/** Drag handlers for the pane: only drags carrying files, and only where a composer takes them. */
export function fileDropTarget(conversationId: string) {
  const accepts = (e: DragEvent<HTMLElement>) => takers.has(conversationId) && Array.from(e.dataTransfer.types).includes('Files');
  return {
    onDragOver: (e: DragEvent<HTMLElement>) => {
      if (!accepts(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDrop: (e: DragEvent<HTMLElement>) => {
      if (!accepts(e)) return;
      e.preventDefault();
      takers.get(conversationId)?.(Array.from(e.dataTransfer.files));
    },
  };
}
