/**
 * The quoted history mail clients wrap in their own containers, in an email's HTML: Gmail's
 * `div.gmail_quote`, Thunderbird's `div.moz-cite-prefix` + `blockquote[type=cite]`, Apple Mail's
 * `blockquote[type=cite]`, Outlook's `div#divRplyFwdMsg`/`#appendonsend`. The text part's quote is
 * trimmed by `trimQuoted`; this lets the HTML drop the same history, so the Desktop shows it once,
 * behind its ellipsis.
 */
export const QUOTE_MARK = 'data-parley-quote';

const CLASSES = /(?:^|\s)(?:gmail_quote|gmail_extra|moz-cite-prefix|yahoo_quoted)(?:\s|$)/i;
const IDS = /^(?:divRplyFwdMsg|appendonsend)$/i;

export function isQuoteContainer(tagName: string, attribs: Record<string, string>): boolean {
  if (tagName === 'blockquote' && (attribs.type ?? '').toLowerCase() === 'cite') return true;
  if (tagName !== 'div') return false;
  return CLASSES.test(attribs.class ?? '') || IDS.test(attribs.id ?? '');
}
