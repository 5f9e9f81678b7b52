import { HEADER_FROM, HEADER_SENT } from './quote';

/**
 * The quoted history mail clients put in an email's HTML. The text part's quote is trimmed by
 * `trimQuoted`; this lets the HTML drop the same history, so the Desktop shows it once, behind its
 * ellipsis. Two shapes:
 * - containers that hold the whole history (dropped with their content): Gmail's `div.gmail_quote`,
 *   Thunderbird's `div.moz-cite-prefix` + `blockquote[type=cite]`, Apple Mail's `blockquote[type=cite]`,
 *   Yahoo's `div.yahoo_quoted`, Outlook's empty `div#appendonsend` marker;
 * - Outlook's header block ("From: … Sent: … To: … Subject: …"), after which the history follows as
 *   siblings, not inside it, so the HTML is cut from the header to the end (`cutOutlookHistory`): the
 *   header is `div#divRplyFwdMsg` (Outlook on the web, new Outlook, mobile), the Word-made
 *   `div style="border-top:solid #E1E1E1"` (#B5C4DF in older versions and Outlook for Mac), or an
 *   `<hr>` directly followed by From:/Sent: lines.
 */
export const QUOTE_MARK = 'data-parley-quote';
/** Set by the sanitizer on Outlook's header container (a mail's own attribute of that name is removed). */
export const CUT_MARK = 'data-parley-cut';

const CLASSES = /(?:^|\s)(?:gmail_quote|gmail_extra|moz-cite-prefix|yahoo_quoted)(?:\s|$)/i;
const IDS = /^appendonsend$/i;
const OUTLOOK_HEADER_ID = /^divRplyFwdMsg$/i;
const OUTLOOK_HEADER_BORDER = /border-top\s*:\s*solid\s+#(?:E1E1E1|B5C4DF)\b/i;

export function isQuoteContainer(tagName: string, attribs: Record<string, string>): boolean {
  if (tagName === 'blockquote' && (attribs.type ?? '').toLowerCase() === 'cite') return true;
  if (tagName !== 'div') return false;
  return CLASSES.test(attribs.class ?? '') || IDS.test(attribs.id ?? '');
}

/** Outlook's header container, judged on the raw attributes (the sanitizer drops ids and borders). */
export function isOutlookHeader(tagName: string, attribs: Record<string, string>): boolean {
  return tagName === 'div' && (OUTLOOK_HEADER_ID.test(attribs.id ?? '') || OUTLOOK_HEADER_BORDER.test(attribs.style ?? ''));
}

/**
 * Sanitized HTML without Outlook's quoted history: cut at the first header (a marked container, or an
 * `<hr>` followed by From:/Sent: lines), blank leftovers (the `<hr>`, empty paragraphs) trimmed, open
 * elements closed. Never cuts everything: a mail that starts with the header is left whole. It reads
 * the sanitizer's output, where every `<` starts a tag and attribute values hold no `"`.
 */
export function cutOutlookHistory(html: string): string {
  const at = cutAt(html);
  const kept = at < 0 ? html : trimTrailingBlank(html.slice(0, at));
  const out = at >= 0 && textOf(kept).trim() !== '' ? closeOpenTags(kept) : html;
  return out.replaceAll(` ${CUT_MARK}="1"`, '');
}

const MARKED = new RegExp(`<div\\b[^>]*\\s${CUT_MARK}="1"`);
const HR = /<hr\b[^>]*>/g;

function cutAt(html: string): number {
  const marked = MARKED.exec(html)?.index ?? -1;
  for (const hr of html.matchAll(HR)) {
    if (marked >= 0 && hr.index > marked) break;
    if (headerFollows(html.slice(hr.index + hr[0].length, hr.index + 4000))) return hr.index;
  }
  return marked;
}

/** "From: …" as the first line, "Sent:"/"Date:" (or their translations) within the next four. */
function headerFollows(html: string): boolean {
  const lines = textOf(html)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return HEADER_FROM.test(lines[0] ?? '') && lines.slice(1, 5).some((l) => HEADER_SENT.test(l));
}

function textOf(html: string): string {
  return html
    .replace(/<(?:br|hr|\/?p|\/?div|\/?tr|\/?li|\/?h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Whitespace, rules, line breaks, empty elements and just-opened tags at the end of what is kept. */
const TRAILING_BLANK = /(?:\s|&nbsp;|\u00a0|<hr\b[^>]*>|<br\b[^>]*>|<([a-z][a-z0-9]*)\b[^>]*>(?:\s|&nbsp;|\u00a0)*<\/\1>|<(?!img\b)[a-z][a-z0-9]*\b[^>]*(?<!\/)>)$/i;

function trimTrailingBlank(html: string): string {
  let out = html;
  for (let m = TRAILING_BLANK.exec(out); m && m[0] !== ''; m = TRAILING_BLANK.exec(out)) out = out.slice(0, m.index);
  return out;
}

const VOID = new Set(['br', 'hr', 'img', 'col', 'wbr']);

function closeOpenTags(html: string): string {
  const open: string[] = [];
  for (const [, close, name] of html.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/gi)) {
    const tag = (name ?? '').toLowerCase();
    if (VOID.has(tag)) continue;
    if (!close) open.push(tag);
    else if (open.lastIndexOf(tag) >= 0) open.length = open.lastIndexOf(tag);
  }
  return html + open.reverse().map((t) => `</${t}>`).join('');
}
