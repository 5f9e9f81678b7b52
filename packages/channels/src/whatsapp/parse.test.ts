import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InboundEvent, MessageEvent } from '../pipeline/inbound-events';
import { parseWhatsAppWebhook } from './parse';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const batch = parseWhatsAppWebhook(fixture('messages-batch.json'), { receivedAt: 1_000 });
const byId = (id: string): InboundEvent | undefined =>
  batch.find((e) => ('providerMessageId' in e && e.providerMessageId === id) || ('targetProviderId' in e && e.providerMessageId === id));
const message = (id: string): MessageEvent => {
  const e = byId(id);
  if (e?.type !== 'message') throw new Error(`no message ${id}: ${JSON.stringify(e)}`);
  return e;
};

describe('parseWhatsAppWebhook: the documented text message', () => {
  it('maps the signed example to one message routed by phone_number_id, time in ms', () => {
    expect(parseWhatsAppWebhook(JSON.parse(readFileSync(new URL('./fixtures/signed-text.body.txt', import.meta.url), 'utf8')))).toEqual([
      {
        type: 'message',
        entryPointKey: '106540352242922',
        providerMessageId: 'wamid.TEST1',
        customer: { externalId: '16505551234', name: 'Sheena Nelson', phone: '16505551234' },
        at: 1_749_416_383_000,
        text: 'Hi',
        content: { type: 'text', body: 'Hi' },
        media: [],
      },
    ]);
  });

  it('decodes escaped-Unicode bodies (names and text, astral emoji included)', () => {
    const [e] = parseWhatsAppWebhook(JSON.parse(readFileSync(new URL('./fixtures/escaped-unicode.body.txt', import.meta.url), 'utf8')));
    expect(e).toMatchObject({ type: 'message', text: 'Café 😀 à bientôt', customer: { name: 'Renée 张' } });
  });
});

describe('parseWhatsAppWebhook: a multi-entry, multi-change batch', () => {
  it('keeps payload order across entries, changes, messages, statuses and errors', () => {
    expect(batch.map((e) => `${e.type}:${'providerMessageId' in e ? e.providerMessageId : 'code' in e ? e.code : e.type}`)).toEqual([
      'message:wamid.IMG',
      'message:wamid.VID',
      'message:wamid.VOICE',
      'message:wamid.DOC1',
      'message:wamid.STK',
      'message:wamid.LOC',
      'message:wamid.CONTACTS',
      'message:wamid.BTNREPLY',
      'message:wamid.LISTREPLY',
      'message:wamid.TPLBTN',
      'reaction:wamid.REACT',
      'reaction:wamid.UNREACT',
      'message:wamid.ORDER',
      'message:wamid.UNSUP',
      'message:wamid.FWD',
      'message:wamid.AD',
      'message:wamid.NEWTYPE',
      'message:wamid.SECOND',
      'status:wamid.OUR9',
      'notice:unsupported_field',
      'identity_changed:wamid.SYS1',
      'identity_changed:wamid.SYS2',
      'notice:wamid.SYS3',
      'error:error',
      'message:wamid.BSUID',
    ]);
  });

  it('routes each change by its own phone_number_id', () => {
    expect(message('wamid.SECOND')).toMatchObject({ entryPointKey: '106540352249999', customer: { externalId: '447700900123', name: 'Bo' }, at: 1_749_416_420_000 });
    expect(message('wamid.IMG').entryPointKey).toBe('106540352242922');
  });

  it('keeps the BSUID next to the wa_id', () => {
    expect(message('wamid.IMG').customer).toEqual({
      externalId: '16505551234',
      name: 'Ann Lee',
      phone: '16505551234',
      altIds: [{ kind: 'whatsapp_bsuid', id: 'US.13491208655302741918' }],
    });
  });

  it('uses the BSUID as the id when no number is shared', () => {
    expect(message('wamid.BSUID').customer).toEqual({
      externalId: 'BR.1502576394655843',
      name: 'Cleo',
      username: '@cleo',
      altIds: [{ kind: 'whatsapp_parent_bsuid', id: 'BR.ENT.77' }],
    });
  });

  it('maps media messages to content plus a two-step download ref', () => {
    expect(message('wamid.IMG')).toMatchObject({
      text: 'the damage',
      content: { type: 'image', caption: 'the damage' },
      media: [{ kind: 'whatsapp_media', id: '1479537139650973', mimeType: 'image/jpeg', sha256: 'N1e6zKfnYhCqlkUCKTmh+ANH3cLrqNgQTGsVlxAjFx0=' }],
    });
    expect(message('wamid.VID')).toMatchObject({ text: '', content: { type: 'video' }, media: [{ id: '1479537139650974' }] });
    expect(message('wamid.VOICE')).toMatchObject({ content: { type: 'audio', voice: true }, media: [{ mimeType: 'audio/ogg; codecs=opus' }] });
    expect(message('wamid.STK')).toMatchObject({ content: { type: 'sticker', animated: false }, media: [{ mimeType: 'image/webp' }] });
    expect(message('wamid.DOC1')).toMatchObject({
      text: 'here it is',
      content: { type: 'document', filename: 'receipt.pdf', caption: 'here it is' },
      media: [{ kind: 'whatsapp_media', id: '1003383421387257', filename: 'receipt.pdf' }],
      replyToProviderId: 'wamid.OUR_REQUEST_FOR_RECEIPT',
    });
  });

  it('renders structured content readably', () => {
    expect(message('wamid.LOC')).toMatchObject({
      content: { type: 'location', latitude: 37.4847, longitude: -122.1482, name: 'Philz Coffee', address: '101 Forest Ave, Palo Alto, CA 94301', url: 'https://philzcoffee.com' },
      text: 'Location: Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301 (37.4847, -122.1482)\nhttps://philzcoffee.com',
    });
    expect(message('wamid.CONTACTS')).toMatchObject({
      content: {
        type: 'contacts',
        contacts: [{ name: 'Barbara J. Johnson', phones: [{ phone: '+1 (650) 555-1234', waId: '16505551234', type: 'MOBILE' }], emails: ['bjohnson@example.test'], org: 'Lucky Shrub' }],
      },
      text: 'Contact: Barbara J. Johnson (+1 (650) 555-1234, bjohnson@example.test)',
    });
    expect(message('wamid.ORDER')).toMatchObject({
      content: { type: 'order', catalogId: '5678', note: 'please gift wrap', items: [{ productRetailerId: 'SKU-1', quantity: 2, itemPrice: 12.5, currency: 'USD' }] },
      text: 'Order: 2 × SKU-1 (12.5 USD)\nplease gift wrap',
    });
  });

  it('maps interactive and template-button replies, quoting the message they answer', () => {
    expect(message('wamid.BTNREPLY')).toMatchObject({
      content: { type: 'interactive_reply', kind: 'button_reply', id: 'csat_yes', title: 'Yes' },
      text: 'Yes',
      replyToProviderId: 'wamid.OUR_CSAT',
    });
    expect(message('wamid.LISTREPLY')).toMatchObject({
      content: { type: 'interactive_reply', kind: 'list_reply', id: 'slot_2', title: 'Tue 10:00', description: 'Morning slot' },
      replyToProviderId: 'wamid.OUR_LIST',
    });
    expect(message('wamid.TPLBTN')).toMatchObject({ content: { type: 'button', payload: 'REOPEN_1042', text: 'Reopen ticket' }, text: 'Reopen ticket', replyToProviderId: 'wamid.OUR_TEMPLATE' });
  });

  it('turns reactions into reaction events (never messages); a missing emoji means removed', () => {
    expect(byId('wamid.REACT')).toEqual({
      type: 'reaction',
      entryPointKey: '106540352242922',
      providerMessageId: 'wamid.REACT',
      targetProviderId: 'wamid.OUR1',
      customerExternalId: '16505551234',
      emoji: '😀',
      at: 1_749_416_409_000,
    });
    expect(byId('wamid.UNREACT')).toMatchObject({ type: 'reaction', emoji: null, targetProviderId: 'wamid.OUR1' });
  });

  it('shows unsupported and unknown types as unsupported messages with the reason', () => {
    expect(message('wamid.UNSUP')).toMatchObject({
      content: { type: 'unsupported', reason: 'Message type is currently not supported.', code: '131051' },
      text: '[Unsupported message: Message type is currently not supported.]',
    });
    expect(message('wamid.NEWTYPE').content).toEqual({ type: 'unsupported', reason: 'message type "hologram" is not supported' });
    const poll = {
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ field: 'messages', value: { metadata: { phone_number_id: '1' }, messages: [{ from: '2', id: 'wamid.P', type: 'unsupported', unsupported: { type: 'poll_creation' }, errors: [{ code: 131051, title: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }] }] } }] }],
    };
    expect(parseWhatsAppWebhook(poll)).toMatchObject([{ content: { type: 'unsupported', reason: 'Message type is currently not supported. (poll_creation)', code: '131051' } }]);
  });

  it('flags forwarded messages and keeps ad referrals', () => {
    const fwd = message('wamid.FWD');
    expect(fwd.forwarded).toBe(true);
    expect(fwd.replyToProviderId).toBeUndefined();
    expect(message('wamid.AD').referral).toEqual({
      source: 'ad',
      type: 'image',
      url: 'https://fb.me/abc',
      sourceId: '120200000000',
      headline: 'Spring sale',
      body: '20% off',
      ctwaClid: 'ARAkLkA8rmlFeiCktEJQ',
    });
  });

  it('maps system messages to identity changes, old and new ids', () => {
    expect(byId('wamid.SYS1')).toEqual({
      type: 'identity_changed',
      entryPointKey: '106540352242922',
      providerMessageId: 'wamid.SYS1',
      kind: 'phone_number',
      previous: { waId: '16505551234', bsuid: 'US.13491208655302741918' },
      current: { waId: '16505550000', bsuid: 'US.99999999999999999999' },
      text: 'User Ann Lee changed from 16505551234 to 16505550000',
      at: 1_749_416_430_000,
    });
    expect(byId('wamid.SYS2')).toMatchObject({
      kind: 'user_id',
      previous: { bsuid: 'US.13491208655302741918', parentBsuid: 'US.ENT.0' },
      current: { bsuid: 'US.88888888888888888888', parentBsuid: 'US.ENT.1' },
    });
    expect(byId('wamid.SYS3')).toMatchObject({ type: 'notice', code: 'unsupported_system_message' });
  });

  it('reports value-level errors and unknown fields instead of dropping them', () => {
    expect(batch.find((e) => e.type === 'error')).toEqual({
      type: 'error',
      entryPointKey: '106540352242922',
      error: { code: '131000', title: 'Something went wrong', message: 'Unable to retrieve the message.' },
      at: 1_000,
    });
    expect(batch.find((e) => e.type === 'notice' && e.code === 'unsupported_field')).toMatchObject({ message: expect.stringContaining('account_update') });
  });
});

describe('parseWhatsAppWebhook: statuses', () => {
  const events = parseWhatsAppWebhook(fixture('statuses.json'));

  it('maps every documented status, the first error, and our callback data', () => {
    expect(events).toEqual([
      { type: 'status', entryPointKey: '106540352242922', providerMessageId: 'wamid.OUR1', status: 'delivered', providerStatus: 'delivered', at: 1_749_416_600_000, recipientId: '16505551234' },
      {
        type: 'status',
        entryPointKey: '106540352242922',
        providerMessageId: 'wamid.OUR2',
        status: 'failed',
        providerStatus: 'failed',
        at: 1_749_416_601_000,
        recipientId: '16505551234',
        error: {
          code: '131047',
          title: 'Re-engagement message',
          message: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        },
      },
      { type: 'status', entryPointKey: '106540352242922', providerMessageId: 'wamid.OUR3', status: 'read', providerStatus: 'read', at: 1_749_416_700_000, recipientId: '16505551234', callbackData: 'msg_42' },
      { type: 'status', entryPointKey: '106540352242922', providerMessageId: 'wamid.OUR4', status: 'sent', providerStatus: 'sent', at: 1_749_416_500_000, recipientId: 'US.13491208655302741918' },
      { type: 'status', entryPointKey: '106540352242922', providerMessageId: 'wamid.OUR5', status: 'read', providerStatus: 'played', at: 1_749_416_800_000, recipientId: '16505551234' },
      { type: 'notice', code: 'unsupported_status', message: 'status "deleted" for "wamid.OUR6" is not handled', entryPointKey: '106540352242922', providerMessageId: 'wamid.OUR6', at: 1_749_416_900_000 },
    ]);
  });
});

describe('parseWhatsAppWebhook: bad input never throws', () => {
  it.each([
    ['null', null, 'invalid_payload'],
    ['an array', [], 'invalid_payload'],
    ['another object', { object: 'page', entry: [] }, 'unexpected_object'],
    ['entry not a list', { object: 'whatsapp_business_account', entry: {} }, 'invalid_payload'],
  ])('%s → one notice', (_label, input, code) => {
    expect(parseWhatsAppWebhook(input)).toMatchObject([{ type: 'notice', code }]);
  });

  it('reports changes it cannot route, messages without ids or senders, reactions without targets', () => {
    const value = (v: object) => ({ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages', value: v }] }] });
    const md = { metadata: { phone_number_id: '1' } };
    expect(parseWhatsAppWebhook(value({ messages: [{ id: 'x', type: 'text' }] }))).toMatchObject([{ code: 'invalid_payload' }]);
    expect(parseWhatsAppWebhook(value({ ...md }))).toMatchObject([{ code: 'empty_change' }]);
    expect(parseWhatsAppWebhook(value({ ...md, messages: [{ type: 'text', from: '2' }] }))).toMatchObject([{ code: 'invalid_message' }]);
    expect(parseWhatsAppWebhook(value({ ...md, messages: [{ id: 'w', type: 'text' }] }))).toMatchObject([{ code: 'invalid_message', providerMessageId: 'w' }]);
    expect(parseWhatsAppWebhook(value({ ...md, messages: [{ id: 'w', from: '2', type: 'reaction', reaction: {} }] }))).toMatchObject([{ code: 'invalid_message' }]);
    expect(parseWhatsAppWebhook(value({ ...md, messages: [{ id: 'w', from: '2', type: 'location', location: { latitude: 'x' } }] }))).toMatchObject([
      { type: 'message', content: { type: 'unsupported' } },
    ]);
  });
});

describe('parseWhatsAppWebhook: request_welcome', () => {
  it('is a notice, not an empty customer message', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ field: 'messages', value: { metadata: { phone_number_id: '1' }, contacts: [{ wa_id: '2' }], messages: [{ from: '2', id: 'wamid.W', timestamp: '1749416383', type: 'request_welcome' }] } }] }],
    };
    expect(parseWhatsAppWebhook(body)).toEqual([
      { type: 'notice', code: 'request_welcome', message: 'the customer opened a first chat with this number', entryPointKey: '1', providerMessageId: 'wamid.W', customerExternalId: '2', at: 1_749_416_383_000 },
    ]);
  });
});
