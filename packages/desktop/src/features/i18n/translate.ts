import { IntlMessageFormat } from 'intl-messageformat';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type Lang = 'en' | 'zh-CN';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const tables: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
/** Compiled ICU messages, one cache per language: each message is parsed once per session. */
const caches: Record<Lang, Map<MessageKey, IntlMessageFormat>> = { en: new Map(), 'zh-CN': new Map() };

function compiled(lang: Lang, key: MessageKey): IntlMessageFormat {
  const cache = caches[lang];
  let f = cache.get(key);
  if (!f) {
    f = new IntlMessageFormat(tables[lang][key] ?? en[key], lang, undefined, { ignoreTag: true });
    cache.set(key, f);
  }
  return f;
}

/** `t(key, params)` over ICU MessageFormat (plurals: `{n, plural, one {…} other {…}}`). */
export function translator(lang: Lang): Translate {
  return (key, params) => {
    try {
      return String(compiled(lang, key).format(params));
    } catch {
      // A missing parameter must not blank the UI: show the message as written.
      return tables[lang][key] ?? en[key] ?? key;
    }
  };
}
