/**
 * The picker's emoji from emojibase-data: names and keywords in the agent's language (with English
 * too, so "heart" finds ❤️ in Chinese), in the Unicode order, by category. Loaded when the picker first
 * opens (a separate chunk), once per language.
 */
export interface PickerEmoji {
  emoji: string;
  /** The name in the agent's language (the button's accessible name). */
  label: string;
  /** Lower-case name and keywords in the agent's language and English, for search. */
  search: string;
  /** Lower-case names (the agent's language, and English): a match on these ranks first. */
  names: string[];
  group: number;
}

export interface EmojiGroup {
  group: number;
  label: string;
  items: PickerEmoji[];
}

interface RawEmoji {
  /** Code points, e.g. `1F44D` or `2764-FE0F`: the Unicode form (emojibase's `emoji` adds FE0F everywhere). */
  hexcode: string;
  label: string;
  tags?: string[];
  group?: number;
  order?: number;
  version: number;
}
interface RawMessages {
  groups: { order: number; message: string }[];
}

/** Newer emoji than the bundled Noto Color Emoji draws would show as boxes. */
const MAX_VERSION = 15.1;
/** Group 2 holds skin-tone swatches and hair components, not emoji to send. */
const COMPONENTS = 2;

export type EmojiLang = 'en' | 'zh';

const loaders: Record<EmojiLang, () => Promise<[RawEmoji[], RawMessages]>> = {
  en: () => Promise.all([import('emojibase-data/en/data.json'), import('emojibase-data/en/messages.json')]).then(([d, m]) => [d.default as RawEmoji[], m.default as RawMessages]),
  zh: () => Promise.all([import('emojibase-data/zh/data.json'), import('emojibase-data/zh/messages.json')]).then(([d, m]) => [d.default as RawEmoji[], m.default as RawMessages]),
};

const cache = new Map<EmojiLang, Promise<EmojiGroup[]>>();

/** The categories with their emoji, names in `lang` (searchable in English as well). */
export function loadEmoji(lang: EmojiLang): Promise<EmojiGroup[]> {
  let p = cache.get(lang);
  if (!p) {
    p = Promise.all([loaders[lang](), lang === 'en' ? null : loaders.en()]).then(([local, en]) => buildGroups(local[0], local[1], en?.[0]));
    cache.set(lang, p);
  }
  return p;
}

/** Pure: the picker's categories from emojibase data (and English data for extra search words). */
export function buildGroups(data: RawEmoji[], messages: RawMessages, english?: RawEmoji[]): EmojiGroup[] {
  const enWords = new Map((english ?? []).map((e) => [e.hexcode, [e.label, ...(e.tags ?? [])].join(' ')]));
  const enNames = new Map((english ?? []).map((e) => [e.hexcode, e.label.toLowerCase()]));
  const groups = new Map<number, PickerEmoji[]>();
  const usable = data.filter((e) => e.group !== undefined && e.group !== COMPONENTS && e.version <= MAX_VERSION);
  usable.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  for (const e of usable) {
    const group = e.group as number;
    const words = [e.label, ...(e.tags ?? []), enWords.get(e.hexcode) ?? ''].join(' ').toLowerCase();
    const list = groups.get(group) ?? [];
    const names = [e.label.toLowerCase(), enNames.get(e.hexcode) ?? ''].filter(Boolean);
    list.push({ emoji: fromHexcode(e.hexcode), label: e.label, search: words, names, group });
    groups.set(group, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([group, items]) => ({ group, label: messages.groups.find((g) => g.order === group)?.message ?? '', items }));
}

function fromHexcode(hexcode: string): string {
  return String.fromCodePoint(...hexcode.split('-').map((h) => Number.parseInt(h, 16)));
}

/**
 * Emoji whose name or keywords contain every word of the query: the name said exactly first, then
 * names starting with it, names holding it, keywords only; in category order within each.
 */
export function searchEmoji(groups: EmojiGroup[], query: string, limit = 80): PickerEmoji[] {
  const q = query.trim().toLowerCase();
  const words = q.split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const rank = (e: PickerEmoji) =>
    Math.min(...e.names.map((name) => (name === q ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : 3)));
  const found = groups.flatMap((g) => g.items.filter((e) => words.every((w) => e.search.includes(w))));
  return found
    .map((e, i) => ({ e, i, r: rank(e) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.e);
}
