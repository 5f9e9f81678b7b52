import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_RULES, type ConversationDto, type MessageDto } from '@parley/protocol';
import { offerFields, paneFields } from '../src/features/offers/fields';
import { measureText } from '../src/features/composer/counting';
import { replyWindow } from '../src/features/composer/reply-window';
import { insertAtCaret } from '../src/features/composer/emoji/emoji-list';
import { batches, ReadMarker, unreportedInbound } from '../src/state/read-marks';

const HOUR = 3_600_000;
const conv = (over: Partial<ConversationDto> = {}): ConversationDto => ({
  id: 'c1', channel: 'webchat', entryPointId: 'ep', entryPointName: 'Website', entryPointAddress: '', queueId: 'q', queueName: 'Chat',
  customer: { id: 'u', channel: 'webchat', name: 'Jane Doe', email: 'jane@example.com' }, status: 'active', ownerAgentId: 'a1',
  participants: [], offer: null, createdAt: 1, queuedAt: 1, acceptedAt: 1, endedAt: null, endedBy: null, ...over,
});
const sms = conv({
  channel: 'sms', entryPointName: 'Support line', entryPointAddress: '+18005550100', entryPointNumberKind: 'toll_free',
  customer: { id: 'u', channel: 'sms', name: '', phone: '+15551234567' },
});
const msg = (id: string, over: Partial<MessageDto> = {}): MessageDto => ({
  id, conversationId: 'c1', direction: 'inbound', authorType: 'customer', authorId: null, authorName: 'Jane', text: 'hi',
  attachments: [], status: 'received', createdAt: 1, ...over,
});

describe('fields from the channel rules (SPEC F1, F3)', () => {
  it('an offer lists what rules.offerFields names, in order, with values', () => {
    expect(offerFields(sms, DEFAULT_CHANNEL_RULES.sms).map((f) => [f.key, f.value])).toEqual([
      ['field.queue', 'Chat'], ['field.phone', '+15551234567'], ['field.sourceNumber', '+18005550100'],
    ]);
    // A deployment's rules decide, not the channel's name.
    const custom = { ...DEFAULT_CHANNEL_RULES.webchat, offerFields: ['queue', 'customerName'] as const };
    expect(offerFields(conv(), { ...custom, offerFields: [...custom.offerFields] }).map((f) => f.key)).toEqual(['field.queue', 'field.customerName']);
  });
  it("an SMS source number carries its kind (long code / short code / toll-free); none when unknown", () => {
    const f = paneFields(sms, DEFAULT_CHANNEL_RULES.sms).find((x) => x.key === 'field.sourceNumber');
    expect(f).toMatchObject({ value: '+18005550100', noteKey: 'numberKind.toll_free' });
    const unknown = paneFields({ ...sms, entryPointNumberKind: null }, DEFAULT_CHANNEL_RULES.sms).find((x) => x.key === 'field.sourceNumber');
    expect(unknown?.noteKey).toBeUndefined();
  });
  it('the pane shows rules.paneFields; empty facts are left out', () => {
    expect(paneFields(conv(), DEFAULT_CHANNEL_RULES.webchat).map((f) => f.key)).toEqual(['field.email']);
    expect(paneFields(conv({ customer: { id: 'u', channel: 'webchat', name: 'Jane' } }), DEFAULT_CHANNEL_RULES.webchat)).toEqual([]);
    expect(paneFields(sms, DEFAULT_CHANNEL_RULES.sms).map((f) => f.key)).toEqual(['field.sourceNumber', 'field.customerPhone']);
  });
});

describe('composer counting (rules.textCounting)', () => {
  const emoji = '😀'; // one code point, two UTF-16 units
  it('code points: an emoji is 1', () => {
    expect(measureText(emoji.repeat(1000), DEFAULT_CHANNEL_RULES.webchat)).toMatchObject({ length: 1000, over: 0, sms: null });
  });
  it('UTF-16 units (Messenger): an emoji is 2, so 1001 emoji are over 2000', () => {
    expect(measureText(emoji.repeat(1001), DEFAULT_CHANNEL_RULES.messenger)).toMatchObject({ length: 2002, limit: 2000, over: 2 });
  });
  it('SMS: UTF-16 units plus segments and encoding', () => {
    expect(measureText('a'.repeat(161), DEFAULT_CHANNEL_RULES.sms)).toMatchObject({ length: 161, sms: { segments: 2, encoding: 'GSM-7' } });
    expect(measureText(`hi ${emoji}`, DEFAULT_CHANNEL_RULES.sms)).toMatchObject({ length: 5, sms: { segments: 1, encoding: 'UCS-2' } });
    expect(measureText('x'.repeat(1601), DEFAULT_CHANNEL_RULES.sms).over).toBe(1);
  });
});

describe('reply window (rules.replyWindow + lastInboundAt)', () => {
  const now = 1_000 * HOUR;
  it('no window on web chat; unknown last inbound time leaves the decision to the server', () => {
    expect(replyWindow(DEFAULT_CHANNEL_RULES.webchat, now - 100 * HOUR, now).phase).toBe('open');
    expect(replyWindow(DEFAULT_CHANNEL_RULES.whatsapp, null, now).phase).toBe('open');
  });
  it('WhatsApp: open for 24 h, then templates only', () => {
    expect(replyWindow(DEFAULT_CHANNEL_RULES.whatsapp, now - 23 * HOUR, now).phase).toBe('open');
    expect(replyWindow(DEFAULT_CHANNEL_RULES.whatsapp, now - 24 * HOUR, now)).toEqual({ phase: 'templates', hours: 24, until: null });
  });
  it('Messenger: HUMAN_AGENT tag until 7 days, then closed', () => {
    const last = now - 30 * HOUR;
    expect(replyWindow(DEFAULT_CHANNEL_RULES.messenger, last, now)).toEqual({ phase: 'human_agent', hours: 24, until: last + 168 * HOUR });
    expect(replyWindow(DEFAULT_CHANNEL_RULES.messenger, now - 168 * HOUR, now).phase).toBe('closed');
  });
});

describe('emoji picker logic', () => {
  it('inserts at the caret, replacing a selection', () => {
    expect(insertAtCaret('Hello world', 5, 5, '👍')).toEqual({ text: 'Hello👍 world', caret: 7 });
    expect(insertAtCaret('Hello world', 6, 11, '🙂')).toEqual({ text: 'Hello 🙂', caret: 8 });
  });
});

describe('viewed → read', () => {
  it('picks stored customer messages not read yet', () => {
    const items = [msg('m1'), msg('m2', { status: 'read' }), msg('m3', { direction: 'outbound', authorType: 'agent' }), msg('local:x'), msg('m4')];
    expect(unreportedInbound(items, new Set(['m4']))).toEqual(['m1']);
  });
  it('sends at most 50 ids a request, each message once; a 404 counts as done, another failure is asked again', async () => {
    expect(batches([...Array(120).keys()]).map((b) => b.length)).toEqual([50, 50, 20]);
    const posts: string[][] = [];
    let fail: 'none' | 'notFound' | 'other' = 'none';
    const marker = new ReadMarker(
      async (_c, ids) => {
        posts.push(ids);
        if (fail !== 'none') throw new Error(fail);
      },
      (e) => e instanceof Error && e.message === 'notFound',
    );
    const items = Array.from({ length: 60 }, (_, i) => msg(`m${i}`));
    await marker.viewed('c1', items);
    expect(posts.map((p) => p.length)).toEqual([50, 10]);
    await marker.viewed('c1', items);
    expect(posts).toHaveLength(2);
    fail = 'other';
    await marker.viewed('c1', [...items, msg('n1')]);
    await marker.viewed('c1', [...items, msg('n1')]);
    expect(posts.slice(2)).toEqual([['n1'], ['n1']]);
    fail = 'notFound';
    await marker.viewed('c1', [...items, msg('n1'), msg('n2')]);
    await marker.viewed('c1', [...items, msg('n1'), msg('n2')]);
    expect(posts.slice(4)).toEqual([['n1', 'n2']]);
  });
});
