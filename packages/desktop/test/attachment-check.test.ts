import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_RULES } from '@parley/protocol';
import { checkAttachments } from '../src/features/composer/attachments/attachment-check';

const MB = 1024 * 1024;
const f = (name: string, mimeType: string, size: number) => ({ name, mimeType, size });

describe('the composer checks files against the channel before uploading', () => {
  it('WhatsApp: a 6 MB photo is over the image limit, with its name and the limit', () => {
    expect(checkAttachments(DEFAULT_CHANNEL_RULES.whatsapp, [], [f('beach.jpg', 'image/jpeg', 6 * MB)])).toEqual({ key: 'attach.tooLarge', params: { name: 'beach.jpg', size: '5 MB' } });
    expect(checkAttachments(DEFAULT_CHANNEL_RULES.whatsapp, [], [f('beach.jpg', 'image/jpeg', 4 * MB)])).toBeNull();
  });

  it('counts the files already attached against the files per message', () => {
    const ten = Array.from({ length: 10 }, (_, i) => f(`${i}.png`, 'image/png', 10));
    expect(checkAttachments(DEFAULT_CHANNEL_RULES.webchat, ten, [f('x.png', 'image/png', 10)])).toEqual({ key: 'attach.tooMany', params: { max: 10 } });
  });

  it('a type the channel does not carry is named; one the browser could not tell is left to the server', () => {
    expect(checkAttachments(DEFAULT_CHANNEL_RULES.whatsapp, [], [f('a.gif', 'image/gif', 10)])).toEqual({ key: 'attach.typeNotAllowed', params: { name: 'a.gif' } });
    expect(checkAttachments(DEFAULT_CHANNEL_RULES.webchat, [], [f('notes', '', 10)])).toBeNull();
  });

  it('SMS takes no files unless MMS is on', () => {
    expect(checkAttachments(DEFAULT_CHANNEL_RULES.sms, [], [f('a.png', 'image/png', 10)])).toEqual({ key: 'attach.none', params: {} });
  });
});
