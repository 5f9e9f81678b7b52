import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSmsWebhook } from './parse';

const form = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const AT = 1_741_000_000_000;

describe('parseSmsWebhook: inbound messages (wire-formats §3.1)', () => {
  it('maps a plain SMS, decoding + and %XX in the form body', () => {
    expect(parseSmsWebhook(new URLSearchParams(form('inbound-signed.form.txt')), { receivedAt: AT })).toEqual([
      {
        type: 'message',
        entryPointKey: '+15005550006',
        providerMessageId: 'SM0123456789abcdef0123456789abcdef',
        customer: { externalId: '+14155551234', phone: '+14155551234' },
        at: AT,
        text: 'Hello é& bye',
        content: { type: 'text', body: 'Hello é& bye' },
        media: [],
      },
    ]);
  });

  it('maps MMS media to Twilio-authenticated url refs, content from the first', () => {
    const [e] = parseSmsWebhook(form('inbound-mms.form.txt'), { receivedAt: AT });
    expect(e).toMatchObject({
      type: 'message',
      providerMessageId: 'MM0123456789abcdef0123456789abcdef',
      text: 'Photo of the damage',
      content: { type: 'image', caption: 'Photo of the damage' },
      media: [
        {
          kind: 'url',
          url: 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM0123456789abcdef0123456789abcdef/Media/ME0123456789abcdef0123456789abcdef',
          mimeType: 'image/jpeg',
          auth: 'twilio_basic',
        },
        { kind: 'url', mimeType: 'application/pdf', auth: 'twilio_basic' },
      ],
    });
  });

  it('reads at most NumMedia (and never more than 10) media; foreign hosts need no auth', () => {
    const params = new URLSearchParams({ MessageSid: 'MM1', From: '+1', To: '+2', Body: '', NumMedia: '1', MediaUrl0: 'https://cdn.example.test/a.png', MediaUrl1: 'https://cdn.example.test/b.png' });
    expect(parseSmsWebhook(params)).toMatchObject([{ media: [{ url: 'https://cdn.example.test/a.png', auth: 'none' }] }]);
    const many = new URLSearchParams({ MessageSid: 'MM2', From: '+1', To: '+2', NumMedia: '99' });
    for (let i = 0; i < 12; i++) many.set(`MediaUrl${i}`, `https://api.twilio.com/m/${i}`);
    expect((parseSmsWebhook(many)[0] as { media: unknown[] }).media).toHaveLength(10);
  });

  it('adds an opt-out notice next to the STOP message itself', () => {
    expect(parseSmsWebhook(form('opt-out.form.txt'), { receivedAt: AT })).toEqual([
      expect.objectContaining({ type: 'message', text: 'STOP', providerMessageId: 'SM1111111111abcdef0123456789abcdef' }),
      {
        type: 'notice',
        code: 'sms_stop',
        message: 'the customer sent an opt-out keyword (STOP)',
        entryPointKey: '+15005550006',
        providerMessageId: 'SM1111111111abcdef0123456789abcdef',
        customerExternalId: '+14155551234',
        at: AT,
      },
    ]);
  });

  it('maps WhatsApp-via-Twilio locations and profile names, stripping the channel prefix from the phone', () => {
    expect(parseSmsWebhook(form('whatsapp-location.form.txt'))).toMatchObject([
      {
        entryPointKey: 'whatsapp:+15005550006',
        customer: { externalId: 'whatsapp:+14155551234', phone: '+14155551234', name: 'Ann Lee' },
        content: { type: 'location', latitude: 48.8566, longitude: 2.3522, name: 'Louvre', address: 'Rue de Rivoli' },
        text: '',
        at: null,
      },
    ]);
  });
});

describe('parseSmsWebhook: status callbacks (wire-formats §3.4)', () => {
  it('maps undelivered with its ErrorCode to failed', () => {
    expect(parseSmsWebhook(form('status-undelivered.form.txt'), { receivedAt: AT })).toEqual([
      {
        type: 'status',
        entryPointKey: '+15005550006',
        providerMessageId: 'SM9876543210fedcba9876543210fedcba',
        status: 'failed',
        providerStatus: 'undelivered',
        at: AT,
        recipientId: '+14155551234',
        error: { code: '30003', title: 'Unreachable destination handset', message: 'Unreachable destination handset' },
      },
    ]);
  });

  it.each([
    ['queued', 'pending'],
    ['sending', 'pending'],
    ['accepted', 'pending'],
    ['scheduled', 'pending'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
  ])('%s → %s', (providerStatus, status) => {
    const params = new URLSearchParams({ MessageSid: 'SM1', MessageStatus: providerStatus, SmsStatus: providerStatus, From: '+15005550006', To: '+1415' });
    expect(parseSmsWebhook(params)).toMatchObject([{ type: 'status', status, providerStatus }]);
  });

  it('keeps unknown error codes and ErrorMessage', () => {
    const params = new URLSearchParams({ MessageSid: 'SM1', MessageStatus: 'failed', ErrorCode: '12345', ErrorMessage: 'odd', From: '+1', To: '+2' });
    expect(parseSmsWebhook(params)).toMatchObject([{ error: { code: '12345', title: 'Twilio error 12345', message: 'odd' } }]);
  });

  it('falls back to the Messaging Service as the entry point when From is absent', () => {
    expect(parseSmsWebhook(new URLSearchParams({ MessageSid: 'SM1', MessageStatus: 'sent', MessagingServiceSid: 'MG1' }))).toMatchObject([{ entryPointKey: 'MG1' }]);
  });
});

describe('parseSmsWebhook: odd input becomes notices', () => {
  it.each([
    ['an empty form', ''],
    ['a message without From', 'MessageSid=SM1&To=%2B1&Body=x'],
    ['a message without a sid', 'From=%2B1&To=%2B2&Body=x'],
    ['an unknown status', 'MessageSid=SM1&MessageStatus=exploded&From=%2B1'],
    ['a status without a sid', 'MessageStatus=sent&From=%2B1'],
  ])('%s', (_label, body) => {
    expect(parseSmsWebhook(body)).toMatchObject([{ type: 'notice' }]);
  });
});
