import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countChars, isBlank, textProblem } from '../src/index';

describe('countChars', () => {
  it('counts code points: an emoji is one character, not two UTF-16 units', () => {
    expect(countChars('')).toBe(0);
    expect(countChars('hello')).toBe(5);
    expect(countChars('你好')).toBe(2);
    expect(countChars('😀')).toBe(1);
    expect(countChars('😀'.repeat(600))).toBe(600);
  });

  it('counts a lone surrogate as one character', () => {
    expect(countChars('\ud83d')).toBe(1);
    expect(countChars('a\ude00b')).toBe(3);
  });

  it('agrees with the string iterator for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => countChars(s) === [...s].length));
  });
});

describe('textProblem', () => {
  it('finds lone surrogates anywhere, and accepts surrogate pairs', () => {
    for (const t of ['\uD800', 'a\uD800', '\uD800b', '\uDC00', 'a\uDC00', '😀\uDC00', '\uDBFF\uDBFF\uDC00', '\uD83D']) {
      expect(textProblem(t), JSON.stringify(t)).toBe('lone_surrogate');
    }
    for (const t of ['😀', 'a😀b', '\uD800\uDC00', '𝒜𝒷']) expect(textProblem(t)).toBeNull();
  });

  it('calls text blank when a reader would see nothing', () => {
    for (const t of ['', ' \n\t', '\u200B\u200D\uFEFF', '\u2060\u00AD', '\u3164', '\uFE0F', '\u202E\u2066', '\u2800', '\u{E0041}']) {
      expect(isBlank(t), JSON.stringify(t)).toBe(true);
      expect(textProblem(t)).toBe('blank');
      expect(textProblem(t, { allowBlank: true })).toBeNull();
    }
  });

  it('accepts visible text, including emoji built with ZWJ and VS16', () => {
    for (const t of ['hi', '👨\u200D👩\u200D👧', '\u2764\uFE0F', '🏳️‍🌈', '\u200Bx', '你好', 'é', '.']) {
      expect(textProblem(t), JSON.stringify(t)).toBeNull();
    }
  });

  it('agrees with String.prototype.isWellFormed on every string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const wellFormed = (s as string & { isWellFormed(): boolean }).isWellFormed();
        expect(textProblem(s, { allowBlank: true }) === 'lone_surrogate').toBe(!wellFormed);
      }),
    );
  });
});
