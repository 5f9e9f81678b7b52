import type { ChannelRules } from './domain';

/**
 * What every message text must satisfy, checked the same way by the server and by the clients
 * (so a composer can refuse what the server would), and the one definition of its length.
 */

/**
 * A message's length, shared by the server's checks and both clients' counters: Unicode code
 * points, so an emoji counts 1 (not its 2 UTF-16 units).
 */
export function countChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/**
 * A high surrogate not followed by a low one, or a low one not preceded by a high one (no
 * lookbehind: the widget runs in older Safari too).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Characters that show nothing on their own: white space, control and format characters (zero-width
 * space and joiners, BOM, bidi marks), default-ignorable code points (variation selectors, Hangul
 * fillers, tag characters) and the blank Braille pattern. A joiner or VS16 inside an emoji is fine:
 * the emoji itself is visible.
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

export type TextProblem =
  /** Not valid Unicode: it could only be stored mangled (as U+FFFD) or not at all. */
  | 'lone_surrogate'
  /** Nothing a reader would see: empty, or only invisible characters. */
  | 'blank';

/** The first reason `text` cannot be a message's text, or null when it can. */
export function textProblem(text: string, opts: { allowBlank?: boolean } = {}): TextProblem | null {
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  if (!opts.allowBlank && isBlank(text)) return 'blank';
  return null;
}

/** True when `text` has no character a reader would see. */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, '').length === 0;
}

/**
 * A message's length the way its channel's provider counts it (`ChannelRules.textCounting`):
 * code points (an emoji is 1), or UTF-16 units (Messenger, and SMS where an emoji takes 2).
 */
export function textLength(text: string, rules: Pick<ChannelRules, 'textCounting'>): number {
  return rules.textCounting === 'code_points' ? countChars(text) : text.length;
}
