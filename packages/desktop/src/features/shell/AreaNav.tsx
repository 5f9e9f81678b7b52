import { Link, useLocation } from 'wouter';
import { useDesk } from '../../state/store';
import { useT } from '../i18n/i18n';
import { areaAt, areasFor } from './areas';

/** Desk / Supervisor / Reports / Admin, for the roles that have more than the Desk. */
export function AreaNav() {
  const role = useDesk((s) => s.me?.role);
  const [location] = useLocation();
  const t = useT();
  const areas = areasFor(role);
  if (!areas.length) return null;
  const current = areaAt(location, role)?.id ?? 'desk';
  const links = [{ id: 'desk', path: '/', label: 'nav.desk' as const }, ...areas];
  return (
    <nav className="area-nav" aria-label={t('nav.label')}>
      {links.map((a) => (
        <Link key={a.id} href={a.path} className="area-link" aria-current={current === a.id ? 'page' : undefined}>
          {t(a.label)}
        </Link>
      ))}
    </nav>
  );
}
