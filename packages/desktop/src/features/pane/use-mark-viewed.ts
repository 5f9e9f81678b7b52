import { useEffect, useSyncExternalStore } from 'react';
import type { MessageDto } from '@parley/protocol';
import type { DeskSession } from '../../state/session';

function subscribeVisibility(fn: () => void): () => void {
  document.addEventListener('visibilitychange', fn);
  return () => document.removeEventListener('visibilitychange', fn);
}

/** True while the page is visible (not a background tab, not minimised). */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState === 'visible');
}

/** While this thread is on screen and the page visible, its customer messages are reported read. */
export function useMarkViewed(session: DeskSession, conversationId: string, items: readonly MessageDto[]): void {
  const visible = usePageVisible();
  useEffect(() => {
    if (visible && items.length > 0) void session.viewed(conversationId);
  }, [session, conversationId, items, visible]);
}
