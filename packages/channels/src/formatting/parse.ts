import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import type { Nodes, RootContent } from 'mdast';
import type { Block, FormattedDoc, Inline } from './tree';

/**
 * CommonMark constructs outside the authoring format are switched off in the tokenizer, so what an
 * agent types as `# title`, `> quote`, `<b>` or `&amp;` stays the literal text it is.
 */
const OFF = {
  disable: {
    null: ['headingAtx', 'setextUnderline', 'blockQuote', 'htmlFlow', 'htmlText', 'thematicBreak', 'codeIndented', 'definition', 'labelStartImage', 'characterReference'],
  },
};

/** Parses the authoring format. Pure and total: any text gives a tree, never an exception. */
export function parseFormatted(text: string): FormattedDoc {
  const root = fromMarkdown(text, {
    extensions: [gfmStrikethrough({ singleTilde: false }), OFF],
    mdastExtensions: [gfmStrikethroughFromMarkdown()],
  });
  return withGaps(root.children, text);
}

/** Blocks with the line breaks the author put before each (a list right under a line stays right under it). */
function withGaps(nodes: RootContent[], text: string): Block[] {
  const out: Block[] = [];
  let prevEnd: number | undefined;
  for (const n of nodes) {
    const start = n.position?.start.line;
    const gap = prevEnd !== undefined && start !== undefined && start - prevEnd === 1 ? 1 : 2;
    prevEnd = n.position?.end.line;
    for (const b of block(n, text)) out.push(out.length ? { ...b, gap } : b);
  }
  return out;
}

/** The source text of a node we keep no structure for: nothing typed is ever dropped. */
function source(n: Nodes, text: string): string {
  const s = n.position?.start.offset;
  const e = n.position?.end.offset;
  return s !== undefined && e !== undefined ? text.slice(s, e) : '';
}

function block(n: RootContent, text: string): Block[] {
  switch (n.type) {
    case 'paragraph':
      return [{ type: 'paragraph', children: inlines(n.children, text) }];
    case 'code':
      return [{ type: 'codeBlock', value: n.value }];
    case 'list':
      return [{ type: 'list', ordered: !!n.ordered, start: n.start ?? 1, items: n.children.map((li) => withGaps(li.children, text)) }];
    default: {
      const value = source(n, text);
      return value ? [{ type: 'paragraph', children: [{ type: 'text', value }] }] : [];
    }
  }
}

function inlines(nodes: RootContent[], text: string): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    const node = inline(n, text);
    const last = out[out.length - 1];
    // Adjacent text merges, so renderers see words whole.
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else out.push(node);
  }
  return out;
}

function inline(n: RootContent, text: string): Inline {
  switch (n.type) {
    case 'text':
      return { type: 'text', value: n.value };
    case 'strong':
      return { type: 'strong', children: inlines(n.children, text) };
    case 'emphasis':
      return { type: 'emphasis', children: inlines(n.children, text) };
    case 'delete':
      return { type: 'strike', children: inlines(n.children, text) };
    case 'inlineCode':
      return { type: 'code', value: n.value };
    case 'link':
      return { type: 'link', url: n.url, children: inlines(n.children, text) };
    case 'break':
      return { type: 'text', value: '\n' };
    default:
      return { type: 'text', value: source(n, text) };
  }
}
