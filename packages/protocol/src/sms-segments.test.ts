import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nonGsmCharacters, smsSegments } from './sms-segments';

describe('smsSegments', () => {
  // Every row of the verified table in wire-formats §3.7 and every case of vectors/segments.js.
  it.each([
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    ['€'.repeat(80), 'GSM-7', 160, 1],
    ['€'.repeat(81), 'GSM-7', 162, 2],
    ['ç'.repeat(70), 'UCS-2', 70, 1],
    ['ç'.repeat(71), 'UCS-2', 71, 2],
    ['Hi 😀', 'UCS-2', 5, 1],
    ['😀'.repeat(35), 'UCS-2', 70, 1],
    ['😀'.repeat(36), 'UCS-2', 72, 2],
    ['It’s ok', 'UCS-2', 7, 1],
  ] as const)('%# %s', (text, encoding, units, segments) => {
    const r = smsSegments(text);
    expect([r.encoding, r.units, r.segments]).toEqual([encoding, units, segments]);
  });

  it('counts nothing for the empty text', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 0, unitsPerSegment: 160, remainingInSegment: 160 });
  });

  it('never splits an escape pair across segments', () => {
    // 306 septets would fit 2 × 153 only if the € (ESC + char) could straddle the boundary.
    const tight = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(smsSegments(tight)).toMatchObject({ encoding: 'GSM-7', units: 306, segments: 3 });
  });

  it('never splits a surrogate pair across segments', () => {
    // 134 units would fit 2 × 67 only if the surrogate pair could straddle the boundary.
    const tight = `${'ç'.repeat(66)}😀${'ç'.repeat(66)}`;
    expect(smsSegments(tight)).toMatchObject({ encoding: 'UCS-2', units: 134, segments: 3 });
  });

  it('every GSM extension character costs 2 septets; form feed included', () => {
    expect(smsSegments('^{}\\[~]|€\f').units).toBe(20);
  });

  it('reports what is left in the last segment', () => {
    expect(smsSegments('a'.repeat(150)).remainingInSegment).toBe(10);
    expect(smsSegments('a'.repeat(200)).remainingInSegment).toBe(153 - 47);
  });

  it('names the characters that force UCS-2', () => {
    expect(nonGsmCharacters('It’s ça va 😀 ça')).toEqual(['’', 'ç', '😀']);
    expect(nonGsmCharacters('plain € text')).toEqual([]);
  });

  it('property: segments are enough and not too many for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const r = smsSegments(text);
        const single = r.encoding === 'GSM-7' ? 160 : 70;
        const multi = r.encoding === 'GSM-7' ? 153 : 67;
        if (r.units <= single) expect(r.segments).toBe(r.units === 0 ? 0 : 1);
        else {
          // Padding from unsplittable pairs costs at most one unit per segment.
          expect(r.segments).toBeGreaterThanOrEqual(Math.ceil(r.units / multi));
          expect(r.segments).toBeLessThanOrEqual(Math.ceil(r.units / (multi - 1)));
        }
        expect(r.remainingInSegment).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
