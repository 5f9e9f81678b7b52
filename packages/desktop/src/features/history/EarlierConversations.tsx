import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelType, ConversationDto } from '@parley/protocol';
import { useDesk } from '../../state/store';
import { channelRules, useDeskContext } from '../desk/context';
import { fetchHistory } from './history-api';
import { emptyHistory, HISTORY_PAGE_SIZE, loadFailed, loadStarted, olderCursor, pageArrived, type HistoryView } from './history-state';
import { EarlierConversationsView } from './EarlierConversationsView';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The customer's earlier conversations above the thread. The first page is asked for when the pane
 * opens (its total decides whether the disclosure shows at all and gives its count); "Show older"
 * asks for the next ones.
 */
export function EarlierConversations({ conversation }: { conversation: ConversationDto }) {
  const id = conversation.id;
  const { config } = useDeskContext();
  const meId = useDesk((s) => s.me?.id);
  const [view, setView] = useState<HistoryView>(emptyHistory);
  const [expanded, setExpanded] = useState(false);
  const current = useRef(view);
  current.current = view;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const load = useCallback(
    async (before: string | undefined) => {
      setView(loadStarted);
      try {
        const page = await fetchHistory(id, { ...(before && { before }), limit: HISTORY_PAGE_SIZE });
        if (mounted.current) setView((v) => pageArrived(v, page));
      } catch (e) {
        if (mounted.current) setView((v) => loadFailed(v, errorText(e)));
      }
    },
    [id],
  );

  useEffect(() => {
    void load(undefined);
  }, [load]);

  const onShowOlder = useCallback(() => {
    if (!current.current.loading) void load(olderCursor(current.current));
  }, [load]);
  const rulesFor = useCallback((channel: ChannelType) => channelRules(config, channel), [config]);

  return (
    <EarlierConversationsView
      view={view}
      expanded={expanded}
      onToggle={() => setExpanded((x) => !x)}
      onShowOlder={onShowOlder}
      rulesFor={rulesFor}
      customerName={conversation.customer.name}
      meId={meId}
    />
  );
}
