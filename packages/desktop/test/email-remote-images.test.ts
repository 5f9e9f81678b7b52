import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { MessageDto } from '@parley/protocol';
import { EmailBlock } from '../src/features/email/EmailBlock';
import { emailCsp, emailSrcdoc } from '../src/features/email/frame';
import { withRemoteImages } from '../src/features/email/remote-images';

/** What the sanitizer stores for a mail with a tracking pixel, an inline image and a logo. */
const STORED =
  '<p>Hi</p><img width="1" data-parley-blocked="remote" data-parley-remote-src="https://t.example/p.gif?u=1&amp;v=2" />' +
  '<img alt="shot" src="/api/attachments/a1" /><img alt="logo" data-parley-blocked="remote" data-parley-remote-src="https://cdn.example/logo.png" />';

describe('withRemoteImages: the kept URLs become sources', () => {
  it('swaps each https URL into src with no referrer, keeps the other attributes and images', () => {
    expect(withRemoteImages(STORED)).toBe(
      '<p>Hi</p><img width="1" src="https://t.example/p.gif?u=1&amp;v=2" referrerpolicy="no-referrer" />' +
        '<img alt="shot" src="/api/attachments/a1" /><img alt="logo" src="https://cdn.example/logo.png" referrerpolicy="no-referrer" />',
    );
  });

  it('never turns an http, javascript or credentialed value into a source (older or forged HTML)', () => {
    for (const bad of ['http://t.example/p.gif', 'javascript:alert(1)', 'data:image/png;base64,AA', 'https://u:p@t.example/x', '//t.example/x', 'not a url']) {
      const html = `<img alt="x" data-parley-blocked="remote" data-parley-remote-src="${bad}" />`;
      expect(withRemoteImages(html)).toBe(html);
    }
  });

  it('leaves text that only looks like the attribute alone (the sanitizer escaped it)', () => {
    const html = '<p>&lt;img data-parley-remote-src="https://t.example/x"&gt;</p><img alt="a data-parley-remote-src=&quot;https://t.example/y&quot;" />';
    expect(withRemoteImages(html)).toBe(html);
  });
});

describe('the frame document, per email', () => {
  const origin = 'https://desk.example';
  it('blocked: img-src is our origin and data: only, and no remote source is in the document', () => {
    const doc = emailSrcdoc(STORED, origin);
    expect(emailCsp(origin)).toContain(`img-src ${origin} data:;`);
    expect(doc).not.toMatch(/\ssrc="https:/);
    expect(doc).toContain('<meta name="referrer" content="no-referrer">');
  });
  it('shown: img-src widened to https: (never http:), the sources swapped in, still no script', () => {
    const doc = emailSrcdoc(STORED, origin, true);
    expect(emailCsp(origin, true)).toContain(`img-src ${origin} data: https:;`);
    expect(emailCsp(origin, true)).not.toMatch(/http:|\*/);
    expect(emailCsp(origin, true)).toContain("script-src 'none'");
    expect(doc).toContain('src="https://cdn.example/logo.png" referrerpolicy="no-referrer"');
    expect(doc).toContain('<meta name="referrer" content="no-referrer">');
  });
});

describe('the email block', () => {
  const m = {
    id: 'm1', conversationId: 'c1', direction: 'inbound', authorType: 'customer', authorId: null, authorName: 'Jane', text: 'Hi',
    attachments: [], status: 'received', createdAt: 0,
    email: { subject: 'Logo', from: { address: 'j@c.example' }, to: [{ address: 's@s.example' }], cc: [], messageId: '<a@b>', html: STORED, remoteImagesBlocked: true },
  } as MessageDto;
  const render = (imagesShown: boolean) => renderToStaticMarkup(createElement(EmailBlock, { m, imagesShown, onShowImages: () => undefined }));
  const srcdoc = (html: string) => (/srcDoc="([^"]*)"/.exec(html)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  it('offers "Show remote images" and keeps them out of the frame until the agent chose', () => {
    const html = render(false);
    expect(html).toMatch(/<button[^>]*>Show remote images<\/button>/);
    expect(srcdoc(html)).not.toMatch(/\ssrc="https:/);
  });
  it('once chosen: no button, a status saying so, the frame loads them', () => {
    const html = render(true);
    expect(html).not.toContain('Show remote images</button>');
    expect(html).toContain('<span role="status">Remote images are shown for this email.</span>');
    expect(srcdoc(html)).toContain('src="https://cdn.example/logo.png" referrerpolicy="no-referrer"');
    expect(srcdoc(html)).toContain('https:;');
  });
});
