import { useT } from '../i18n/i18n';

/** The supervisor area (built in issue 11; this is the shell's entry point for it). */
export default function SupervisorArea() {
  const t = useT();
  return <h1>{t('sup.title')}</h1>;
}
