import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ConversationDto } from '@parley/protocol';
import { useDesk } from '../../state/store';
import { emptyThread, messageKey } from '../../state/thread';
import { useT } from '../i18n/i18n';
import { useChannelRules, useDeskContext } from '../desk/context';
import { MessageRow } from './MessageRow';
import { useMarkViewed } from './use-mark-viewed';

const NEAR_TOP_PX = 400;
const NEAR_BOTTOM_PX = 80;

/** The message thread: a virtualised list with measured rows, pinned to the bottom, loading older pages at the top. */
export function MessageList({ conversation }: { conversation: ConversationDto }) {
  const id = conversation.id;
  const thread = useDesk((s) => s.threads[id]) ?? emptyThread;
  const meId = useDesk((s) => s.me?.id);
  const typing = useDesk((s) => !!s.typing[id]);
  const { session } = useDeskContext();
  const rules = useChannelRules(conversation.channel);
  const t = useT();
  const items = thread.items;
  useMarkViewed(session, id, items);
  const parentRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ key: string; delta: number } | null>(null);
  const prev = useRef<{ first: string | undefined; len: number }>({ first: undefined, len: 0 });

  const v = useVirtualizer({
    count: items.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => 60,
    overscan: 12,
    getItemKey: (i) => messageKey(items[i]!),
  });

  useLayoutEffect(() => {
    const first = items[0] ? messageKey(items[0]) : undefined;
    const last = items[items.length - 1];
    const a = anchor.current;
    if (a && first !== prev.current.first) {
      anchor.current = null;
      const idx = items.findIndex((m) => messageKey(m) === a.key);
      const off = idx >= 0 ? v.getOffsetForIndex(idx, 'start') : undefined;
      if (off) v.scrollToOffset(off[0] + a.delta);
    } else if (items.length !== prev.current.len && items.length > 0) {
      const mineJustSent = last?.authorId === meId && last?.status === 'pending';
      if (atBottom.current || mineJustSent) v.scrollToIndex(items.length - 1, { align: 'end' });
    }
    prev.current = { first, len: items.length };
  }, [items, meId, v]);

  // First render of a loaded thread: start at the newest message (once, not on every new item).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the thread becomes loaded, only
  useEffect(() => {
    if (thread.loaded && items.length > 0) {
      const raf = requestAnimationFrame(() => v.scrollToIndex(items.length - 1, { align: 'end' }));
      return () => cancelAnimationFrame(raf);
    }
    return undefined;
  }, [thread.loaded]);

  const onScroll = useCallback(() => {
    const el = parentRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    const th = thread;
    if (el.scrollTop < NEAR_TOP_PX && th.hasMore && !th.loading && !anchor.current) {
      const vi = v.getVirtualItems().find((x) => x.end > el.scrollTop);
      if (vi) anchor.current = { key: String(vi.key), delta: el.scrollTop - vi.start };
      void session.loadOlder(id).then((n) => {
        if (n === 0) anchor.current = null;
      });
    }
  }, [thread, v, session, id]);

  const onRetry = useCallback((clientId: string) => void session.retry(id, clientId), [session, id]);

  return (
    <div className="thread-wrap">
      {thread.loading && thread.loaded ? (
        <p className="thread-loading" role="status">
          {t('pane.loadingOlder')}
        </p>
      ) : null}
      <div
        ref={parentRef}
        className="thread"
        role="log"
        aria-label={t('pane.messages')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard (axe scrollable-region-focusable)
        tabIndex={0}
        onScroll={onScroll}
        data-testid="thread"
        data-count={items.length}
        data-has-more={thread.hasMore ? 'true' : 'false'}
      >
        <div className="thread-inner" style={{ height: v.getTotalSize() }}>
          {v.getVirtualItems().map((vi) => {
            const m = items[vi.index]!;
            return (
              <div key={vi.key} data-index={vi.index} ref={v.measureElement} className="vrow" style={{ transform: `translateY(${vi.start}px)` }}>
                <MessageRow
                  m={m}
                  rules={rules}
                  customerName={conversation.customer.name}
                  meId={meId}
                  onRetry={onRetry}
                />
              </div>
            );
          })}
        </div>
      </div>
      {typing ? <p className="typing">{t('pane.typing', { name: conversation.customer.name })}</p> : null}
    </div>
  );
}
