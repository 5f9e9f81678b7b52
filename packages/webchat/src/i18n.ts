import { IntlMessageFormat } from 'intl-messageformat';
import type { NoticeDto } from '@parley/protocol';
import { en, zhCN, type Key } from './messages';

export type Lang = 'en' | 'zh-CN';
export type { Key };
export type Params = Record<string, string | number>;
/** `t('tooLong', { over: 2, max: 1000 })`: an ICU message of the widget's language. */
export type Strings = (key: Key, params?: Params) => string;

/** A message source: ICU text (tests, dev) or its AST precompiled by build.mjs. */
type Source = ConstructorParameters<typeof IntlMessageFormat>[0];
const tables: Record<Lang, Record<Key, Source>> = { en, 'zh-CN': zhCN };

/** A translator with a cache of compiled messages, one per language. */
export function strings(lang: Lang): Strings {
  const table = tables[lang];
  const compiled = new Map<Key, IntlMessageFormat>();
  return (key, params) => {
    let f = compiled.get(key);
    if (!f) {
      f = new IntlMessageFormat(table[key] ?? en[key], lang, undefined, { ignoreTag: true });
      compiled.set(key, f);
    }
    return String(f.format(params));
  };
}

export const isKey = (k: string): k is Key => k in en;

const langOf = (tag: string): Lang | null => (/^zh\b/i.test(tag) ? 'zh-CN' : /^en\b/i.test(tag) ? 'en' : null);

/** `data-lang` wins; else the first browser language we speak (any zh → zh-CN); else English. */
export function pickLang(dataLang: string | null | undefined, browser: readonly string[] = []): Lang {
  if (dataLang?.trim()) return langOf(dataLang.trim()) ?? 'en';
  for (const tag of browser) {
    const lang = langOf(tag);
    if (lang) return lang;
  }
  return 'en';
}

/** Notices are codes so each client words them in its own language; `fallback` is the server text. */
export function noticeText(t: Strings, n: NoticeDto, fallback: string): string {
  const key = `notice.${n.code}`;
  if (!isKey(key)) return fallback || n.code;
  return t(key, { agent: n.agentName || t('agent') });
}

export function errorText(t: Strings, code: string | undefined, fallback?: string): string {
  const key = `err.${code}`;
  return code && isKey(key) ? t(key) : fallback || t('err.generic');
}
