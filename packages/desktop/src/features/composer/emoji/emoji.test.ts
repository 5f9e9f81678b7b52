import { countChars, smsSegments, textLength } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import enData from 'emojibase-data/en/data.json';
import enMessages from 'emojibase-data/en/messages.json';
import zhData from 'emojibase-data/zh/data.json';
import zhMessages from 'emojibase-data/zh/messages.json';
import { measureText } from '../counting';
import { buildGroups, searchEmoji } from './emoji-data';
import { moveInSections } from './emoji-list';
import { readRecent, rememberRecent } from './recent';

type Raw = Parameters<typeof buildGroups>[0];
const en = buildGroups(enData as Raw, enMessages);
const zh = buildGroups(zhData as Raw, zhMessages, enData as Raw);

describe('emoji picker data', () => {
  it('categories in Unicode order, without skin-tone components or emoji newer than the bundled font', () => {
    expect(en.map((g) => g.label)).toEqual(['smileys & emotion', 'people & body', 'animals & nature', 'food & drink', 'travel & places', 'activities', 'objects', 'symbols', 'flags']);
    expect(en[0]?.items.slice(0, 2).map((e) => e.emoji)).toEqual(['😀', '😃']);
    expect(en.flatMap((g) => g.items).some((e) => e.emoji === '🏻')).toBe(false);
  });

  it('searches names and keywords in the agent language, and in English as well', () => {
    expect(searchEmoji(en, 'thumbs up').map((e) => e.emoji)).toContain('👍');
    expect(searchEmoji(zh, '笑脸').length).toBeGreaterThan(0);
    // The name said exactly comes first (a brown mushroom is tagged "pizza" too).
    expect(searchEmoji(zh, 'pizza')[0]?.emoji).toBe('🍕');
    expect(searchEmoji(en, 'pizza')[0]?.emoji).toBe('🍕');
    expect(searchEmoji(zh, '披萨').map((e) => e.emoji)).toContain('🍕');
    expect(zh[0]?.items[0]?.label).not.toBe(en[0]?.items[0]?.label);
    expect(searchEmoji(en, '   ')).toEqual([]);
  });

  it('recent emoji: newest first, once each, at most 20, and a broken store is an empty list', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    rememberRecent('😀', storage);
    rememberRecent('👍', storage);
    expect(rememberRecent('😀', storage)).toEqual(['😀', '👍']);
    for (let i = 0; i < 30; i++) rememberRecent(String(i), storage);
    expect(readRecent(storage)).toHaveLength(20);
    expect(readRecent({ getItem: () => '{bad' })).toEqual([]);
  });

  it('arrow keys move through sections of rows (Recent, then categories)', () => {
    const sizes = [3, 25];
    expect(moveInSections('ArrowRight', 2, sizes)).toBe(3);
    expect(moveInSections('ArrowDown', 1, sizes)).toBe(4);
    expect(moveInSections('ArrowDown', 12, sizes)).toBe(22);
    expect(moveInSections('ArrowDown', 20, sizes)).toBe(27);
    expect(moveInSections('ArrowDown', 25, sizes)).toBe(25);
    expect(moveInSections('ArrowUp', 5, sizes)).toBe(2);
    expect(moveInSections('ArrowUp', 1, sizes)).toBe(1);
    expect(moveInSections('End', 4, sizes)).toBe(12);
    expect(moveInSections('Home', 12, sizes)).toBe(3);
    expect(moveInSections('ArrowLeft', 0, sizes)).toBe(0);
    expect(moveInSections('a', 0, sizes)).toBeNull();
  });
});

describe('emoji against limits and SMS segments', () => {
  const family = '👨‍👩‍👧'; // three people joined by two ZWJ: 5 code points, 8 UTF-16 units
  const flag = '🇵🇹'; // two regional indicators
  const thumbs = '👍🏽'; // with a skin tone

  it('code points, UTF-16 units: each counted the provider’s way', () => {
    expect(countChars(family)).toBe(5);
    expect(textLength(family, { textCounting: 'utf16' })).toBe(8);
    expect(textLength(flag, { textCounting: 'code_points' })).toBe(2);
    expect(textLength(flag, { textCounting: 'utf16' })).toBe(4);
    expect(textLength(thumbs, { textCounting: 'code_points' })).toBe(2);
    expect(textLength(thumbs, { textCounting: 'sms_segments' })).toBe(4);
  });

  it('an emoji makes an SMS UCS-2: 70 units alone, 67 per part, a surrogate pair never split', () => {
    expect(smsSegments('Hello').encoding).toBe('GSM-7');
    expect(smsSegments(`Hello ${thumbs}`)).toMatchObject({ encoding: 'UCS-2', units: 10, segments: 1 });
    expect(smsSegments(flag.repeat(17)).segments).toBe(1); // 68 units
    expect(smsSegments(flag.repeat(18)).segments).toBe(2); // 72 units
    expect(smsSegments('a'.repeat(62) + family).segments).toBe(1); // 70 units
    // 134 units would fit two parts of 67, but the pair at 67–68 moves whole to the second part: three.
    expect(smsSegments('a'.repeat(66) + '😀'.repeat(34)).segments).toBe(3);
  });

  it('the composer counts what goes out: a ZWJ family on Messenger (UTF-16) costs 8 of the limit', () => {
    expect(measureText(`ok ${family}`, { textCounting: 'utf16', maxMessageLength: 10 })).toMatchObject({ length: 11, over: 1 });
    expect(measureText(`ok ${family}`, { textCounting: 'code_points', maxMessageLength: 10 })).toMatchObject({ length: 8, over: -2 });
    expect(measureText(`hi ${flag}`, { textCounting: 'sms_segments', maxMessageLength: 1600 }).sms).toMatchObject({ encoding: 'UCS-2', units: 7 });
  });
});
