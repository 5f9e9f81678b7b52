import type { LiveQueueRow } from '@parley/protocol';
import { useT } from '../i18n/i18n';
import { Elapsed } from './Elapsed';
import { channelLabel } from './labels';

interface Props {
  queues: LiveQueueRow[];
  skewMs: number;
  onShowConversations: (q: LiveQueueRow) => void;
}

/** Every queue's live figures; longest wait ticks here from its timestamp. */
export function QueuesTable({ queues, skewMs, onShowConversations }: Props) {
  const t = useT();
  return (
    <div className="sup-table-wrap">
      <table className="sup-table" data-testid="sup-queues">
        <caption>{t('sup.queues.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sup.queues.name')}</th>
            <th scope="col">{t('sup.queues.channel')}</th>
            <th scope="col" className="num">{t('sup.queues.waiting')}</th>
            <th scope="col" className="num">{t('sup.queues.longestWait')}</th>
            <th scope="col" className="num">{t('sup.queues.offered')}</th>
            <th scope="col" className="num">{t('sup.queues.active')}</th>
            <th scope="col" className="num">{t('sup.queues.available')}</th>
            <th scope="col">
              <span className="sr-only">{t('sup.agents.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {queues.length === 0 ? (
            <tr>
              <td colSpan={8} className="muted">
                {t('sup.queues.none')}
              </td>
            </tr>
          ) : null}
          {queues.map((q) => (
            <tr key={q.id} data-queue={q.id}>
              <th scope="row">{q.name}</th>
              <td>{channelLabel(t, q.channel)}</td>
              <td className="num" data-col="waiting">{q.waiting}</td>
              <td className="num" data-col="longest-wait">
                <Elapsed since={q.longestWaitSince} skewMs={skewMs} />
              </td>
              <td className="num" data-col="offered">{q.offered}</td>
              <td className="num" data-col="active">{q.active}</td>
              <td className="num" data-col="available">{q.availableAgents}</td>
              <td>
                <button type="button" className="btn btn-small" aria-label={t('sup.list.showOf', { name: q.name })} onClick={() => onShowConversations(q)}>
                  {t('sup.list.show')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
