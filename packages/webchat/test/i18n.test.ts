import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { en, zhCN } from '../src/messages';
import { noticeText, pickLang, strings } from '../src/i18n';

describe('widget messages (ICU)', () => {
  it('every English message has a Chinese one, and every message parses', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const table of [en, zhCN]) for (const m of Object.values(table)) expect(() => new IntlMessageFormat(m, 'en', undefined, { ignoreTag: true })).not.toThrow();
  });

  it('words the too-long error with plural rules', () => {
    const t = strings('en');
    expect(t('tooLong', { over: 1, max: 1000 })).toBe('Your message is too long. The limit is 1000 characters. Remove 1 character.');
    expect(t('tooLong', { over: 2, max: 1000 })).toBe('Your message is too long. The limit is 1000 characters. Remove 2 characters.');
    expect(strings('zh-CN')('tooLong', { over: 1, max: 1000 })).toBe('已超出字符限制（1000 个字符），请删除 1 个字符。');
  });

  it('uses 聊天 for every joined/left notice, as the user guide does', () => {
    const zh = strings('zh-CN');
    expect(noticeText(zh, { code: 'conference_joined', agentName: '王芳' }, '')).toBe('王芳 已加入聊天');
    expect(noticeText(zh, { code: 'conference_left', agentName: '王芳' }, '')).toBe('王芳 已离开聊天');
  });

  it('fills placeholders and counts', () => {
    const t = strings('en');
    expect(t('counter', { count: 600, max: 1000 })).toBe('600 / 1000');
    expect(t('chattingWith', { name: 'Alice' })).toBe('Chatting with Alice');
  });
});

describe('pickLang', () => {
  it('prefers data-lang, then the browser languages, then English', () => {
    expect(pickLang('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLang('en', ['zh-CN'])).toBe('en');
    expect(pickLang(undefined, ['zh-CN', 'en'])).toBe('zh-CN');
    expect(pickLang('', ['zh-TW'])).toBe('zh-CN');
    expect(pickLang(null, ['fr-FR', 'zh-CN'])).toBe('zh-CN');
    expect(pickLang(null, ['fr-FR', 'en-GB', 'zh'])).toBe('en');
    expect(pickLang(null, ['fr-FR'])).toBe('en');
    expect(pickLang(null, [])).toBe('en');
  });
});
