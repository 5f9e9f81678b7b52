import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from './sanitize';
import { parsedFixture } from './test-support';
import { XSS_VECTORS } from './xss-vectors';

/** Entities decoded, so an encoded `javascript:` cannot hide from the checks. */
function decoded(html: string): string {
  const entities = html
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '');
  // Browsers skip control characters and spaces inside a URL scheme (`jav\tascript:`).
  return [...entities].filter((c) => c.charCodeAt(0) > 0x20).join('');
}

/** Everything a browser could run, found in sanitized output. */
function scriptCapable(html: string): string[] {
  const problems: string[] = [];
  const tag = /<\s*(script|iframe|frame|frameset|object|embed|applet|svg|math|style|link|meta|base|form|input|button|textarea|select|video|audio|source|details|template|xss|body|html)\b/i.exec(html);
  if (tag) problems.push(`tag <${tag[1]}>`);
  // Attribute names only: an escaped `onerror=` inside a quoted value is text.
  const handler = /<[^>]*\s(on[a-z]+)\s*=/i.exec(html.replace(/"[^"]*"/g, '""'));
  if (handler) problems.push(`handler ${handler[1]}`);
  const flat = decoded(html).toLowerCase();
  for (const bad of ['srcset=', 'formaction', 'background=']) if (flat.includes(bad)) problems.push(bad);
  // A scheme where a URL starts (after a quote, `=`, `(`…); inside an https path (`/p.gifjavascript:`) it is inert.
  for (const m of flat.matchAll(/(?:^|[="'`(,;>])(javascript|vbscript|data):/g)) problems.push(`${m[1]}:`);
  // CSS that loads or runs something, in any style attribute (a `(` in a URL path is harmless).
  for (const m of decoded(html).matchAll(/style=(?:"([^"]*)"|'([^']*)')/gi)) {
    const css = (m[1] ?? m[2] ?? '').toLowerCase();
    for (const bad of ['expression(', 'url(', 'behavior:', '-moz-binding', '@import']) if (css.includes(bad)) problems.push(bad);
  }
  return problems;
}

describe('sanitizeEmailHtml: known XSS vectors produce nothing script-capable', () => {
  it(`has a real corpus (${XSS_VECTORS.length} vectors)`, () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(XSS_VECTORS.map((v, i) => [i, v] as const))('vector %i', (_i, vector) => {
    for (const options of [{}, { allowRemoteImages: true, cidUrl: (cid: string) => `/files/${cid}` }]) {
      const { html } = sanitizeEmailHtml(vector, options);
      expect(scriptCapable(html), html).toEqual([]);
    }
  });

  it('the checker itself flags what the vectors carry (so a pass means something)', () => {
    expect(scriptCapable('<img src=x onerror=alert(1)>')).toContain('handler onerror');
    expect(scriptCapable('<a href="&#x6A;avascript:x">')).toContain('javascript:');
    expect(scriptCapable('<svg>')).toContain('tag <svg>');
    expect(scriptCapable('<p style="width: expression(1)">')).toContain('expression(');
    expect(scriptCapable('<img src=" jav&#x09;ascript:x">')).toContain('javascript:');
    expect(scriptCapable('<img src="https://t.example/p.gifjavascript:" />')).toEqual([]);
  });
});

describe('sanitizeEmailHtml: property', () => {
  const pieces = fc.oneof(
    fc.constantFrom(...XSS_VECTORS),
    fc.constantFrom('<', '>', '"', "'", '=', '/', '<img src=', '<a href=', ' onerror=', ' style="', 'javascript:', 'url(', 'expression(', '&#x6A;', '<svg', '<!--', '-->', '<![CDATA[', 'cid:x', 'https://t.example/p.gif'),
    fc.string({ maxLength: 12 }),
  );

  it('never throws and never emits a script-capable tag, whatever pieces of markup are glued together', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), fc.boolean(), (parts, allowRemoteImages) => {
        const { html } = sanitizeEmailHtml(parts.join(''), { allowRemoteImages, cidUrl: (cid) => `/files/${encodeURIComponent(cid)}` });
        // Text content may say "javascript:" harmlessly (it is escaped); only markup is checked.
        const markup = (html.match(/<[^>]*>/g) ?? []).join('');
        expect(scriptCapable(markup), html).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('sanitizeEmailHtml: what an email keeps', () => {
  it('keeps formatting, tables and plain inline styles; drops style sheets and unlisted properties', () => {
    const { html } = sanitizeEmailHtml(
      '<style>p{color:red}</style><table width="100%" cellpadding="4"><tr><td style="color: #333; background-color: rgb(240, 240, 240); position: fixed; text-align: center">Order <b>1042</b></td></tr></table>',
    );
    expect(html).toBe('<table width="100%" cellpadding="4"><tr><td style="color:#333;background-color:rgb(240, 240, 240);text-align:center">Order <b>1042</b></td></tr></table>');
  });

  it('opens safe links in a new tab without an opener; drops unsafe and relative hrefs, keeps their text', () => {
    expect(sanitizeEmailHtml('<a href="https://shop.example/o/1042" target="_self" rel="opener">track</a>').html).toBe(
      '<a href="https://shop.example/o/1042" target="_blank" rel="noopener noreferrer">track</a>',
    );
    expect(sanitizeEmailHtml('<a href="mailto:help@shop.example">mail</a>').html).toContain('rel="noopener noreferrer"');
    expect(sanitizeEmailHtml('<a href="/api/agents/me">me</a><a href="//evil.example">x</a><a href="javascript:alert(1)">y</a>').html).toBe('<a>me</a><a>x</a><a>y</a>');
  });

  it('maps cid: images through cidUrl, blocking those it does not know', () => {
    const cidUrl = (cid: string) => (cid === 'logo@acme' ? '/api/attachments/a1' : null);
    expect(sanitizeEmailHtml('<img src="cid:logo@acme" alt="Logo"><img src="CID:missing@acme" alt="?">', { cidUrl }).html).toBe(
      '<img alt="Logo" src="/api/attachments/a1" /><img alt="?" data-parley-blocked="cid" data-parley-cid="missing@acme" />',
    );
  });

  it('blocks remote images (original URL kept in a data attribute) unless allowed; drops other sources', () => {
    const html = '<img src="https://tracker.example/p.gif?u=1" width="1"><img src="//cdn.example/x.png"><img src="/relative.png"><img src="data:image/png;base64,AAAA">';
    const blocked = sanitizeEmailHtml(html);
    expect(blocked).toEqual({
      html: '<img width="1" data-parley-blocked="remote" data-parley-remote-src="https://tracker.example/p.gif?u=1" /><img /><img /><img />',
      blockedRemoteImages: 1,
    });
    expect(sanitizeEmailHtml(html, { allowRemoteImages: true })).toEqual({
      html: '<img width="1" src="https://tracker.example/p.gif?u=1" referrerpolicy="no-referrer" /><img /><img /><img />',
      blockedRemoteImages: 0,
    });
  });

  it('offers https images only: http, credentials and unparsable URLs are dropped for good, allowed or not', () => {
    const html = '<img src="http://tracker.example/p.gif" alt="a"><img src="https://user:pw@cdn.example/x.png" alt="b"><img src="https://" alt="c"><img src="HTTPS://CDN.example/a b&quot;c.png" alt="d">';
    for (const allowRemoteImages of [false, true]) {
      const out = sanitizeEmailHtml(html, { allowRemoteImages });
      expect(out.html).not.toMatch(/tracker\.example|user:pw/);
      expect(out.html.startsWith('<img alt="a" /><img alt="b" /><img alt="c" />')).toBe(true);
    }
    // What is kept is the URL parser's serialization: no quote or space to break out of an attribute.
    expect(sanitizeEmailHtml(html)).toEqual({
      html: '<img alt="a" /><img alt="b" /><img alt="c" /><img alt="d" data-parley-blocked="remote" data-parley-remote-src="https://cdn.example/a%20b%22c.png" />',
      blockedRemoteImages: 1,
    });
  });

  it('CSS never loads anything remote: url() in any style, background attributes, style sheets', () => {
    const html = [
      '<div style="background: url(https://t.example/a.png); color: red">a</div>',
      '<p style="background-image:url(&quot;http://t.example/b.png&quot;)">b</p>',
      '<td style="border: 1px solid url(https://t.example/c.png)" background="https://t.example/d.png">c</td>',
      '<table background="http://t.example/e.png"><tr><td>e</td></tr></table>',
      '<span style="list-style-image: url(https://t.example/f.png); border-image: url(https://t.example/g.png) 30">f</span>',
      '<style>@import url(https://t.example/h.css); body{background:url(https://t.example/i.png)}</style>',
      '<link rel="prefetch" href="https://t.example/j"><meta http-equiv="refresh" content="0;url=https://t.example/k">',
      '<video poster="https://t.example/l.png"></video><input type="image" src="https://t.example/m.png"><a ping="https://t.example/n" href="https://ok.example">o</a>',
    ].join('');
    const out = sanitizeEmailHtml(html, { allowRemoteImages: true });
    expect(out.html).not.toContain('t.example');
    expect(out.html).toContain('<div style="color:red">a</div>');
  });

  it('does not let the sender forge our placeholder attributes', () => {
    expect(sanitizeEmailHtml('<img data-parley-blocked="remote" data-parley-remote-src="javascript:alert(1)">').html).toBe('<img />');
  });

  it('sanitizes the HTML fixture: no script, no handler, inline image mapped, tracking pixel blocked', async () => {
    const m = await parsedFixture('html-cid-inline.eml');
    const out = sanitizeEmailHtml(m.html ?? '', { cidUrl: (cid) => (m.attachments.some((a) => a.cid === cid) ? `/files/${encodeURIComponent(cid)}` : null) });
    expect(out).toEqual({
      html: '<p>See the screenshot:</p><img alt="error.png" src="/files/error-shot%40example.pt" /><img width="1" height="1" data-parley-blocked="remote" data-parley-remote-src="https://tracker.example/pixel.gif?u=ana" />',
      blockedRemoteImages: 1,
    });
  });
});

describe('quoted history in HTML', () => {
  const gmail = '<div dir="ltr">Any news?</div><div class="gmail_quote"><div class="gmail_attr">On Mon, Ann wrote:</div><blockquote class="gmail_quote">The lid</blockquote></div>';
  it('drops the clients’ quote containers when asked (Gmail, Thunderbird/Apple Mail, Outlook), keeping the answer', () => {
    expect(sanitizeEmailHtml(gmail, { dropQuoted: true }).html).toBe('<div dir="ltr">Any news?</div>');
    const cite = '<p>Yes</p><div class="moz-cite-prefix">On Mon, Ann wrote:</div><blockquote type="cite">The lid</blockquote>';
    expect(sanitizeEmailHtml(cite, { dropQuoted: true }).html).toBe('<p>Yes</p>');
    expect(sanitizeEmailHtml('<p>Ok</p><div id="divRplyFwdMsg">From: Ann</div>', { dropQuoted: true }).html).toBe('<p>Ok</p>');
  });
  it('keeps them otherwise, and a mail cannot mark its own text for dropping', () => {
    expect(sanitizeEmailHtml(gmail).html).toContain('On Mon, Ann wrote:');
    expect(sanitizeEmailHtml('<div data-parley-quote="1">Mine</div><blockquote>A plain quote</blockquote>', { dropQuoted: true }).html).toBe('<div>Mine</div><blockquote>A plain quote</blockquote>');
  });
});
