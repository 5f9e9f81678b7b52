import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_RULES } from './channel-rules';
import { mediaProblem } from './media-limits';

const MB = 1024 * 1024;
const file = (mimeType: string, size: number, name = 'f') => ({ name, mimeType, size });
const capped = <T extends { maxAttachmentBytes: number }>(r: T): T => ({ ...r, maxAttachmentBytes: Math.min(r.maxAttachmentBytes, 25 * MB) });

describe('per-channel media limits (the providers’ own)', () => {
  const wa = capped(DEFAULT_CHANNEL_RULES.whatsapp);

  it('WhatsApp: images 5 MB JPEG/PNG, video 16 MB, stickers WebP, documents up to the server cap', () => {
    expect(mediaProblem(wa, [file('image/png', 5 * MB)])).toBeNull();
    expect(mediaProblem(wa, [file('image/png', 5 * MB + 1, 'big.png')])).toEqual({ code: 'too_large', name: 'big.png', maxBytes: 5 * MB });
    expect(mediaProblem(wa, [file('video/mp4', 16 * MB)])).toBeNull();
    expect(mediaProblem(wa, [file('video/mp4', 16 * MB + 1)])).toMatchObject({ code: 'too_large' });
    expect(mediaProblem(wa, [file('image/webp', 400 * 1024)])).toBeNull();
    expect(mediaProblem(wa, [file('application/pdf', 25 * MB)])).toBeNull();
    expect(mediaProblem(wa, [file('application/pdf', 25 * MB + 1)])).toMatchObject({ code: 'too_large', maxBytes: 25 * MB });
    expect(mediaProblem(wa, [file('image/gif', 10, 'a.gif')])).toEqual({ code: 'type_not_allowed', name: 'a.gif', mimeType: 'image/gif' });
  });

  it('Messenger: 25 MB per attachment', () => {
    const m = DEFAULT_CHANNEL_RULES.messenger;
    expect(mediaProblem(m, [file('image/gif', 25 * MB)])).toBeNull();
    expect(mediaProblem(m, [file('video/mp4', 25 * MB + 1)])).toMatchObject({ code: 'too_large' });
  });

  it('SMS: none by default; with MMS on, 5 MB for all files of a message together', () => {
    const sms = DEFAULT_CHANNEL_RULES.sms;
    expect(mediaProblem(sms, [file('image/jpeg', 10)])).toEqual({ code: 'no_attachments' });
    const mms = { ...sms, attachments: true };
    expect(mediaProblem(mms, [file('image/jpeg', 3 * MB), file('image/png', 2 * MB)])).toBeNull();
    expect(mediaProblem(mms, [file('image/jpeg', 3 * MB), file('image/png', 2 * MB + 1)])).toEqual({ code: 'total_too_large', maxBytes: 5 * MB });
  });

  it('web chat and email: any accepted type up to the channel’s size; at most 10 files', () => {
    const w = DEFAULT_CHANNEL_RULES.webchat;
    expect(mediaProblem(w, [file('application/zip', 25 * MB)])).toBeNull();
    expect(mediaProblem(w, [file('application/zip', 25 * MB + 1)])).toMatchObject({ code: 'too_large' });
    expect(mediaProblem(w, [file('text/html', 10)])).toMatchObject({ code: 'type_not_allowed' });
    expect(mediaProblem(w, Array.from({ length: 11 }, () => file('image/png', 1)))).toEqual({ code: 'too_many', maxFiles: 10 });
    expect(mediaProblem(w, [])).toBeNull();
  });
});
