import { useRef, type CSSProperties } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { CHANNEL_TYPES, type ChannelType, type LiveAgentRow } from '@parley/protocol';
import { useI18n } from '../i18n/i18n';
import { useDeskContext } from '../desk/context';
import { Elapsed } from './Elapsed';
import { agentStateLabel, channelLabel } from './labels';

interface Props {
  agents: LiveAgentRow[];
  total: number;
  /** The channel filter: only that channel's figures are shown. */
  channel: ChannelType | '';
  skewMs: number;
  onShowConversations: (a: LiveAgentRow) => void;
  onChangeState: (a: LiveAgentRow) => void;
}

const ROW_PX = 44;

/** Channels an agent works on (capacity) or still has work in; the filtered one only, when filtered. */
function channelsOf(a: LiveAgentRow, only: ChannelType | '') {
  return CHANNEL_TYPES.filter((c) => (!only || c === only) && ((a.capacity[c] ?? 0) > 0 || (a.load[c] ?? 0) > 0));
}

/**
 * Every agent's live state: a real table whose body is virtualised (only the rows in view are in the
 * page, the rows out of view are padding), so a floor of 1,000 agents stays smooth.
 */
export function AgentsTable({ agents, total, channel, skewMs, onShowConversations, onChangeState }: Props) {
  const { t, lang } = useI18n();
  const { config } = useDeskContext();
  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: agents.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_PX, overscan: 10, getItemKey: (i) => agents[i]!.id });
  const items = v.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = items.length ? v.getTotalSize() - items[items.length - 1]!.end : 0;
  return (
    <div className="sup-table-wrap sup-agents-scroll" ref={scroller}>
      <table className="sup-table" data-testid="sup-agents" aria-rowcount={agents.length + 1}>
        <caption>
          {t('sup.agents.caption')} <span className="muted">({t('sup.agents.count', { shown: agents.length, total })})</span>
        </caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">{t('sup.agents.name')}</th>
            <th scope="col">{t('sup.agents.state')}</th>
            <th scope="col" className="num">{t('sup.agents.timeInState')}</th>
            <th scope="col">{t('sup.agents.conversations')}</th>
            <th scope="col">
              <span className="sr-only">{t('sup.agents.actions')}</span>
            </th>
          </tr>
        </thead>
        {/* The rows out of view take their height as padding (CSS pseudo rows), not as empty table rows. */}
        <tbody className="sup-virtual" style={{ '--sup-top': `${top}px`, '--sup-bottom': `${bottom}px` } as CSSProperties}>
          {agents.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                {t('sup.agents.none')}
              </td>
            </tr>
          ) : null}
          {items.map((vi) => {
            const a = agents[vi.index]!;
            return (
              <tr key={a.id} ref={v.measureElement} data-index={vi.index} data-agent={a.id} aria-rowindex={vi.index + 2}>
                <th scope="row">
                  {a.displayName} <span className="muted">@{a.username}</span>
                </th>
                <td data-col="state">
                  <span className={`dot dot-${a.state}`} aria-hidden="true" /> {agentStateLabel(t, lang, config, a.state, a.idleReasonId)}
                </td>
                <td className="num">
                  <Elapsed since={a.stateChangedAt} skewMs={skewMs} />
                </td>
                <td data-col="conversations">
                  {channelsOf(a, channel).map((c) => (
                    <span key={c} className="sup-load" title={t('sup.agents.capacity')}>
                      {channelLabel(t, c)} {a.conversations[c] ?? 0}/{a.capacity[c] ?? 0}
                    </span>
                  ))}
                </td>
                <td>
                  <div className="sup-actions">
                  <button type="button" className="btn btn-small" aria-label={t('sup.list.showOf', { name: a.displayName })} onClick={() => onShowConversations(a)}>
                    {t('sup.list.show')}
                  </button>
                  <button type="button" className="btn btn-small" aria-label={t('sup.state.changeOf', { name: a.displayName })} onClick={() => onChangeState(a)}>
                    {t('sup.state.change')}
                  </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
