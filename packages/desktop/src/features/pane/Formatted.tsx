import type { ReactNode } from 'react';
import { parseFormatted, safeHref, type Block, type Inline } from '@parley/channels/formatting';

/**
 * An agent's text in the authoring format, shown formatted (thread bubbles, the web chat/email
 * preview). Built as React elements from the neutral tree: nothing is ever set as raw HTML.
 */
export function Formatted({ text }: { text: string }) {
  const doc = parseFormatted(text);
  // One plain paragraph renders as bare text, the way every message rendered before formatting.
  const only = doc.length === 1 ? doc[0] : undefined;
  if (only?.type === 'paragraph') return <>{inlines(only.children)}</>;
  return <>{doc.map(block)}</>;
}

function block(b: Block, i: number): ReactNode {
  switch (b.type) {
    case 'paragraph':
      return (
        <span key={i} className="fmt-p">
          {inlines(b.children)}
        </span>
      );
    case 'codeBlock':
      return (
        <pre key={i} className="fmt-pre">
          <code>{b.value}</code>
        </pre>
      );
    case 'list': {
      const items = b.items.map((item, j) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the items of one text never reorder
        <li key={j}>{item.length === 1 && item[0]?.type === 'paragraph' ? inlines(item[0].children) : item.map(block)}</li>
      ));
      return b.ordered ? (
        <ol key={i} start={b.start}>
          {items}
        </ol>
      ) : (
        <ul key={i}>{items}</ul>
      );
    }
  }
}

function inlines(nodes: Inline[]): ReactNode[] {
  return nodes.map(inline);
}

function inline(n: Inline, i: number): ReactNode {
  switch (n.type) {
    case 'text':
      return n.value;
    case 'code':
      return <code key={i}>{n.value}</code>;
    case 'strong':
      return <strong key={i}>{inlines(n.children)}</strong>;
    case 'emphasis':
      return <em key={i}>{inlines(n.children)}</em>;
    case 'strike':
      return <s key={i}>{inlines(n.children)}</s>;
    case 'link': {
      const href = safeHref(n.url);
      return href ? (
        <a key={i} href={href} target="_blank" rel="noopener noreferrer">
          {inlines(n.children)}
        </a>
      ) : (
        <span key={i}>
          {inlines(n.children)} ({n.url})
        </span>
      );
    }
  }
}
