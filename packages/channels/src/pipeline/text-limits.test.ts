import { describe, expect, it } from 'vitest';
import { checkMessengerText, MESSENGER_TEXT_MAX } from '../messenger/limits';
import { checkSmsText, SMS_TEXT_MAX } from '../sms/limits';
import { checkWhatsAppCaption, checkWhatsAppText, WHATSAPP_TEXT_MAX } from '../whatsapp/limits';

describe('per-channel text limits, counted the way each provider counts', () => {
  it('WhatsApp: 4096 code points for text, 1024 for captions (an emoji is one)', () => {
    expect(WHATSAPP_TEXT_MAX).toBe(4096);
    expect(checkWhatsAppText('😀'.repeat(4096))).toEqual({ length: 4096, max: 4096, ok: true });
    expect(checkWhatsAppText('a'.repeat(4097)).ok).toBe(false);
    expect(checkWhatsAppCaption('é'.repeat(1024)).ok).toBe(true);
    expect(checkWhatsAppCaption('é'.repeat(1025)).ok).toBe(false);
  });

  it('Messenger: 2000 code points', () => {
    expect(MESSENGER_TEXT_MAX).toBe(2000);
    expect(checkMessengerText('😀'.repeat(2000)).ok).toBe(true);
    expect(checkMessengerText('😀'.repeat(2001))).toEqual({ length: 2001, max: 2000, ok: false });
  });

  it('SMS: 1600 encoded units (GSM-7 septets with extension characters as 2; UCS-2 code units)', () => {
    expect(SMS_TEXT_MAX).toBe(1600);
    expect(checkSmsText('a'.repeat(1600)).ok).toBe(true);
    expect(checkSmsText('a'.repeat(1601)).ok).toBe(false);
    expect(checkSmsText('€'.repeat(800)).ok).toBe(true);
    expect(checkSmsText('€'.repeat(801))).toEqual({ length: 1602, max: 1600, ok: false });
    expect(checkSmsText('😀'.repeat(801)).length).toBe(1602);
  });
});
