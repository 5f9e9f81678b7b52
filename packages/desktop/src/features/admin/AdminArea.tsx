import type { ReactNode } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { useT } from '../i18n/i18n';
import { AdminDataProvider, useAdminData } from './admin-data';
import { AuditPage } from './AuditPage';
import { EditPage } from './EditPage';
import type { KindSpec } from './kind';
import { kindById, KINDS } from './kinds';

const HOME = `/${KINDS[0]?.id ?? 'queues'}`;
import { ListPage } from './ListPage';
import './admin.css';

/** The admin area (role admin): every kind of configuration, its forms, and the audit log. */
export default function AdminArea() {
  return (
    <Route path="/admin" nest>
      <AdminDataProvider>
        <div className="admin">
          <AdminNav />
          <div className="admin-content">
            <AdminPages />
          </div>
        </div>
      </AdminDataProvider>
    </Route>
  );
}

function AdminNav() {
  const t = useT();
  const [location] = useLocation();
  const links = [...KINDS.map((k) => ({ path: `/${k.id}`, label: t(k.label) })), { path: '/audit', label: t('admin.kind.audit') }];
  return (
    <nav className="admin-nav" aria-label={t('admin.sections')}>
      <h1 className="admin-title">{t('admin.title')}</h1>
      <ul>
        {links.map((l) => (
          <li key={l.path}>
            <Link href={l.path} className="admin-link" aria-current={location === l.path || location.startsWith(`${l.path}/`) ? 'page' : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function AdminPages() {
  const t = useT();
  const { error } = useAdminData();
  return (
    <>
      {error ? (
        <p role="alert" className="admin-alert">
          {t('admin.loadFailed', { message: error })}
        </p>
      ) : null}
      <Switch>
        <Route path="/audit">
          <AuditPage />
        </Route>
        <Route path="/:kind/new">{(p) => withKind(p.kind, (spec) => <EditPage spec={spec} id={null} />)}</Route>
        <Route path="/:kind/:id">{(p) => withKind(p.kind, (spec) => <EditPage spec={spec} id={decodeURIComponent(p.id)} />)}</Route>
        <Route path="/:kind">{(p) => withKind(p.kind, (spec) => <ListPage spec={spec} />)}</Route>
        <Route>
          <Redirect to={HOME} replace />
        </Route>
      </Switch>
    </>
  );
}

function withKind(id: string, render: (spec: KindSpec) => ReactNode) {
  const spec = kindById(id);
  return spec ? render(spec) : <Redirect to={HOME} replace />;
}
