import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_RULES } from '@parley/protocol';
import { replyWindowCheck } from '../src/app/agent/reply-window';

const H = 3_600_000;
const approved = { name: 'order_shipped', language: 'en_US', components: [{ type: 'body', parameters: [{ type: 'text', text: 'A-17' }] }] };

describe('replyWindowCheck', () => {
  it('WhatsApp: free text within 24 h; past it only an approved template, sent as that template', () => {
    const wa = DEFAULT_CHANNEL_RULES.whatsapp;
    expect(replyWindowCheck(wa, 0, 23 * H)).toEqual({});
    expect(() => replyWindowCheck(wa, 0, 25 * H)).toThrow(/only an approved template/);
    expect(replyWindowCheck(wa, 0, 25 * H, approved)).toEqual({ template: approved });
  });

  it('WhatsApp: an approved template goes as that template inside the window too', () => {
    expect(replyWindowCheck(DEFAULT_CHANNEL_RULES.whatsapp, 0, 2 * H, approved)).toEqual({ template: approved });
  });

  it('Messenger: within 24 h as is; then the HUMAN_AGENT tag up to 7 days; then closed', () => {
    const fb = DEFAULT_CHANNEL_RULES.messenger;
    expect(replyWindowCheck(fb, 0, 2 * H)).toEqual({});
    expect(replyWindowCheck(fb, 0, 48 * H)).toEqual({ humanAgentTag: true });
    expect(() => replyWindowCheck(fb, 0, 8 * 24 * H)).toThrow(/no longer accepts a reply/);
  });

  it('channels without a window, or no customer message yet, never refuse', () => {
    expect(replyWindowCheck(DEFAULT_CHANNEL_RULES.sms, 0, 1000 * H)).toEqual({});
    expect(replyWindowCheck(DEFAULT_CHANNEL_RULES.whatsapp, null, 1000 * H)).toEqual({});
  });
});
