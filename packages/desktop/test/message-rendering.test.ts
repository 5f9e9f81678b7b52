import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { DEFAULT_CHANNEL_RULES, type ChannelRules, type MessageDto } from '@parley/protocol';
import { MessageRow } from '../src/features/pane/MessageRow';
import { WindowNote } from '../src/features/composer/WindowNote';
import { windowAllowsSend } from '../src/features/composer/reply-window';
import { mapUrl, mediaKind, safeHref } from '../src/features/pane/media';

const msg = (over: Partial<MessageDto> = {}): MessageDto => ({
  id: 'm1', conversationId: 'c1', direction: 'inbound', authorType: 'customer', authorId: null, authorName: 'Jane Doe', text: 'hi',
  attachments: [], status: 'received', createdAt: Date.UTC(2026, 0, 2, 9, 30), ...over,
});
const out = (over: Partial<MessageDto> = {}) =>
  msg({ direction: 'outbound', authorType: 'agent', authorId: 'a1', authorName: 'Agent One', status: 'sent', clientId: 'k1', ...over });
const row = (m: MessageDto, rules: ChannelRules = DEFAULT_CHANNEL_RULES.webchat) =>
  renderToStaticMarkup(createElement(MessageRow, { m, rules, customerName: 'Jane Doe', meId: 'a1', onRetry: () => undefined }));

describe('message bubbles follow the channel rules', () => {
  it('customer avatar: initials on web chat, the letter C on WhatsApp', () => {
    expect(row(msg())).toContain('>JD</span>');
    expect(row(msg(), DEFAULT_CHANNEL_RULES.whatsapp)).toContain('>C</span>');
  });
  it('timestamps only where rules.messageTimestamps', () => {
    expect(row(msg())).not.toContain('<time');
    expect(row(out())).not.toContain('<time');
    expect(row(msg(), DEFAULT_CHANNEL_RULES.whatsapp)).toContain('<time dateTime="2026-01-02T09:30:00.000Z"');
  });
  it('delivery ticks with accessible names; failed says why', () => {
    expect(row(out({ status: 'delivered' }))).toContain('role="img" aria-label="Delivered" title="Delivered">✓✓</span>');
    expect(row(out({ status: 'read' }))).toContain('aria-label="Read"');
    const failed = row(out({ status: 'failed', statusReason: '131047: Re-engagement message' }));
    expect(failed).toContain('aria-label="Failed: 131047: Re-engagement message"');
    expect(failed).toContain('Retry');
    // A channel without receipts shows no ticks for sent messages, but still the failure.
    const noReceipts = { ...DEFAULT_CHANNEL_RULES.webchat, deliveryReceipts: false };
    expect(row(out({ status: 'delivered' }), noReceipts)).not.toContain('ticks');
    expect(row(out({ status: 'failed', statusReason: 'x' }), noReceipts)).toContain('aria-label="Failed: x"');
  });
  it('WhatsApp markup is rendered; SMS text stays plain', () => {
    const wa = row(msg({ text: '*big* _it_ ~no~' }), DEFAULT_CHANNEL_RULES.whatsapp);
    for (const tag of ['<strong>big</strong>', '<em>it</em>', '<s>no</s>']) expect(wa).toContain(tag);
    expect(row(msg({ text: '*big*' }), DEFAULT_CHANNEL_RULES.sms)).toContain('*big*');
  });
  it('media: images inline with the file name as alt, video and audio with controls, other files to download', () => {
    const html = row(
      msg({
        attachments: [
          { id: 'a', name: 'photo.jpg', mimeType: 'image/jpeg', size: 1, url: '/media/a' },
          { id: 'b', name: 'clip.mp4', mimeType: 'video/mp4', size: 1, url: '/media/b' },
          { id: 'c', name: 'voice.ogg', mimeType: 'audio/ogg', size: 1, url: '/media/c' },
          { id: 'd', name: 'invoice.pdf', mimeType: 'application/pdf', size: 1, url: '/media/d' },
        ],
      }),
    );
    expect(html).toContain('<img src="/media/a" alt="photo.jpg"');
    expect(html).toMatch(/<video src="\/media\/b" controls=""/);
    expect(html).toMatch(/<audio src="\/media\/c" controls=""/);
    expect(html).toContain('<a href="/media/d" download="invoice.pdf"');
  });
  it('content kinds are readable: location, contacts, replies, links, stickers, unsupported', () => {
    const loc = row(msg({ text: 'loc', content: { type: 'location', latitude: 52.52, longitude: 13.405, name: 'Office', address: 'Main St 1' } }));
    expect(loc).toContain('Office');
    expect(loc).toContain('Main St 1');
    expect(loc).toContain('href="https://www.openstreetmap.org/?mlat=52.520000&amp;mlon=13.405000');
    const contacts = row(msg({ content: { type: 'contacts', contacts: [{ name: 'Bob', phones: [{ phone: '+1555' }], emails: [] }] } }));
    expect(contacts).toContain('Shared contact');
    expect(contacts).toContain('Bob');
    expect(contacts).toContain('+1555');
    expect(row(msg({ content: { type: 'interactive_reply', kind: 'button_reply', id: 'y', title: 'Yes please' } }))).toContain('Chose: Yes please');
    expect(row(msg({ content: { type: 'button', payload: 'p', text: 'Track order' } }))).toContain('Chose: Track order');
    expect(row(msg({ content: { type: 'postback', payload: 'p', title: 'Get started' } }))).toContain('Chose: Get started');
    expect(row(msg({ content: { type: 'quick_reply', payload: 'RED' } }))).toContain('Quick reply: RED');
    expect(row(msg({ content: { type: 'link', kind: 'fallback', url: 'https://ex.com/a', title: 'A page' } }))).toContain('<a href="https://ex.com/a"');
    expect(row(msg({ content: { type: 'link', kind: 'fallback', url: 'javascript:alert(1)' } }))).not.toContain('href="javascript');
    const sticker = row(msg({ text: '', content: { type: 'sticker' }, attachments: [{ id: 's', name: 'sticker.webp', mimeType: 'image/webp', size: 1, url: '/m/s' }] }));
    expect(sticker).toContain('alt="sticker.webp"');
    expect(row(msg({ content: { type: 'unsupported', reason: 'Message type unknown' } }))).toMatch(/class="content content-unsupported muted">This message can(&#x27;|')t be shown here \(Message type unknown\)/);
  });
  it('reply quote, forwarded label, reaction chips', () => {
    const html = row(msg({ replyTo: { messageId: 'm0', text: 'Where is my order?' }, forwarded: true, reactions: [{ emoji: '👍', by: 'customer', at: 1 }] }));
    expect(html).toContain('<blockquote class="msg-quote"><span class="sr-only">In reply to: </span>Where is my order?</blockquote>');
    expect(html).toContain('Forwarded');
    expect(html).toContain('aria-label="Reaction 👍 by customer"');
  });
  it("an outbound message written in the provider's inbox is an agent bubble, labelled", () => {
    const html = row(out({ authorId: null, authorName: '', external: true }));
    expect(html).toContain('bubble-out');
    expect(html).toContain("Sent from the provider&#x27;s inbox");
  });
});

describe('reply window in the composer', () => {
  it('explains the closed window, offering templates on WhatsApp', () => {
    const wa = renderToStaticMarkup(createElement(WindowNote, { conversationId: 'c1', channel: 'whatsapp', win: { phase: 'templates', hours: 24, until: null } }));
    expect(wa).toContain("More than 24 hours since the customer&#x27;s last message: WhatsApp only allows an approved template.");
    expect(wa).toContain('Choose a template');
    const ms = renderToStaticMarkup(createElement(WindowNote, { conversationId: 'c1', channel: 'messenger', win: { phase: 'human_agent', hours: 24, until: Date.UTC(2026, 0, 9) } }));
    expect(ms).toContain('HUMAN_AGENT tag until');
    expect(renderToStaticMarkup(createElement(WindowNote, { conversationId: 'c1', channel: 'webchat', win: { phase: 'open', hours: 0, until: null } }))).toBe('');
  });
  it('Send: free in the window and with the HUMAN_AGENT tag; past WhatsApp’s window only a template on its own; never when closed', () => {
    const free = { template: false, extraText: true };
    const tpl = { template: true, extraText: false };
    expect(windowAllowsSend('open', free)).toBe(true);
    expect(windowAllowsSend('human_agent', free)).toBe(true);
    expect(windowAllowsSend('templates', free)).toBe(false);
    expect(windowAllowsSend('templates', tpl)).toBe(true);
    expect(windowAllowsSend('templates', { template: true, extraText: true })).toBe(false);
    expect(windowAllowsSend('closed', tpl)).toBe(false);
  });
});

describe('media helpers', () => {
  it('kinds, map links, safe links', () => {
    expect(mediaKind({ mimeType: 'IMAGE/png' })).toBe('image');
    expect(mediaKind({ mimeType: 'application/zip' })).toBe('file');
    expect(mapUrl({ latitude: 1, longitude: 2, url: 'https://maps.example/x' })).toBe('https://maps.example/x');
    expect(mapUrl({ latitude: 1, longitude: 2, url: 'javascript:x' })).toContain('openstreetmap');
    expect(safeHref('data:text/html,x')).toBeUndefined();
  });
});
