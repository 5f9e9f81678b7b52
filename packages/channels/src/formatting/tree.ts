/**
 * The neutral tree the authoring format parses to: only what the composer's toolbar can write. Every
 * renderer walks this tree, never the Markdown, so no construct reaches a channel unrendered.
 */
export type Inline =
  | { type: 'text'; value: string }
  | { type: 'strong' | 'emphasis' | 'strike'; children: Inline[] }
  | { type: 'code'; value: string }
  /** `url` is as written; renderers decide whether it may become a link. */
  | { type: 'link'; url: string; children: Inline[] };

export type Block = (
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'codeBlock'; value: string }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
) & {
  /** Line breaks between this block and the one before (1: right under it; absent or 2: a blank line). */
  gap?: 1 | 2;
};

export type FormattedDoc = Block[];

/** The visible text of inline content, without markup. */
export function inlineText(nodes: Inline[]): string {
  return nodes.map((n) => ('children' in n ? inlineText(n.children) : n.value)).join('');
}
