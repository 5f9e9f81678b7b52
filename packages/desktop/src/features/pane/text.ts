/** Customer initials for the avatar: first letters of the first two words (CJK: the first character). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '?';
  if (/[\u3400-\u9fff]/.test(first)) return first;
  const second = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + second).toUpperCase();
}

export type Span = { text: string; style?: 'b' | 'i' | 's' };

/** WhatsApp-style markup (`*bold*`, `_italic_`, `~strike~`) split into spans; plain text stays plain. */
export function parseMarkup(text: string): Span[] {
  const out: Span[] = [];
  const re = /(\*[^*\n]+\*|_[^_\n]+_|~[^~\n]+~)/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at) });
    const tok = m[0];
    const style = tok[0] === '*' ? 'b' : tok[0] === '_' ? 'i' : 's';
    out.push({ text: tok.slice(1, -1), style });
    last = at + tok.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
