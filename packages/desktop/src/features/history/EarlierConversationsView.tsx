import { useEffect, useId, useRef } from 'react';
import type { ChannelRules, ChannelType, HistoryConversationDto, MessageDto } from '@parley/protocol';
import { useI18n } from '../i18n/i18n';
import { MessageRow } from '../pane/MessageRow';
import { oldestFirst, type HistoryView } from './history-state';

interface Props {
  view: HistoryView;
  expanded: boolean;
  onToggle: () => void;
  onShowOlder: () => void;
  rulesFor: (channel: ChannelType) => ChannelRules;
  customerName: string;
  meId: string | undefined;
}

const noRetry = () => undefined;
/** Read-only: without its client id a failed message offers no Retry (it belongs to another conversation). */
const readOnly = (m: MessageDto): MessageDto => ({ ...m, clientId: null });

/** "Earlier conversations (N)": a disclosure above the thread, absent when the customer has none. */
export function EarlierConversationsView({ view, expanded, onToggle, onShowOlder, rulesFor, customerName, meId }: Props) {
  const { t } = useI18n();
  const panelId = useId();
  const scroller = useRef<HTMLElement>(null);
  // Opened: start at the bottom, on the conversation just before this one (older ones are above).
  useEffect(() => {
    const el = scroller.current;
    if (expanded && el) el.scrollTop = el.scrollHeight;
  }, [expanded]);
  if (view.total === 0) return null;
  return (
    <section ref={scroller} className="history" data-testid="history" aria-labelledby={`${panelId}-toggle`}>
      <h2 className="history-head">
        <button id={`${panelId}-toggle`} type="button" className="history-toggle" aria-expanded={expanded} aria-controls={panelId} onClick={onToggle}>
          <span aria-hidden="true" className="history-caret">
            {expanded ? '▾' : '▸'}
          </span>{' '}
          {t('history.toggle', { count: view.total })}
        </button>
      </h2>
      <div id={panelId} className="history-list" hidden={!expanded}>
        {view.hasMore ? (
          <button type="button" className="btn btn-link history-older" disabled={view.loading} onClick={onShowOlder}>
            {view.loading ? t('history.loading') : t('history.showOlder')}
          </button>
        ) : null}
        {view.error ? (
          <p className="error-text" role="alert">
            {t('history.failed', { message: view.error })}
          </p>
        ) : null}
        {oldestFirst(view).map((h) => (
          <HistoryBlock key={h.id} h={h} rules={rulesFor(h.channel)} customerName={customerName} meId={meId} />
        ))}
      </div>
    </section>
  );
}

/** One earlier conversation: a region named by its date, its facts, its messages muted. */
function HistoryBlock({ h, rules, customerName, meId }: { h: HistoryConversationDto; rules: ChannelRules; customerName: string; meId: string | undefined }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const date = new Date(h.createdAt).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const agents = h.agents.map((a) => a.name ?? a.id).join(', ');
  return (
    <section className="history-block" aria-labelledby={headingId} data-conversation={h.id}>
      <h3 id={headingId} className="history-date">
        <time dateTime={new Date(h.createdAt).toISOString()}>{date}</time>
      </h3>
      <p className="history-facts">
        {h.queueName} · {agents ? t('history.handledBy', { agents }) : t('history.noAgent')}
        {h.endedAt === null ? ` · ${t('history.open')}` : ''}
      </p>
      {h.hasMoreMessages ? <p className="hint">{t('history.moreMessages', { count: h.messages.length })}</p> : null}
      {h.messages.length === 0 ? (
        <p className="hint">{t('history.noMessages')}</p>
      ) : (
        <div className="history-messages">
          {h.messages.map((m) => (
            <MessageRow key={m.id} m={readOnly(m)} rules={rules} customerName={customerName} meId={meId} onRetry={noRetry} />
          ))}
        </div>
      )}
    </section>
  );
}
