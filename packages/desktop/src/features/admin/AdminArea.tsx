import { useT } from '../i18n/i18n';

/** The admin area (built in issue 11; this is the shell's entry point for it). */
export default function AdminArea() {
  const t = useT();
  return <h1>{t('admin.title')}</h1>;
}
