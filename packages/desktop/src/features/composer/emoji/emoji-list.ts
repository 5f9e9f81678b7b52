/** Common emoji for the composer's picker (no package: a curated list, in a familiar order). */
export const COMMON_EMOJI: readonly string[] = [
  '😀', '😃', '😄', '😁', '😆', '😅', '😂', '🤣', '😊', '😇',
  '🙂', '🙃', '😉', '😌', '😍', '🥰', '😘', '😋', '😛', '😜',
  '🤪', '🤗', '🤔', '🤐', '🤨', '😐', '😑', '😶', '😏', '😒',
  '🙄', '😬', '😮', '😯', '😲', '😳', '🥺', '😢', '😭', '😤',
  '😠', '😡', '🤯', '😱', '😨', '😰', '😥', '😓', '🤤', '😴',
  '😷', '🤒', '🤕', '🤢', '🤧', '🥳', '😎', '🤓', '🧐', '😕',
  '👍', '👎', '👌', '✌️', '🤞', '🤝', '👏', '🙌', '👋', '🙏',
  '💪', '👀', '❤️', '🧡', '💛', '💚', '💙', '💜', '💔', '💯',
  '✨', '⭐', '🔥', '🎉', '🎁', '☀️', '🌈', '☕', '🍕', '🎂',
  '📦', '🚚', '📞', '📧', '💳', '🛒', '⏰', '✅', '❌', '⚠️',
];

/** Grid width: arrow keys move by one cell or one row of this many. */
export const EMOJI_COLUMNS = 10;

/** Where a key press moves the active cell in a grid of `count` cells (null: not a move key). */
export function moveInGrid(key: string, index: number, count: number, columns = EMOJI_COLUMNS): number | null {
  const last = count - 1;
  const moves: Record<string, number> = {
    ArrowRight: Math.min(last, index + 1),
    ArrowLeft: Math.max(0, index - 1),
    ArrowDown: Math.min(last, index + columns),
    ArrowUp: Math.max(0, index - columns),
    Home: index - (index % columns),
    End: Math.min(last, index - (index % columns) + columns - 1),
  };
  return key in moves ? (moves[key] as number) : null;
}

/** The text with `insert` put in place of the selection, and where the caret goes after it. */
export function insertAtCaret(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + insert + text.slice(b), caret: a + insert.length };
}
