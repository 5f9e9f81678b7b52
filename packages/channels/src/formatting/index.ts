import type { FormatTarget } from '@parley/protocol';
import { parseFormatted } from './parse';
import { renderHtml } from './render-html';
import { renderText } from './render-text';
import type { FormattedDoc } from './tree';

export { parseFormatted } from './parse';
export { FORMATTED_HTML_TAGS, escapeHtml, renderHtml, safeHref } from './render-html';
export type { Block, FormattedDoc, Inline } from './tree';

/** One pure renderer per target (the channel names its target in `ChannelRules.formatting`). */
export const FORMAT_RENDERERS: Record<FormatTarget, (doc: FormattedDoc) => string> = {
  // WhatsApp's own markup; lists as lines, links as "text (url)".
  whatsapp: (doc) => renderText(doc, { strong: '*', emphasis: '_', strike: '~', code: '```', bullet: '- ' }),
  // Messenger shows no markup: plain text, with a real bullet (Unicode costs nothing there).
  messenger: (doc) => renderText(doc, { bullet: '• ' }),
  html: renderHtml,
  // SMS: ASCII list markers, so a formatted message stays GSM-7 where its words are.
  plain: (doc) => renderText(doc, { bullet: '- ' }),
};

/** What goes out on a channel for an agent's authored text: its text, and HTML where the channel shows HTML. */
export interface RenderedText {
  text: string;
  html?: string;
}

/** Renders the authored text for a target; derivable at any time from the stored text (pure). */
export function renderFor(authored: string, target: FormatTarget): RenderedText {
  const doc = parseFormatted(authored);
  if (target === 'html') return { text: FORMAT_RENDERERS.plain(doc), html: renderHtml(doc) };
  return { text: FORMAT_RENDERERS[target](doc) };
}
