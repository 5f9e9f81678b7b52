import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATTED_HTML_TAGS, renderFor } from './index';

/** An authored message built from what the toolbar writes, with the words a reader must see, in order. */
interface Authored {
  text: string;
  words: string[];
}

const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
const words = fc.array(word, { minLength: 1, maxLength: 3 });
const plainSpan = words.map((w): Authored => ({ text: w.join(' '), words: w }));
const marked = (open: string, close = open) => (a: Authored): Authored => ({ text: `${open}${a.text}${close}`, words: a.words });
const span: fc.Arbitrary<Authored> = fc.oneof(
  plainSpan,
  plainSpan.map(marked('**')),
  plainSpan.map(marked('_')),
  plainSpan.map(marked('~~')),
  plainSpan.map(marked('`')),
  plainSpan.map(marked('**_', '_**')),
  fc.tuple(plainSpan, word).map(([a, path]): Authored => ({ text: `[${a.text}](https://ex.com/${path})`, words: a.words })),
  word.map((path): Authored => ({ text: `https://ex.com/${path}`, words: [] })),
);
const line = fc.array(span, { minLength: 1, maxLength: 4 }).map((spans): Authored => ({ text: spans.map((s) => s.text).join(' '), words: spans.flatMap((s) => s.words) }));
const block: fc.Arbitrary<Authored> = fc.oneof(
  line,
  fc.array(line, { minLength: 1, maxLength: 3 }).map((ls): Authored => ({ text: ls.map((l) => `- ${l.text}`).join('\n'), words: ls.flatMap((l) => l.words) })),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((ls): Authored => ({ text: ls.map((l, i) => `${i + 1}. ${l.text}`).join('\n'), words: ls.flatMap((l) => l.words) })),
  plainSpan.map((a): Authored => ({ text: `\`\`\`\n${a.text}\n\`\`\``, words: a.words })),
);
const authored = fc
  .array(fc.tuple(block, fc.constantFrom('\n', '\n\n')), { minLength: 1, maxLength: 4 })
  .map((bs): Authored => ({ text: bs.map(([b, sep], i) => (i ? sep : '') + b.text).join(''), words: bs.flatMap(([b]) => b.words) }));

/** True when `expected` appear in `text`'s words in this order (other words may come between). */
function inOrder(text: string, expected: string[]): boolean {
  const found = text.match(/[A-Za-z0-9]+/g) ?? [];
  let i = 0;
  for (const w of found) if (i < expected.length && w === expected[i]) i++;
  return i === expected.length;
}

function visibleTextOf(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&(amp|lt|gt|quot|#39);/g, ' ');
}

const ALLOWED = new Set<string>(FORMATTED_HTML_TAGS);

/** The tags, attributes and URLs of our HTML are all on the allow-list. */
function htmlIsSafe(html: string): boolean {
  for (const m of html.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)([^>]*)>/g)) {
    if (!ALLOWED.has((m[1] ?? '').toLowerCase())) return false;
    const attrs = m[2] ?? '';
    for (const a of attrs.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)) {
      const name = (a[1] ?? '').toLowerCase();
      if (!['href', 'rel', 'target', 'start'].includes(name)) return false;
      if (name === 'href' && !/^(https?:|mailto:)/i.test(a[2] ?? '')) return false;
    }
  }
  // No raw angle bracket outside a tag we wrote.
  return !/<(?![a-z/])/.test(html.replace(/<\/?(p|br|strong|em|s|code|pre|ul|ol|li|a)(\s[^>]*)?>/g, ''));
}

describe('formatting properties', () => {
  it('plain channels (Messenger, SMS) never carry authoring markup; no word is lost, in order', () => {
    fc.assert(
      fc.property(authored, (a) => {
        for (const target of ['messenger', 'plain'] as const) {
          const out = renderFor(a.text, target).text;
          expect(out).not.toMatch(/[*_~`[\]]/);
          expect(inOrder(out, a.words)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('WhatsApp gets its markup only: no **, ~~ or [..](..) left; no word is lost', () => {
    fc.assert(
      fc.property(authored, (a) => {
        const out = renderFor(a.text, 'whatsapp').text;
        expect(out).not.toMatch(/\*\*|~~|\]\(|\[/);
        expect(inOrder(out, a.words)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('HTML keeps every word, and uses only the allowed tags and links', () => {
    fc.assert(
      fc.property(authored, (a) => {
        const { html = '', text } = renderFor(a.text, 'html');
        expect(htmlIsSafe(html)).toBe(true);
        expect(inOrder(visibleTextOf(html), a.words)).toBe(true);
        expect(text).not.toMatch(/[*_~`[\]]/);
      }),
      { numRuns: 300 },
    );
  });

  it('any text at all: rendering never throws, and the HTML never has a foreign tag, handler or javascript: link', () => {
    const hostile = fc.constantFrom('<script>', '</p>', '<img src=x onerror=alert(1)>', '[x](javascript:alert(1))', '[x]( javascript:1)', '<javascript:alert(1)>', '"', "'", '&', '**', '_', '~~', '`', '```', '- ', '1. ', '\n', ' ', '[', '](', ')', 'https://a.b/"onmouseover=', 'data:text/html,x', '\\', '#', '>');
    const text = fc.array(fc.oneof(hostile, fc.string({ maxLength: 6 })), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        for (const target of ['whatsapp', 'messenger', 'plain'] as const) renderFor(t, target);
        const html = renderFor(t, 'html').html ?? '';
        expect(htmlIsSafe(html)).toBe(true);
        expect(html).not.toMatch(/href="(?!https?:|mailto:)/i);
      }),
      { numRuns: 500 },
    );
  });
});
