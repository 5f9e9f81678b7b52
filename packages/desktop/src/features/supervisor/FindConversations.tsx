import { useId, useState, type FormEvent } from 'react';
import { CONVERSATION_STATUSES, type ConversationStatus, type SupervisorConversationDto } from '@parley/protocol';
import { useI18n } from '../i18n/i18n';
import { channelLabel, statusLabel } from './labels';
import { supervisorApi } from './supervisor-api';

interface Props {
  onOpen: (conversationId: string) => void;
  onClose: () => void;
}

/**
 * Any conversation, past ones included: by the customer's address on the channel (phone number,
 * e-mail, PSID…) and status, newest first. Opening one follows it read-only like a live one.
 */
export function FindConversations({ onOpen, onClose }: Props) {
  const { t, lang } = useI18n();
  const ids = { heading: useId(), customer: useId(), status: useId() };
  const [customer, setCustomer] = useState('');
  const [status, setStatus] = useState<ConversationStatus | ''>('');
  const [rows, setRows] = useState<SupervisorConversationDto[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    supervisorApi
      .findConversations({ customerExternalId: customer.trim() || undefined, status: status || undefined })
      .then(
        (page) => {
          setRows(page.conversations);
          setMore(page.nextCursor !== null);
          setError(null);
        },
        (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="sup-panel" aria-labelledby={ids.heading}>
      <div className="sup-panel-head">
        <h2 id={ids.heading}>{t('sup.find.title')}</h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t('sup.list.close')}
        </button>
      </div>
      <form className="sup-find" onSubmit={submit}>
        <label htmlFor={ids.customer}>{t('sup.find.customer')}</label>
        <input id={ids.customer} className="input" value={customer} onChange={(e) => setCustomer(e.target.value)} placeholder={t('sup.find.customerHint')} />
        <label htmlFor={ids.status}>{t('sup.find.status')}</label>
        <select id={ids.status} className="select" value={status} onChange={(e) => setStatus(e.target.value as ConversationStatus | '')}>
          <option value="">{t('sup.find.anyStatus')}</option>
          {CONVERSATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(t, s)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn" disabled={busy}>
          {t('sup.find.search')}
        </button>
      </form>
      {error ? (
        <p className="error-text" role="alert">
          {t('sup.list.failed', { message: error })}
        </p>
      ) : null}
      {rows && rows.length === 0 ? (
        <p className="muted" role="status">
          {t('sup.find.none')}
        </p>
      ) : null}
      {rows && rows.length > 0 ? (
        <ul className="sup-conv-list" aria-label={t('sup.find.results')}>
          {rows.map((c) => (
            <li key={c.id} data-conversation={c.id}>
              <span className="sup-conv-name">{c.customer.name}</span>
              <span className="muted">
                {channelLabel(t, c.channel)} · {c.queue.name ?? c.queue.id} · {statusLabel(t, c.status)}
                {c.owner ? ` · ${c.owner.name ?? c.owner.id}` : ''} · {new Date(c.createdAt).toLocaleString(lang)}
              </span>
              <button type="button" className="btn btn-small" aria-label={t('sup.list.openWith', { name: c.customer.name })} onClick={() => onOpen(c.id)}>
                {t('sup.list.open')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {more ? <p className="hint">{t('sup.find.more')}</p> : null}
    </section>
  );
}
