import { useCallback, useEffect, useId, useState } from 'react';
import type { AuditEntryDto, AuditKind } from '@parley/protocol';
import { useI18n } from '../i18n/i18n';
import { adminApi } from './admin-api';
import { changedFields } from './audit-diff';

/** The kinds an audit entry may name (protocol AUDIT_KINDS; the browser bundle takes only its types). */
const AUDIT_KINDS: AuditKind[] = ['entry-point', 'queue', 'agent', 'team', 'idle-reason', 'wrapup-reason', 'template', 'workflow', 'agent-state', 'config'];

/** The audit log: newest first, filtered by kind, each change with the fields it changed. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<AuditKind | ''>('');
  const [items, setItems] = useState<AuditEntryDto[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const filterId = useId();

  const load = useCallback(
    async (more: string | null) => {
      try {
        const page = await adminApi.audit({ ...(kind && { kind }), ...(more && { cursor: more }) });
        setItems((prev) => (more && prev ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [kind],
  );
  useEffect(() => {
    setItems(null);
    void load(null);
  }, [load]);

  return (
    <section aria-labelledby={headingId} className="admin-page">
      <h2 id={headingId}>{t('admin.kind.audit')}</h2>
      <div className="form-field admin-search">
        <label htmlFor={filterId}>{t('admin.audit.filter')}</label>
        <select id={filterId} className="select" value={kind} onChange={(e) => setKind(e.target.value as AuditKind | '')}>
          <option value="">{t('admin.audit.allKinds')}</option>
          {AUDIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.auditKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {error ? (
        <p role="alert" className="admin-alert">
          {t('admin.serverError', { message: error })}
        </p>
      ) : null}
      {items === null ? (
        <p role="status">{t('admin.loading')}</p>
      ) : (
        <table className="admin-table audit-table">
          <caption>{t('admin.audit.caption', { n: items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.when')}</th>
              <th scope="col">{t('admin.audit.who')}</th>
              <th scope="col">{t('admin.audit.what')}</th>
              <th scope="col">{t('admin.audit.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td className="audit-when">
                  <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleString(lang)}</time>
                </td>
                <td className="audit-who">{e.actor ? e.actor.name : t('admin.audit.configFile')}</td>
                <th scope="row">
                  {t('admin.audit.entry', { action: t(`admin.action.${e.action}`), kind: t(`admin.auditKind.${e.kind}`), id: e.kind === 'config' ? '' : e.entityId })}
                  {e.reason ? <div className="field-note"> {t('admin.audit.reason', { reason: e.reason })}</div> : null}
                </th>
                <td>
                  <Changes before={e.before} after={e.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items?.length === 0 ? <p className="field-note">{t('admin.audit.empty')}</p> : null}
      {cursor ? (
        <button type="button" className="btn" onClick={() => void load(cursor)}>
          {t('admin.audit.more')}
        </button>
      ) : null}
    </section>
  );
}

function Changes({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const changes = changedFields(before, after);
  if (!changes.length) return <span className="field-note">{t('admin.audit.noChanges')}</span>;
  return (
    <ul className="audit-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="audit-field">{c.field}</span>: <span className="sr-only">{t('admin.audit.before')} </span>
          <del>{c.before || '—'}</del> → <span className="sr-only">{t('admin.audit.after')} </span>
          <ins>{c.after || '—'}</ins>
        </li>
      ))}
    </ul>
  );
}
