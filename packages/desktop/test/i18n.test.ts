import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { en } from '../src/features/i18n/en';
import { zhCN } from '../src/features/i18n/zh-CN';
import { translator } from '../src/features/i18n/translate';

describe('Desktop messages (ICU)', () => {
  it('every message parses as ICU MessageFormat in both languages', () => {
    for (const table of [en, zhCN]) {
      for (const m of Object.values(table)) expect(() => new IntlMessageFormat(m, 'en', undefined, { ignoreTag: true })).not.toThrow();
    }
  });

  it('words the too-long error with plural rules', () => {
    const t = translator('en');
    expect(t('composer.tooLong', { over: 1, limit: 1000 })).toBe('The message is 1 character too long. Remove 1 character to send (limit 1000).');
    expect(t('composer.tooLong', { over: 2, limit: 1000 })).toBe('The message is 2 characters too long. Remove 2 characters to send (limit 1000).');
    expect(translator('zh-CN')('composer.tooLong', { over: 1, limit: 1000 })).toBe('已超出字符限制（1000 个字符），请删除 1 个字符后再发送。');
  });

  it('zh-CN joined notices say 已加入聊天, as the user guide does', () => {
    const zh = translator('zh-CN');
    expect(zh('notice.agent_joined', { agent: '王芳' })).toBe('王芳 已加入聊天');
    expect(zh('notice.conference_joined', { agent: '王芳' })).toBe('王芳 已加入聊天');
  });

  it('fills placeholders, and shows the message as written when a parameter is missing', () => {
    const t = translator('en');
    expect(t('composer.count', { count: 600, limit: 1000 })).toBe('600 / 1000');
    expect(t('offers.title.transfer', { agent: 'Alice' })).toBe('Transfer from Alice');
    expect(t('offers.title.transfer')).toBe('Transfer from {agent}');
  });
});
