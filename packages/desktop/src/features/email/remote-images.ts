/**
 * "Show remote images" for one email: the sanitizer kept each blocked `https:` image's URL in
 * `data-parley-remote-src` (no src); this swaps it into `src`, with `referrerpolicy="no-referrer"`.
 *
 * It reads the sanitizer's output, whose serialization makes a regex exact: every `<` in text and
 * attribute values is escaped, every attribute value is double-quoted with no `"` inside. The URL is
 * checked again here (https only), so an `http:` or `javascript:` value never becomes a source.
 */
const IMG = /<img\b([^>]*?)\s*\/?>/gi;
const ATTR = /([^\s=/>]+)(?:="([^"]*)")?/g;
const REMOTE_SRC = 'data-parley-remote-src';

export function withRemoteImages(html: string): string {
  return html.replace(IMG, (tag, attrs: string) => {
    const list = [...attrs.matchAll(ATTR)].map((m) => [(m[1] ?? '').toLowerCase(), m[2] ?? ''] as const);
    const remote = list.find(([name]) => name === REMOTE_SRC);
    const url = remote ? httpsUrl(decodeAttr(remote[1])) : null;
    if (!url) return tag;
    const kept = list.filter(([name]) => name !== 'src' && name !== 'referrerpolicy' && !name.startsWith('data-parley-'));
    return `<img${kept.map(([name, value]) => ` ${name}="${value}"`).join('')} src="${escapeAttr(url)}" referrerpolicy="no-referrer" />`;
  });
}

function httpsUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? url.href : null;
  } catch {
    return null;
  }
}

const decodeAttr = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
