/** Grid width: arrow keys move by one cell or to the same column of the next row. */
export const EMOJI_COLUMNS = 10;

/**
 * Where a key moves the active cell in a grid made of sections (Recent, then each category), each
 * laid out in rows of `columns`: left/right go cell by cell, up/down to the nearest cell of the row
 * above or below (across sections), Home/End to the row's ends. Null: not a move key.
 */
export function moveInSections(key: string, index: number, sectionSizes: number[], columns = EMOJI_COLUMNS): number | null {
  const rows: { start: number; length: number }[] = [];
  let at = 0;
  for (const size of sectionSizes) {
    for (let i = 0; i < size; i += columns) rows.push({ start: at + i, length: Math.min(columns, size - i) });
    at += size;
  }
  const count = at;
  if (count === 0) return null;
  const r = rows.findIndex((row) => index >= row.start && index < row.start + row.length);
  const row = rows[r];
  if (!row) return null;
  const col = index - row.start;
  const toRow = (target: { start: number; length: number } | undefined) => (target ? target.start + Math.min(col, target.length - 1) : index);
  switch (key) {
    case 'ArrowRight':
      return Math.min(count - 1, index + 1);
    case 'ArrowLeft':
      return Math.max(0, index - 1);
    case 'ArrowDown':
      return toRow(rows[r + 1]);
    case 'ArrowUp':
      return toRow(rows[r - 1]);
    case 'Home':
      return row.start;
    case 'End':
      return row.start + row.length - 1;
    default:
      return null;
  }
}

/** The text with `insert` put in place of the selection, and where the caret goes after it. */
export function insertAtCaret(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + insert + text.slice(b), caret: a + insert.length };
}
