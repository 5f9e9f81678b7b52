import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InboundEvent } from '../pipeline/inbound-events';
import { parseMessengerWebhook } from './parse';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const events = parseMessengerWebhook(fixture('batch.json'), { receivedAt: 5 });
const find = (id: string): InboundEvent | undefined => events.find((e) => 'providerMessageId' in e && e.providerMessageId === id);
const PAGE = '1234567890';
const PSID = '24000000000000001';

describe('parseMessengerWebhook: the signed example', () => {
  it('decodes the escaped é and routes by the recipient page', () => {
    const raw = readFileSync(new URL('../meta/fixtures/messenger-signed.body.txt', import.meta.url), 'utf8');
    expect(parseMessengerWebhook(JSON.parse(raw))).toEqual([
      {
        type: 'message',
        entryPointKey: PAGE,
        providerMessageId: 'm_AbCdEf123',
        customer: { externalId: PSID },
        at: 1_700_000_000_001,
        text: 'Café order #42',
        content: { type: 'text', body: 'Café order #42' },
        media: [],
      },
    ]);
  });
});

describe('parseMessengerWebhook: every event of a batched payload, in order', () => {
  it('iterates every entry, messaging and standby list', () => {
    expect(events.map((e) => `${e.type}:${'providerMessageId' in e && e.providerMessageId ? e.providerMessageId : e.type === 'notice' ? e.code : e.type}`)).toEqual([
      'message:m_Qx1AbCdEfGhIjK',
      'message:m_Reply1',
      'message:m_Att9x',
      'message:m_Sticker',
      'message:m_File',
      'message:m_Audio',
      'message:m_Video',
      'message:m_Loc',
      'message:m_Fallback',
      'message:m_Reel',
      'message:m_Booking',
      'echo:m_Echo1',
      'echo:m_Echo2',
      'watermark:watermark',
      'watermark:watermark',
      'message:m_Pb1',
      `reaction:reaction:${PSID}:m_Echo1:1718000004000`,
      `reaction:reaction:${PSID}:m_Echo1:1718000005000`,
      'notice:optin',
      'notice:message_edit',
      'message:m_Standby',
    ]);
  });

  it('keeps the text and the quick-reply payload', () => {
    expect(find('m_Qx1AbCdEfGhIjK')).toEqual({
      type: 'message',
      entryPointKey: PAGE,
      providerMessageId: 'm_Qx1AbCdEfGhIjK',
      customer: { externalId: PSID },
      at: 1_718_000_000_001,
      text: 'Track my order',
      content: { type: 'quick_reply', payload: 'TRACK_ORDER' },
      media: [],
    });
  });

  it('links replies to the quoted mid', () => {
    expect(find('m_Reply1')).toMatchObject({ replyToProviderId: 'm_Echo1', content: { type: 'text', body: 'yes that one' } });
  });

  it('lists every attachment url as media, content from the first', () => {
    expect(find('m_Att9x')).toMatchObject({
      text: '',
      content: { type: 'image' },
      media: [
        { kind: 'url', url: 'https://lookaside.fbsbx.com/img-1', auth: 'none' },
        { kind: 'url', url: 'https://lookaside.fbsbx.com/img-2', auth: 'none' },
      ],
    });
  });

  it('collapses a sticker sent both as image and as sticker into one sticker', () => {
    expect(find('m_Sticker')).toMatchObject({
      content: { type: 'sticker', stickerId: '369239263222822' },
      media: [{ kind: 'url', url: 'https://lookaside.fbsbx.com/sticker-369239263222822', auth: 'none' }],
    });
    expect((find('m_Sticker') as { media: unknown[] }).media).toHaveLength(1);
  });

  it('maps files, audio, video, locations, fallback links, reels and unknown attachment types', () => {
    expect(find('m_File')).toMatchObject({ content: { type: 'document' }, media: [{ url: 'https://cdn.fbsbx.com/v/invoice.pdf' }] });
    expect(find('m_Audio')).toMatchObject({ content: { type: 'audio', voice: false }, media: [{ url: 'https://cdn.fbsbx.com/v/clip.mp4' }] });
    expect(find('m_Video')).toMatchObject({ content: { type: 'video' } });
    expect(find('m_Loc')).toMatchObject({
      content: { type: 'location', latitude: 48.8566, longitude: 2.3522, name: "Ann's Location", url: 'https://l.facebook.com/l.php?u=maps' },
      text: "Location: Ann's Location (48.8566, 2.3522)\nhttps://l.facebook.com/l.php?u=maps",
      media: [],
    });
    expect(find('m_Fallback')).toMatchObject({ text: 'see https://example.test/p', content: { type: 'link', kind: 'fallback', url: 'https://example.test/p', title: 'Example product' } });
    expect(find('m_Reel')).toMatchObject({ text: 'Funny reel\nhttps://www.facebook.com/reel/1', content: { type: 'link', kind: 'reel' }, media: [] });
    expect(find('m_Booking')).toMatchObject({
      content: { type: 'unsupported', reason: 'attachment type "appointment_booking" is not supported', code: 'appointment_booking' },
      text: '[Unsupported message: attachment type "appointment_booking" is not supported]',
    });
  });

  it('maps echoes (page → customer) with app id and our metadata', () => {
    expect(find('m_Echo1')).toEqual({
      type: 'echo',
      entryPointKey: PAGE,
      providerMessageId: 'm_Echo1',
      customerExternalId: PSID,
      text: 'On its way!',
      content: { type: 'text', body: 'On its way!' },
      media: [],
      appId: '1517776481860111',
      metadata: 'ours:msg_8812',
      at: 1_718_000_001_000,
    });
    expect(find('m_Echo2')).toMatchObject({ type: 'echo', appId: '263902037430900', text: 'Typed in Business Suite' });
    expect(find('m_Echo2')).not.toHaveProperty('metadata');
  });

  it('maps delivery and read receipts to watermarks; a delivery without timestamp uses the entry time', () => {
    const marks = events.filter((e) => e.type === 'watermark');
    expect(marks).toEqual([
      { type: 'watermark', entryPointKey: PAGE, customerExternalId: PSID, status: 'delivered', watermark: 1_718_000_001_500, mids: ['m_Echo1'], at: 1_718_000_001_100 },
      { type: 'watermark', entryPointKey: PAGE, customerExternalId: PSID, status: 'read', watermark: 1_718_000_001_500, at: 1_718_000_002_000 },
    ]);
  });

  it('maps a postback to a customer message with its referral', () => {
    const referral = { ref: 'campaign42', source: 'SHORTLINK', type: 'OPEN_THREAD' };
    expect(find('m_Pb1')).toEqual({
      type: 'message',
      entryPointKey: PAGE,
      providerMessageId: 'm_Pb1',
      customer: { externalId: PSID },
      at: 1_718_000_003_000,
      text: 'Talk to a human',
      content: { type: 'postback', payload: 'HANDOFF', title: 'Talk to a human', referral },
      media: [],
      referral,
    });
  });

  it('maps react and unreact to reactions on the target mid', () => {
    expect(events.filter((e) => e.type === 'reaction')).toEqual([
      {
        type: 'reaction',
        entryPointKey: PAGE,
        providerMessageId: `reaction:${PSID}:m_Echo1:1718000004000`,
        targetProviderId: 'm_Echo1',
        customerExternalId: PSID,
        emoji: '❤️',
        at: 1_718_000_004_000,
      },
      {
        type: 'reaction',
        entryPointKey: PAGE,
        providerMessageId: `reaction:${PSID}:m_Echo1:1718000005000`,
        targetProviderId: 'm_Echo1',
        customerExternalId: PSID,
        emoji: null,
        at: 1_718_000_005_000,
      },
    ]);
  });

  it('reports optins and edits as notices, and reads standby events like messaging ones', () => {
    expect(events.find((e) => e.type === 'notice' && e.code === 'optin')).toMatchObject({ entryPointKey: '9876543210', customerExternalId: '24000000000000777' });
    expect(find('m_Standby')).toMatchObject({ type: 'message', entryPointKey: '9876543210', text: 'handled by another app' });
  });
});

describe('parseMessengerWebhook: other documented shapes', () => {
  it('reads the {field, value} test shape with string ids and a seconds timestamp', () => {
    expect(parseMessengerWebhook(fixture('test-shape.json'))).toMatchObject([
      { type: 'message', entryPointKey: '23245', providerMessageId: 'm_testmid', customer: { externalId: '12334' }, at: 1_527_459_824_000, content: { type: 'postback', payload: 'USER-DEFINED-PAYLOAD' } },
    ]);
    expect(parseMessengerWebhook(fixture('test-shape-changes.json'))).toMatchObject([
      { type: 'message', entryPointKey: '23245', providerMessageId: 'test_message_id', text: 'test_message', at: 1_527_459_824_000 },
    ]);
  });

  it('tolerates Instagram: text next to an image becomes its caption; ig_reel is a link', () => {
    expect(parseMessengerWebhook(fixture('instagram.json'))).toMatchObject([
      { type: 'message', entryPointKey: '17841400000000000', text: 'nice shoes', content: { type: 'image', caption: 'nice shoes' }, media: [{ kind: 'url' }] },
      { type: 'message', content: { type: 'link', kind: 'ig_reel', title: 'reel caption' } },
    ]);
  });

  it('accepts numeric ids and numeric-string timestamps', () => {
    const body = { object: 'page', entry: [{ id: 42, time: '1718000000000', messaging: [{ sender: { id: 7 }, recipient: { id: 42 }, message: { mid: 'm1', text: 'x' } }] }] };
    expect(parseMessengerWebhook(body)).toMatchObject([{ entryPointKey: '42', customer: { externalId: '7' }, at: 1_718_000_000_000 }]);
  });

  it('gives Get Started postbacks without a mid a synthetic id that is the same on every retry', () => {
    const event = { sender: { id: '2' }, recipient: { id: '1' }, timestamp: 1_718_000_000_099, postback: { payload: 'GET_STARTED', title: 'Get Started' } };
    const [a] = parseMessengerWebhook({ object: 'page', entry: [{ id: '1', messaging: [event] }] }, { receivedAt: 1 });
    const [b] = parseMessengerWebhook({ object: 'page', entry: [{ id: '1', messaging: [event] }] }, { receivedAt: 2 });
    expect(a).toMatchObject({ providerMessageId: 'postback:2:1718000000099' });
    expect(b).toEqual(a);
    const untimed = { ...event, timestamp: undefined };
    const [c] = parseMessengerWebhook({ object: 'page', entry: [{ messaging: [untimed] }] }, { receivedAt: 1 });
    const [d] = parseMessengerWebhook({ object: 'page', entry: [{ messaging: [untimed] }] }, { receivedAt: 2 });
    expect(c).toMatchObject({ providerMessageId: 'postback:2:GET_STARTED', at: 1 });
    expect(d).toMatchObject({ providerMessageId: 'postback:2:GET_STARTED', at: 2 });
  });

  it.each([
    ['not an object', 'hello', 'invalid_payload'],
    ['another product', { object: 'whatsapp_business_account', entry: [] }, 'unexpected_object'],
    ['entry not a list', { object: 'page', entry: 1 }, 'invalid_payload'],
    ['an empty entry', { object: 'page', entry: [{ id: '1' }] }, 'empty_entry'],
    ['an event without ids', { object: 'page', entry: [{ id: '1', messaging: [{ message: { mid: 'x' } }] }] }, 'invalid_event'],
    ['a message without mid', { object: 'page', entry: [{ messaging: [{ sender: { id: '2' }, recipient: { id: '1' }, message: { text: 'x' } }] }] }, 'invalid_message'],
    ['an unknown event', { object: 'page', entry: [{ messaging: [{ sender: { id: '2' }, recipient: { id: '1' }, game_play: {} }] }] }, 'unsupported_event'],
  ])('turns %s into a notice', (_label, body, code) => {
    expect(parseMessengerWebhook(body)).toMatchObject([{ type: 'notice', code }]);
  });
});
