import { useState } from 'react';
import type { ConversationDto } from '@parley/protocol';
import { useDesk } from '../../state/store';
import { myParticipant, taskPhase, type TaskPhase } from '../../state/conversation';
import { ChannelIcon } from '../../ui/ChannelIcon';
import { Timer } from '../../ui/Timer';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { openDialog, useChannelRules, useDeskContext } from '../desk/context';
import { useAgentName } from '../desk/directory';
import { OfferFields } from '../offers/OfferFields';
import { customerTitle, paneFields } from '../offers/fields';
import { FieldValue } from '../offers/FieldValue';
import { paneActions } from './availability';
import { ConversationBody } from './ConversationBody';
import { EarlierConversations } from '../history/EarlierConversations';
import { WorkflowsButton } from '../workflows/WorkflowsButton';
import { WorkflowsPanel } from '../workflows/WorkflowsPanel';

const STATUS: Partial<Record<TaskPhase, MessageKey>> = {
  'conference-requested': 'pane.status.conferenceRequested',
  conference: 'pane.status.conference',
  wrapup: 'pane.status.wrapup',
  ended: 'pane.status.ended',
};

function Header({ c, phase }: { c: ConversationDto; phase: TaskPhase }) {
  const me = useDesk((s) => s.me);
  const { session } = useDeskContext();
  const rules = useChannelRules(c.channel);
  const { t, lang } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const acts = paneActions(c, me?.id, phase, rules);
  const others = c.participants.filter((p) => p.agentId !== me?.id && p.status === 'active');
  const otherName = useAgentName(others[0]?.agentId ?? (c.offer?.kind === 'conference' ? c.offer.agentId : null));
  // A conference request still waiting in a queue names the queue.
  const withWhom = otherName || c.conferenceRequest?.queueName || '';
  const mine = myParticipant(c, me?.id);
  const since = mine?.joinedAt ?? c.acceptedAt ?? c.createdAt;
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(t('pane.actionFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  const statusKey = c.endedBy === 'customer' && (phase === 'ended' || phase === 'wrapup') ? 'pane.status.endedByCustomer' : STATUS[phase];
  const dateText = new Date(c.acceptedAt ?? c.createdAt).toLocaleDateString(lang, { year: 'numeric', month: 'short', day: 'numeric' });
  return (
    <header className="pane-head">
      <div className="pane-title">
        <ChannelIcon channel={c.channel} label={t(`channel.${c.channel}`)} />
        <div>
          <h1 className="customer-name">{customerTitle(c)}</h1>
          <dl className="pane-facts">
            <div>
              <dt>{t('field.queue')}</dt>
              <dd>{c.queueName}</dd>
            </div>
            <div>
              <dt>{t('field.agent')}</dt>
              <dd>{me?.displayName}</dd>
            </div>
            <div>
              <dt>{t('field.date')}</dt>
              <dd>{dateText}</dd>
            </div>
            <div>
              <dt>{t('field.timer')}</dt>
              <dd>
                <Timer since={since} />
              </dd>
            </div>
            {paneFields(c, rules).map((f) => (
              <div key={f.key}>
                <dt>{t(f.key)}</dt>
                <dd>
                  <FieldValue field={f} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
      <div className="pane-actions">
        {phase !== 'ended' ? <WorkflowsButton conversationId={c.id} /> : null}
        {acts.transfer ? (
          <button type="button" className="btn" disabled={busy} aria-keyshortcuts="Alt+T" onClick={() => openDialog('transfer', c.id)}>
            {t('pane.transfer')}
          </button>
        ) : null}
        {acts.conference ? (
          <button type="button" className="btn" disabled={busy} aria-keyshortcuts="Alt+C" onClick={() => openDialog('conference', c.id)}>
            {t('pane.conference')}
          </button>
        ) : null}
        {acts.cancelConference ? (
          <button type="button" className="btn" disabled={busy} onClick={() => void run(() => session.cancelConference(c.id))}>
            {t('pane.cancelConference')}
          </button>
        ) : null}
        {acts.endConference ? (
          <button type="button" className="btn" disabled={busy} onClick={() => void run(() => session.endConference(c.id))}>
            {t('pane.endConference')}
          </button>
        ) : null}
        {acts.exitConference ? (
          <button type="button" className="btn btn-danger" disabled={busy} aria-keyshortcuts="Alt+E" onClick={() => void run(() => session.exitConference(c.id))}>
            {t('pane.exitConference')}
          </button>
        ) : null}
        {acts.end ? (
          <button type="button" className="btn btn-danger" disabled={busy} aria-keyshortcuts="Alt+E" onClick={() => void run(() => session.end(c.id))}>
            {t('pane.end')}
          </button>
        ) : null}
        {acts.wrapup ? (
          <button type="button" className="btn btn-primary" aria-keyshortcuts="Alt+W" onClick={() => openDialog('wrapup', c.id)}>
            {t('pane.wrapup')}
          </button>
        ) : null}
      </div>
      {statusKey ? (
        <p className={`pane-status status-${phase}`} role="status" data-testid="pane-status">
          {t(statusKey)}
          {(phase === 'conference' || phase === 'conference-requested') && withWhom ? ` · ${withWhom}` : ''}
        </p>
      ) : null}
      {error ? (
        <p className="error-text pane-error" role="alert">
          {error}
        </p>
      ) : null}
    </header>
  );
}

/** The interaction pane of the selected task. */
export function InteractionPane() {
  const id = useDesk((s) => s.selectedId);
  const c = useDesk((s) => (id ? s.conversations[id] : undefined));
  const offer = useDesk((s) => (id ? s.offers[id] : undefined));
  const wrapup = useDesk((s) => (id ? !!s.wrapup[id] : false));
  const meId = useDesk((s) => s.me?.id);
  const { t } = useI18n();
  if (!c) {
    return (
      <main className="pane pane-empty" id="main">
        <p className="muted">{t('pane.empty')}</p>
      </main>
    );
  }
  const phase = taskPhase({ conversation: c, meId, offered: !!offer, wrapup });
  if (offer) {
    return (
      <main className="pane pane-offer" id="main">
        <h1 className="customer-name">{customerTitle(c)}</h1>
        <OfferFields conversation={c} since={offer.offeredAt} />
      </main>
    );
  }
  return (
    <main className="pane" id="main" data-conversation={c.id}>
      <Header c={c} phase={phase} />
      <WorkflowsPanel conversationId={c.id} />
      <EarlierConversations key={`history-${c.id}`} conversation={c} />
      <ConversationBody conversation={c} />
    </main>
  );
}
