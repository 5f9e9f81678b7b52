import { memo } from 'react';
import { useDesk } from '../../state/store';
import { taskPhase, type TaskPhase } from '../../state/conversation';
import { ChannelIcon } from '../../ui/ChannelIcon';
import { Timer } from '../../ui/Timer';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { useDeskContext } from '../desk/context';
import { OfferFields } from '../offers/OfferFields';
import { customerTitle } from '../offers/fields';
import { acceptButtonId } from '../offers/OfferStack';

const PHASE_LABEL: Record<TaskPhase, MessageKey> = {
  offer: 'tasks.offer',
  active: 'tasks.active',
  'conference-requested': 'tasks.conferenceRequested',
  conference: 'tasks.conference',
  wrapup: 'tasks.wrapup',
  ended: 'tasks.ended',
};

const TaskItem = memo(function TaskItem({ id }: { id: string }) {
  const c = useDesk((s) => s.conversations[id]);
  const offer = useDesk((s) => s.offers[id]);
  const meId = useDesk((s) => s.me?.id);
  const wrapup = useDesk((s) => !!s.wrapup[id]);
  const selected = useDesk((s) => s.selectedId === id);
  const unread = useDesk((s) => s.unread[id] ?? 0);
  const { session } = useDeskContext();
  const t = useT();
  if (!c) return null;
  const phase = taskPhase({ conversation: c, meId, offered: !!offer, wrapup });
  const since = offer?.offeredAt ?? c.acceptedAt ?? c.queuedAt ?? c.createdAt;
  const phaseLabel =
    offer?.kind === 'transfer' ? t('tasks.transferOffer') : offer?.kind === 'conference' ? t('tasks.conferenceOffer') : t(PHASE_LABEL[phase]);
  const open = () => {
    if (offer) document.getElementById(acceptButtonId(id))?.focus();
    else session.select(id);
  };
  return (
    <li className={`task phase-${phase} ${selected ? 'is-selected' : ''}`} data-conversation={id}>
      <button type="button" className="task-button" aria-current={selected ? 'true' : undefined} onClick={open}>
        <span className="task-top">
          <ChannelIcon channel={c.channel} label={t(`channel.${c.channel}`)} />
          <span className="task-name">{customerTitle(c)}</span>
          {offer ? null : <Timer since={since} />}
        </span>
        <span className="task-meta">
          <span className={`badge badge-${phase}`}>{phaseLabel}</span>
          {!offer ? <span className="task-queue">{c.queueName}</span> : null}
          {unread > 0 ? <span className="badge badge-unread">{t('tasks.unread', { count: unread })}</span> : null}
        </span>
      </button>
      {offer ? <OfferFields conversation={c} since={offer.offeredAt} /> : null}
    </li>
  );
});

/** The Task List: every offered and active conversation with its channel icon and a live timer. */
export function TaskList() {
  const order = useDesk((s) => s.order);
  const t = useT();
  return (
    <nav className="tasklist" aria-labelledby="tasklist-title">
      <h2 id="tasklist-title" className="panel-title">
        {t('tasks.title')} <span className="count" aria-hidden="true">{order.length}</span>
      </h2>
      {order.length === 0 ? <p className="muted empty">{t('tasks.empty')}</p> : null}
      <ul className="task-ul" data-testid="task-list">
        {order.map((id) => (
          <TaskItem key={id} id={id} />
        ))}
      </ul>
    </nav>
  );
}
