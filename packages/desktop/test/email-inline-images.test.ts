import { describe, expect, it } from 'vitest';
import type { MessageDto } from '@parley/protocol';
import { inlineImageIds } from '../src/features/email/inline-images';
import { parentEmail } from '../src/features/email/thread';

describe('inline images of the email editor', () => {
  const uploads = [
    { id: 'a1', url: '/files/a1?exp=1&sig=x' },
    { id: 'a2', url: '/files/a2?exp=1&sig=y' },
  ];
  it('are sent as the message’s attachments while the editor shows them (its HTML escapes & in attributes)', () => {
    expect(inlineImageIds('<p>Look <img src="/files/a1?exp=1&amp;sig=x" alt="lid"></p>', uploads)).toEqual(['a1']);
  });
  it('an image deleted from the editor is left out', () => {
    expect(inlineImageIds('<p>No picture</p>', uploads)).toEqual([]);
  });
});

describe('the email a message threads on', () => {
  const mail = (id: string, direction: MessageDto['direction']) => ({ id, direction, email: { subject: 's' } }) as unknown as MessageDto;
  const items = [mail('in1', 'inbound'), mail('out1', 'outbound')];
  it('Reply and Reply all answer the customer’s latest email; Forward threads on the latest email, which it quotes', () => {
    expect(parentEmail('reply', items)?.id).toBe('in1');
    expect(parentEmail('replyAll', items)?.id).toBe('in1');
    expect(parentEmail('forward', items)?.id).toBe('out1');
  });
});
