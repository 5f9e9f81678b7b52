import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { translator, type Lang, type Translate } from './translate';

export { translator, type Lang, type Params, type Translate } from './translate';
export const LANGS: { id: Lang; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '中文（简体）' },
];
const KEY = 'parley.lang';
function initialLang(): Lang {
  const saved = localStorage.getItem(KEY);
  return saved === 'zh-CN' || saved === 'en' ? saved : 'en';
}

interface I18n {
  lang: Lang;
  t: Translate;
  setLang: (l: Lang) => void;
}
const Ctx = createContext<I18n>({ lang: 'en', t: translator('en'), setLang: () => undefined });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(KEY, l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang, t: translator(lang) }), [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useI18n = (): I18n => useContext(Ctx);
export const useT = (): Translate => useContext(Ctx).t;

/** Label of an admin-defined reason in the current language. */
export function reasonLabel(lang: Lang, r: { label: string; labelZh?: string | null }): string {
  return lang === 'zh-CN' && r.labelZh ? r.labelZh : r.label;
}
