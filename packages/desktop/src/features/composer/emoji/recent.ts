/** The agent's recently used emoji, newest first, kept in this browser. */
const KEY = 'parley.emoji.recent';
export const RECENT_MAX = 20;

export function readRecent(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string[] {
  try {
    const v = JSON.parse(storage?.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

/** Puts `emoji` first (once) and stores the list; returns it. */
export function rememberRecent(emoji: string, storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): string[] {
  const next = [emoji, ...readRecent(storage).filter((e) => e !== emoji)].slice(0, RECENT_MAX);
  try {
    storage?.setItem(KEY, JSON.stringify(next));
  } catch {
    // A full or disabled storage only loses the recent list.
  }
  return next;
}
