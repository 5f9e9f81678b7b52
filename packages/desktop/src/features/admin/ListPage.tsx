import { useId, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useT } from '../i18n/i18n';
import { useAdminData } from './admin-data';
import { useFlash } from './flash';
import type { KindSpec } from './kind';

/** One kind's entities: a searchable table, each row opening its form. */
export function ListPage({ spec }: { spec: KindSpec }) {
  const t = useT();
  const { lists } = useAdminData();
  const [query, setQuery] = useState('');
  const [status] = useFlash(`/${spec.id}`);
  const headingId = useId();
  const searchId = useId();
  const rows = useMemo(() => {
    if (!lists) return [];
    const items = lists[spec.id] as { id: string }[];
    return items.map((item) => ({ id: item.id, cells: spec.columns.map((c) => c.cell(item, { t, lists })) }));
  }, [lists, spec, t]);
  const q = query.trim().toLowerCase();
  const visible = q ? rows.filter((r) => r.cells.some((c) => c.toLowerCase().includes(q))) : rows;
  return (
    <section aria-labelledby={headingId} className="admin-page">
      <div className="admin-head">
        <h2 id={headingId}>{t(spec.label)}</h2>
        <Link href={`/${spec.id}/new`} className="btn btn-primary">
          {t(spec.newLabel)}
        </Link>
      </div>
      {status ? (
        <p role="status" className="admin-status">
          {status}
        </p>
      ) : null}
      <div className="form-field admin-search">
        <label htmlFor={searchId}>{t('admin.search', { kind: t(spec.label) })}</label>
        <input id={searchId} className="input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <table className="admin-table">
        <caption>{t('admin.list.caption', { kind: t(spec.label), shown: visible.length, total: rows.length })}</caption>
        <thead>
          <tr>
            {spec.columns.map((c) => (
              <th key={c.header} scope="col">
                {t(c.header)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {visible.map((r) => (
            <tr key={r.id}>
              {r.cells.map((c, i) =>
                i === 0 ? (
                  <th key={spec.columns[i]?.header} scope="row">
                    <Link href={`/${spec.id}/${encodeURIComponent(r.id)}`}>{c}</Link>
                  </th>
                ) : (
                  <td key={spec.columns[i]?.header}>{c}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {visible.length === 0 ? <p className="field-note">{t(q ? 'admin.list.noMatch' : 'admin.list.empty')}</p> : null}
    </section>
  );
}
