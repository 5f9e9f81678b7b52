import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countChars } from '../src/text';

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
