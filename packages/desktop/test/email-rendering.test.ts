import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { MessageDto } from '@parley/protocol';
import { EmailBlock } from '../src/features/email/EmailBlock';
import { EMAIL_SANDBOX, emailCsp, emailSrcdoc } from '../src/features/email/frame';
import { forwardedHtml } from '../src/features/email/forward';
import { answeredEmail, arrivedWhileWriting, newestFirst, ownAddresses } from '../src/features/email/thread';

const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
const email = (over: Partial<MessageDto> = {}, e: Partial<NonNullable<MessageDto['email']>> = {}): MessageDto => ({
  id: 'm1', conversationId: 'c1', direction: 'inbound', authorType: 'customer', authorId: null, authorName: 'Jane', text: 'plain body',
  attachments: [], status: 'received', createdAt: Date.UTC(2026, 0, 2, 9, 30),
  email: { subject: 'Order 42', from: { address: 'jane@customer.com', name: 'Jane' }, to: [{ address: 'support@shop.com' }], cc: [], messageId: '<a@b>', html: '<p>Hello</p>', ...e },
  ...over,
});
const render = (m: MessageDto, isNew = false) => renderToStaticMarkup(createElement(EmailBlock, { m, isNew, imagesShown: false, onShowImages: () => undefined }));

describe('an email block never runs what the email carries', () => {
  it('shows the HTML in a sandboxed srcdoc frame without allow-scripts, under a CSP with no script', () => {
    const html = render(email({}, { html: HOSTILE }));
    const frame = /<iframe[^>]*>/.exec(html)?.[0] ?? '';
    expect(frame).toContain(`sandbox="${EMAIL_SANDBOX}"`);
    expect(EMAIL_SANDBOX).not.toContain('allow-scripts');
    expect(EMAIL_SANDBOX).not.toContain('allow-same-origin');
    // The hostile markup lives only inside the srcdoc attribute (escaped), never in the Desktop's own DOM.
    expect(html.replace(/srcDoc="[^"]*"/, '')).not.toMatch(/<script|onerror/i);
    const doc = emailSrcdoc(HOSTILE, 'https://desk.example');
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<script'));
    expect(emailCsp('https://desk.example')).toContain("script-src 'none'");
    expect(emailCsp('https://desk.example')).toContain("default-src 'none'");
  });
  it('names, subjects, addresses and file names are text', () => {
    const m = email(
      { attachments: [{ id: 'a1', name: HOSTILE, mimeType: 'application/pdf', size: 3, url: '/x' }] },
      { subject: HOSTILE, from: { address: 'x@y.z', name: HOSTILE }, cc: [{ address: 'c@d.e', name: HOSTILE }], html: null },
    );
    const html = render(m);
    expect(html).not.toMatch(/<script|<img src="x"/i);
    expect(html).toContain('&lt;script&gt;');
  });
  it('plain-text mail shows its text; envelope, timestamp and status are shown', () => {
    const html = render(email({}, { html: null, cc: [{ address: 'carol@c.com' }] }));
    expect(html).toContain('<pre class="email-text">plain body</pre>');
    expect(html).toContain('Jane &lt;jane@customer.com&gt;');
    expect(html).toContain('carol@c.com');
    expect(html).toContain('dateTime="2026-01-02T09:30:00.000Z"');
    expect(html).toContain('Received');
  });
  it('a failed send is a delivery report with its reason', () => {
    const html = render(email({ direction: 'outbound', authorType: 'agent', status: 'failed', statusReason: '550 mailbox unknown' }));
    expect(html).toContain('Delivery report: failed (550 mailbox unknown)');
  });
  it('quoted history behind "…", remote images behind a button, the new email marked', () => {
    const html = render(email({}, { quoted: '> earlier', remoteImagesBlocked: true }), true);
    expect(html).toContain('aria-label="Show the quoted history"');
    expect(html).not.toContain('&gt; earlier');
    expect(html).toContain('Show remote images');
    expect(html).toContain('data-new="true"');
  });
});

describe('the email thread', () => {
  const a = email({ id: 'a', createdAt: 1 });
  const b = email({ id: 'b', createdAt: 2, direction: 'outbound', authorType: 'agent' }, { from: { address: 'support@shop.com' } });
  const c = email({ id: 'c', createdAt: 3 });
  it('reads newest first; answers the newest customer email; knows our mailbox', () => {
    expect(newestFirst([a, b, c]).map((m) => m.id)).toEqual(['c', 'b', 'a']);
    expect(answeredEmail([a, b])?.id).toBe('a');
    expect(ownAddresses([a, b])).toEqual(['support@shop.com']);
    expect(ownAddresses([a])).toEqual(['support@shop.com']);
  });
  it('an email arriving while the agent writes is flagged, not before and not when idle', () => {
    expect(arrivedWhileWriting([a, b, c], 'a', true)).toBe('c');
    expect(arrivedWhileWriting([a, b, c], 'c', true)).toBeNull();
    expect(arrivedWhileWriting([a, b, c], 'a', false)).toBeNull();
  });
  it('Forward loads the latest email with its headers escaped', () => {
    const f = forwardedHtml(email({}, { subject: '<b>x</b>', from: { address: 'j@c.com', name: '<i>J</i>' } }), 'en');
    expect(f).toContain('Subject: &lt;b&gt;x&lt;/b&gt;');
    expect(f).toContain('From: &lt;i&gt;J&lt;/i&gt; &lt;j@c.com&gt;');
    expect(f).toContain('<blockquote><p>Hello</p></blockquote>');
  });
});

describe('the email pane in zh-CN uses the user guide words', () => {
  it('banner, Reply / Reply all / Forward / Cc', async () => {
    const { translator } = await import('../src/features/i18n/translate');
    const zh = translator('zh-CN');
    expect(zh('email.newBanner')).toBe('查看所有邮件以采取进一步行动');
    expect([zh('email.reply'), zh('email.replyAll'), zh('email.forward'), zh('email.ccButton')]).toEqual(['回复', '全部回复', '转发', '抄送']);
    expect(translator('en')('email.newBanner')).toBe('View all messages to take further action');
  });
});
