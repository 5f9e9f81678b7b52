import { useT } from '../i18n/i18n';

/** The reports area (built in issue 11; this is the shell's entry point for it). */
export default function ReportsArea() {
  const t = useT();
  return <h1>{t('reports.title')}</h1>;
}
