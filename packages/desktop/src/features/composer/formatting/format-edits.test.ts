import { describe, expect, it } from 'vitest';
import { applyFormat, formatShortcut } from './format-edits';

/** `[` and `]` in the fixture mark the selection. */
function run(kind: Parameters<typeof applyFormat>[0], marked: string): string {
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  const e = applyFormat(kind, marked.replace('[', '').replace(']', ''), start, end);
  return `${e.text.slice(0, e.start)}[${e.text.slice(e.start, e.end)}]${e.text.slice(e.end)}`;
}

describe('toolbar edits', () => {
  it('wraps the selection in the mark, white space outside, and unwraps it again', () => {
    expect(run('bold', 'say [hello ]now')).toBe('say **[hello]** now');
    expect(run('bold', 'say **[hello]** now')).toBe('say [hello] now');
    expect(run('italic', 'a [b] c')).toBe('a _[b]_ c');
    expect(run('strike', '[old]')).toBe('~~[old]~~');
    expect(run('code', 'run [ls]')).toBe('run `[ls]`');
  });

  it('an empty selection gets the marks with the caret between them', () => {
    expect(run('bold', 'x []')).toBe('x **[]**');
  });

  it('code over several lines becomes a fenced block', () => {
    expect(run('code', 'see:[a\nb]')).toBe('see:\n```\n[a\nb]\n```');
  });

  it('lists: every touched line becomes an item; again, and they are plain lines', () => {
    expect(run('bulleted', 'Steps:\non[e\ntw]o')).toBe('Steps:\n[- one\n- two]');
    expect(run('numbered', '[one\ntwo]')).toBe('[1. one\n2. two]');
    expect(run('bulleted', '[- one\n- two]')).toBe('[one\ntwo]');
  });

  it('a link selects the address to type, or the text when the selection was an address', () => {
    expect(run('link', 'see [the map]')).toBe('see [the map](https://)'.replace('(https://)', '([https://])'));
    expect(run('link', 'see [https://ex.com]')).toBe('see [[]](https://ex.com)');
  });

  it('shortcuts: Ctrl/⌘+B, I, E, K, Shift+X, Shift+8, Shift+7', () => {
    const k = (key: string, more: Partial<{ shiftKey: boolean; metaKey: boolean; code: string }> = {}) =>
      formatShortcut({ key, ctrlKey: !more.metaKey, metaKey: !!more.metaKey, shiftKey: !!more.shiftKey, altKey: false, code: more.code });
    expect([k('b'), k('i', { metaKey: true }), k('e'), k('k'), k('X', { shiftKey: true }), k('*', { shiftKey: true, code: 'Digit8' }), k('&', { shiftKey: true, code: 'Digit7' })]).toEqual([
      'bold', 'italic', 'code', 'link', 'strike', 'bulleted', 'numbered',
    ]);
    expect(formatShortcut({ key: 'b', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false })).toBeNull();
  });
});
