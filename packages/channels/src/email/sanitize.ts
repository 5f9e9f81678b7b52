/**
 * Inbound HTML → HTML safe to put in the Agent Desktop, with sanitize-html and an allow-list: text
 * formatting, tables, links and images only. No script, style sheets, frames, objects, forms, SVG or
 * MathML; no event handlers; inline `style` only for listed properties with plain values (no url(),
 * expression(), escapes or comments). Links: http(s), mailto and tel only, opened in a new tab with
 * rel="noopener noreferrer". Images: `cid:` sources go through `cidUrl` (the server maps a Content-ID
 * to its attachment URL); remote `https:` images are blocked — `<img data-parley-blocked="remote"
 * data-parley-remote-src="…">`, no src, so tracking pixels stay silent until the agent allows them for
 * that email (the Desktop then swaps the kept URL into `src`) — unless `allowRemoteImages`. Every other
 * source is dropped for good: `http:` (see `remoteImageUrl`), data:, relative (it would resolve against
 * the Desktop's own origin), protocol-relative. CSS never loads anything (no url() passes the style
 * allow-list, no `background` attribute), so images are the only remote loads, and they are counted.
 */
import sanitizeHtml from 'sanitize-html';
import { CUT_MARK, cutOutlookHistory, isOutlookHeader, isQuoteContainer, QUOTE_MARK } from './quote-html';
import { remoteImageUrl } from './sanitize-image';

export interface SanitizeEmailHtmlOptions {
  /** The URL the Desktop may load for an inline part, or null when the mail has no such part. */
  cidUrl?: (cid: string) => string | null;
  allowRemoteImages?: boolean;
  /** Drop the quoted history clients wrap in their quote containers (set when the text part had a quote). */
  dropQuoted?: boolean;
}

export interface SanitizedEmailHtml {
  html: string;
  /** How many remote `https:` images were blocked (the Desktop offers "Show remote images" when > 0). */
  blockedRemoteImages: number;
}

const TAGS = [
  'a', 'abbr', 'b', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt',
  'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'small',
  'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul',
];
const TABLE_ATTRS = ['width', 'height', 'colspan', 'rowspan', 'cellpadding', 'cellspacing', 'border', 'bgcolor', 'align', 'valign'];
/** Content of these is dropped with the tag (the rest of a disallowed tag's text is kept). */
const DROP_WITH_CONTENT = ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'xmp', 'template', 'iframe', 'noembed', 'noframes', 'svg', 'math', 'object', 'applet', 'select'];

/** Plain CSS values: words, numbers, units, #colours, quotes, commas. No parentheses, so no url()/expression(). */
const PLAIN = /^(?!.*(?:expression|javascript|vbscript|behavior|binding|@import))[-#\w\s.,%'"!]*$/i;
const COLOR = /^(?:#[0-9a-f]{3,8}|[a-z]+|rgba?\(\s*[\d.%\s,]+\))$/i;
const STYLE_PROPS = [
  'font-weight', 'font-style', 'font-size', 'font-family', 'text-align', 'text-decoration', 'text-indent', 'line-height', 'vertical-align',
  'white-space', 'width', 'height', 'max-width', 'min-width', 'margin', 'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
  'padding', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border', 'border-top', 'border-right', 'border-bottom',
  'border-left', 'border-collapse', 'border-radius', 'border-width', 'border-style', 'list-style-type', 'display',
];
const STYLES: Record<string, RegExp[]> = {
  ...Object.fromEntries(STYLE_PROPS.map((p) => [p, [PLAIN]])),
  color: [COLOR],
  'background-color': [COLOR],
  'border-color': [COLOR],
};
const SAFE_LINK = /^(?:https?:\/\/|mailto:|tel:)/i;

export function sanitizeEmailHtml(html: string, options: SanitizeEmailHtmlOptions = {}): SanitizedEmailHtml {
  const clean = sanitizeHtml(html, {
    allowedTags: TAGS,
    allowedAttributes: {
      '*': ['dir', 'lang', 'title', 'align', 'style'],
      a: ['href', 'name', 'target', 'rel'],
      div: [QUOTE_MARK, CUT_MARK],
      blockquote: [QUOTE_MARK],
      img: ['src', 'alt', 'width', 'height', 'referrerpolicy', 'data-parley-blocked', 'data-parley-remote-src', 'data-parley-cid'],
      font: ['color', 'face', 'size'],
      ol: ['start', 'type'],
      li: ['value'],
      table: TABLE_ATTRS,
      td: TABLE_ATTRS,
      th: TABLE_ATTRS,
      tr: TABLE_ATTRS,
      col: ['span', 'width'],
      colgroup: ['span', 'width'],
    },
    allowedStyles: { '*': STYLES },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: {},
    allowProtocolRelative: false,
    nonTextTags: DROP_WITH_CONTENT,
    // Only this sanitizer sets the mark (a mail's own is removed below), so a mail cannot hide its own text.
    exclusiveFilter: (frame) => frame.attribs[QUOTE_MARK] === '1',
    transformTags: {
      div: (tagName, attribs) => quoteMarked(tagName, attribs, options.dropQuoted === true),
      blockquote: (tagName, attribs) => quoteMarked(tagName, attribs, options.dropQuoted === true),
      a: (tagName, attribs) => {
        const href = (attribs.href ?? '').trim();
        const { name, title, dir, lang, style } = attribs;
        const kept = Object.fromEntries(Object.entries({ name, title, dir, lang, style }).filter(([, v]) => v !== undefined)) as Record<string, string>;
        return { tagName, attribs: SAFE_LINK.test(href) ? { ...kept, href, target: '_blank', rel: 'noopener noreferrer' } : kept };
      },
      img: (tagName, attribs) => {
        const src = (attribs.src ?? '').trim();
        const base: Record<string, string> = {};
        for (const k of ['alt', 'width', 'height', 'title', 'style'] as const) if (attribs[k] !== undefined) base[k] = attribs[k];
        if (/^cid:/i.test(src)) {
          const cid = decodeCid(src.slice(4));
          const url = options.cidUrl?.(cid) ?? null;
          return { tagName, attribs: url && !/^\s*(?:javascript|vbscript|data):/i.test(url) ? { ...base, src: url } : { ...base, 'data-parley-blocked': 'cid', 'data-parley-cid': cid } };
        }
        const remote = remoteImageUrl(src);
        if (remote) {
          if (options.allowRemoteImages) return { tagName, attribs: { ...base, src: remote, referrerpolicy: 'no-referrer' } };
          return { tagName, attribs: { ...base, 'data-parley-blocked': 'remote', 'data-parley-remote-src': remote } };
        }
        return { tagName, attribs: base };
      },
    },
  });
  const out = options.dropQuoted ? cutOutlookHistory(clean) : clean;
  // Counted in what is kept: images in dropped history are not worth a "Show remote images".
  return { html: out, blockedRemoteImages: out.match(/<img\b[^>]*\sdata-parley-blocked="remote"/g)?.length ?? 0 };
}

function quoteMarked(tagName: string, attribs: Record<string, string>, drop: boolean) {
  const { [QUOTE_MARK]: _theirs, [CUT_MARK]: _theirsToo, ...rest } = attribs;
  if (!drop) return { tagName, attribs: rest };
  if (isQuoteContainer(tagName, attribs)) return { tagName, attribs: { ...rest, [QUOTE_MARK]: '1' } };
  return { tagName, attribs: isOutlookHeader(tagName, attribs) ? { ...rest, [CUT_MARK]: '1' } : rest };
}

/** `cid:` URLs may be percent-encoded (RFC 2392); a malformed escape is kept as written. */
function decodeCid(value: string): string {
  try {
    return decodeURIComponent(value).replace(/^<|>$/g, '');
  } catch {
    return value.replace(/^<|>$/g, '');
  }
}
