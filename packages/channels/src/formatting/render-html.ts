import type { Block, FormattedDoc, Inline } from './tree';
import { inlineText } from './tree';

export { FORMATTED_HTML_TAGS } from '@parley/protocol';

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** A URL typed in running text; trailing punctuation stays outside it. */
const BARE_URL = /\bhttps?:\/\/[^\s<>"']*[^\s<>"'.,:;!?)\]}]/gi;

/** Safe HTML: every text escaped, only `FORMATTED_HTML_TAGS`, links only to http(s) and mailto. */
export function renderHtml(doc: FormattedDoc): string {
  return doc.map(block).join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${inlines(b.children)}</p>`;
    case 'codeBlock':
      return `<pre><code>${escapeHtml(b.value)}</code></pre>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : '';
      return `<${tag}${start}>${b.items.map((item) => `<li>${listItem(item)}</li>`).join('')}</${tag}>`;
    }
  }
}

/** A tight item's single paragraph goes straight into its `<li>`. */
function listItem(item: Block[]): string {
  const [first, ...rest] = item;
  if (first?.type === 'paragraph') return inlines(first.children) + rest.map(block).join('');
  return item.map(block).join('');
}

function inlines(nodes: Inline[]): string {
  return nodes.map(inline).join('');
}

function inline(n: Inline): string {
  switch (n.type) {
    case 'text':
      return linkify(n.value);
    case 'code':
      return `<code>${escapeHtml(n.value)}</code>`;
    case 'strong':
      return `<strong>${inlines(n.children)}</strong>`;
    case 'emphasis':
      return `<em>${inlines(n.children)}</em>`;
    case 'strike':
      return `<s>${inlines(n.children)}</s>`;
    case 'link': {
      const href = safeHref(n.url);
      const label = inlineText(n.children).trim() ? n.children.map(inlineNoLinks).join('') : escapeHtml(n.url);
      // A link we won't make clickable still shows where it pointed.
      return href ? anchor(href, label) : `${label} (${escapeHtml(n.url)})`;
    }
  }
}

/** Inside a link, text is not linkified again (no nested anchors). */
function inlineNoLinks(n: Inline): string {
  if (n.type === 'text') return text(n.value);
  if (n.type === 'link') return n.children.map(inlineNoLinks).join('');
  if (n.type === 'code') return inline(n);
  const tag = n.type === 'strong' ? 'strong' : n.type === 'emphasis' ? 'em' : 's';
  return `<${tag}>${n.children.map(inlineNoLinks).join('')}</${tag}>`;
}

function anchor(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">${label}</a>`;
}

/** The normalised URL when it is absolute http(s) or mailto; null for anything else (javascript:, data:, relative). */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url.trim());
    return LINK_PROTOCOLS.has(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

function linkify(value: string): string {
  let out = '';
  let at = 0;
  for (const m of value.matchAll(BARE_URL)) {
    const href = safeHref(m[0]);
    if (!href) continue;
    out += text(value.slice(at, m.index)) + anchor(href, escapeHtml(m[0]));
    at = m.index + m[0].length;
  }
  return out + text(value.slice(at));
}

/** Text with its line breaks kept. */
function text(value: string): string {
  return escapeHtml(value).replace(/\n/g, '<br>');
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
