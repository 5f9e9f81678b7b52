/**
 * The toolbar's edits to the authoring format (packages/channels/src/formatting), as pure functions
 * of the text and its selection: wrap or unwrap marks, turn lines into list items, make a link.
 */
export type FormatKind = 'bold' | 'italic' | 'strike' | 'code' | 'bulleted' | 'numbered' | 'link';

/** The new text and the selection to put back. */
export interface TextEdit {
  text: string;
  start: number;
  end: number;
}

const MARKS: Record<'bold' | 'italic' | 'strike' | 'code', string> = { bold: '**', italic: '_', strike: '~~', code: '`' };

export function applyFormat(kind: FormatKind, text: string, start: number, end: number): TextEdit {
  const a = Math.max(0, Math.min(start, end, text.length));
  const b = Math.min(text.length, Math.max(start, end));
  if (kind === 'bulleted' || kind === 'numbered') return listLines(kind, text, a, b);
  if (kind === 'link') return link(text, a, b);
  if (kind === 'code' && text.slice(a, b).includes('\n')) return codeBlock(text, a, b);
  return toggleMark(MARKS[kind], text, a, b);
}

/** Wraps the selection in `mark`, or unwraps it when it is already wrapped; white space stays outside. */
function toggleMark(mark: string, text: string, a: number, b: number): TextEdit {
  const n = mark.length;
  if (text.slice(a - n, a) === mark && text.slice(b, b + n) === mark && a - n >= 0) {
    return { text: text.slice(0, a - n) + text.slice(a, b) + text.slice(b + n), start: a - n, end: b - n };
  }
  const sel = text.slice(a, b);
  const lead = sel.length - sel.trimStart().length;
  const trail = sel.length - sel.trimEnd().length;
  const s = a + (sel.trim() ? lead : 0);
  const e = b - (sel.trim() ? trail : 0);
  return { text: `${text.slice(0, s)}${mark}${text.slice(s, e)}${mark}${text.slice(e)}`, start: s + n, end: e + n };
}

function codeBlock(text: string, a: number, b: number): TextEdit {
  const before = a > 0 && text[a - 1] !== '\n' ? '\n' : '';
  const after = b < text.length && text[b] !== '\n' ? '\n' : '';
  const open = `${before}\`\`\`\n`;
  return { text: `${text.slice(0, a)}${open}${text.slice(a, b)}\n\`\`\`${after}${text.slice(b)}`, start: a + open.length, end: b + open.length };
}

const BULLET = /^- /;
const NUMBER = /^\d+\. /;

/** Every line the selection touches becomes a list item ("- " or "1. ", "2. "…); again, and they are plain lines. */
function listLines(kind: 'bulleted' | 'numbered', text: string, a: number, b: number): TextEdit {
  const from = text.lastIndexOf('\n', a - 1) + 1;
  const nl = text.indexOf('\n', b);
  const to = nl === -1 ? text.length : nl;
  const lines = text.slice(from, to).split('\n');
  const marker = kind === 'bulleted' ? BULLET : NUMBER;
  const already = lines.every((l) => marker.test(l));
  const next = lines.map((l, i) => {
    const bare = l.replace(BULLET, '').replace(NUMBER, '');
    return already ? bare : `${kind === 'bulleted' ? '- ' : `${i + 1}. `}${bare}`;
  });
  const block = next.join('\n');
  return { text: text.slice(0, from) + block + text.slice(to), start: a === b ? from + block.length : from, end: from + block.length };
}

const URL_LIKE = /^(https?:\/\/|mailto:)\S+$/i;

/** `[text](url)`: the selection is the text (url selected to type), or the url (text selected to type). */
function link(text: string, a: number, b: number): TextEdit {
  const sel = text.slice(a, b).trim();
  if (URL_LIKE.test(sel)) {
    const inserted = `[](${sel})`;
    return { text: text.slice(0, a) + inserted + text.slice(b), start: a + 1, end: a + 1 };
  }
  const url = 'https://';
  const inserted = `[${sel}](${url})`;
  const urlAt = a + sel.length + 3;
  return { text: text.slice(0, a) + inserted + text.slice(b), start: urlAt, end: urlAt + url.length };
}

/** The edit a key press asks for (Ctrl or ⌘ with B, I, E, K, Shift+X, Shift+7, Shift+8), or null. */
export function formatShortcut(e: { key: string; code?: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): FormatKind | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (e.shiftKey) {
    if (key === 'x') return 'strike';
    if (e.code === 'Digit8' || key === '*') return 'bulleted';
    if (e.code === 'Digit7' || key === '&') return 'numbered';
    return null;
  }
  return ({ b: 'bold', i: 'italic', e: 'code', k: 'link' } as Record<string, FormatKind>)[key] ?? null;
}
