import { useEffect, useId, useState } from 'react';
import type { LiveConversationRow } from '@parley/protocol';
import { useT } from '../i18n/i18n';
import { Elapsed } from './Elapsed';
import { channelLabel, statusLabel } from './labels';
import { supervisorApi } from './supervisor-api';

export type ListOf = { kind: 'queue' | 'agent'; id: string; name: string };

interface Props {
  of: ListOf;
  /** Changes whenever the queue's or agent's row changes: the list is read again. */
  version: string;
  skewMs: number;
  agentName: (id: string) => string;
  onOpen: (conversationId: string) => void;
  onClose: () => void;
}

/** The open conversations of one queue or one agent, read again each time its row moves. */
export function ConversationList({ of, version, skewMs, agentName, onOpen, onClose }: Props) {
  const t = useT();
  const headingId = useId();
  const [rows, setRows] = useState<LiveConversationRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the trigger to read again
  useEffect(() => {
    let live = true;
    const load = of.kind === 'queue' ? supervisorApi.conversationsOfQueue(of.id) : supervisorApi.conversationsOfAgent(of.id);
    load.then(
      (r) => {
        if (!live) return;
        setRows(r.conversations);
        setTotal(r.total);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [of.kind, of.id, version]);
  return (
    <section className="sup-panel" aria-labelledby={headingId} data-testid="sup-conversations">
      <div className="sup-panel-head">
        <h2 id={headingId}>{t('sup.list.conversationsOf', { name: of.name })}</h2>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t('sup.list.close')}
        </button>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {t('sup.list.failed', { message: error })}
        </p>
      ) : null}
      {rows && rows.length === 0 ? <p className="muted">{t('sup.list.empty')}</p> : null}
      {rows && rows.length > 0 ? (
        <ul className="sup-conv-list">
          {rows.map((c) => {
            const name = c.customerName ?? c.id;
            return (
              <li key={c.id} data-conversation={c.id}>
                <span className="sup-conv-name">{name}</span>
                <span className="muted">
                  {channelLabel(t, c.channel)} · {statusLabel(t, c.status)}
                  {c.ownerAgentId ? ` · ${agentName(c.ownerAgentId)}` : ''} · <Elapsed since={c.queuedAt} skewMs={skewMs} />
                </span>
                <button type="button" className="btn btn-small" aria-label={t('sup.list.openWith', { name })} onClick={() => onOpen(c.id)}>
                  {t('sup.list.open')}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {rows && total > rows.length ? <p className="hint">{t('sup.list.more', { shown: rows.length, total })}</p> : null}
    </section>
  );
}
