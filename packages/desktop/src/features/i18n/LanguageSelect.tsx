import { useId } from 'react';
import { LANGS, useI18n, type Lang } from './i18n';

export function LanguageSelect() {
  const { lang, setLang, t } = useI18n();
  const id = useId();
  return (
    <span className="field-inline">
      <label htmlFor={id} className="sr-only">
        {t('top.language')}
      </label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as Lang)} className="select-compact">
        {LANGS.map((l) => (
          <option key={l.id} value={l.id} lang={l.id}>
            {l.label}
          </option>
        ))}
      </select>
    </span>
  );
}
