import type { Block, FormattedDoc, Inline } from './tree';
import { inlineText } from './tree';

/** How a text channel shows emphasis: markers around it (WhatsApp), or nothing (plain text). */
export interface TextStyle {
  strong?: string;
  emphasis?: string;
  strike?: string;
  /** Marker around code and code blocks. */
  code?: string;
  bullet: string;
}

/** Renders the tree as text lines: lists as "- " / "1. " lines, links as "text (url)". */
export function renderText(doc: FormattedDoc, style: TextStyle): string {
  return blocks(doc, style, '');
}

function blocks(doc: Block[], style: TextStyle, indent: string): string {
  return doc.map((b, i) => (i === 0 ? '' : '\n'.repeat(b.gap ?? 2)) + block(b, style, indent)).join('');
}

function block(b: Block, style: TextStyle, indent: string): string {
  switch (b.type) {
    case 'paragraph':
      return indentLines(inlines(b.children, style), indent);
    case 'codeBlock':
      return indentLines(style.code ? `${style.code}${b.value}${style.code}` : b.value, indent);
    case 'list':
      return b.items
        .map((item, i) => {
          const marker = b.ordered ? `${b.start + i}. ` : style.bullet;
          // The item's first line follows its marker; what follows it is indented under the text.
          const body = blocks(item, style, `${indent}${' '.repeat(marker.length)}`).trimStart();
          return `${indent}${marker}${body}`;
        })
        .join('\n');
  }
}

function indentLines(text: string, indent: string): string {
  return indent ? text.replace(/^/gm, indent) : text;
}

function inlines(nodes: Inline[], style: TextStyle): string {
  return nodes.map((n) => inline(n, style)).join('');
}

function inline(n: Inline, style: TextStyle): string {
  switch (n.type) {
    case 'text':
      return n.value;
    case 'code':
      return wrap(n.value, style.code);
    case 'strong':
      return wrap(inlines(n.children, style), style.strong);
    case 'emphasis':
      return wrap(inlines(n.children, style), style.emphasis);
    case 'strike':
      return wrap(inlines(n.children, style), style.strike);
    case 'link':
      return linkAsText(inlines(n.children, style), n.url, inlineText(n.children));
  }
}

/** `text (url)`, or the url alone when the text is the url (an autolink) or empty. */
export function linkAsText(rendered: string, url: string, visible: string): string {
  const bare = url.replace(/^mailto:/i, '');
  if (!visible.trim() || visible === url || visible === bare) return url === `mailto:${visible}` ? visible : url;
  return `${rendered} (${url})`;
}

/**
 * Markers hug the text (WhatsApp ignores `* bold *`): white space at the edges moves outside them,
 * and a span with nothing visible gets none.
 */
function wrap(text: string, marker: string | undefined): string {
  if (!marker) return text;
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  const [, lead = '', core = '', trail = ''] = m ?? [];
  return core ? `${lead}${marker}${core}${marker}${trail}` : text;
}
