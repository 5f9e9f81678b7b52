import { Suspense } from 'react';
import { useLocation } from 'wouter';
import { useDesk } from '../../state/store';
import { useT } from '../i18n/i18n';
import { areaAt } from './areas';

/** The area the location names (lazy), or nothing on the Desk. */
export function AreaOutlet() {
  const role = useDesk((s) => s.me?.role);
  const [location] = useLocation();
  const t = useT();
  const area = areaAt(location, role);
  if (!area) return null;
  return (
    <main className="area" aria-label={t(area.label)}>
      <Suspense fallback={<p role="status">{t('nav.loading')}</p>}>
        <area.Component />
      </Suspense>
    </main>
  );
}

/** Whether the Desk's own panes are showing (they stay mounted behind an area: offers and drafts live on). */
export function useOnDesk(): boolean {
  const role = useDesk((s) => s.me?.role);
  const [location] = useLocation();
  return areaAt(location, role) === null;
}
