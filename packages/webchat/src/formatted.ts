import { FORMATTED_HTML_TAGS } from '@parley/protocol';

const ALLOWED = new Set<string>(FORMATTED_HTML_TAGS);
const SAFE_HREF = /^(https?:|mailto:)/i;

/**
 * The DOM for an agent reply's HTML (the server's safe rendering). Defence in depth: it is parsed in an
 * inert document (no scripts run, nothing loads) and copied node by node: allowed tags only, with no
 * attribute but a checked href and a list's start; anything else keeps just its text.
 */
export function formattedNodes(html: string): Node[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return copyChildren(doc.body);
}

function copyChildren(from: Node): Node[] {
  return [...from.childNodes].flatMap(copy);
}

function copy(n: Node): Node[] {
  if (n.nodeType === Node.TEXT_NODE) return [document.createTextNode(n.textContent ?? '')];
  if (n.nodeType !== Node.ELEMENT_NODE) return [];
  const src = n as Element;
  const tag = src.tagName.toLowerCase();
  if (!ALLOWED.has(tag)) return copyChildren(src);
  const el = document.createElement(tag);
  if (tag === 'a') {
    const href = src.getAttribute('href') ?? '';
    if (!SAFE_HREF.test(href)) return copyChildren(src);
    el.setAttribute('href', href);
    el.setAttribute('rel', 'noopener noreferrer');
    el.setAttribute('target', '_blank');
  }
  const start = src.getAttribute('start');
  if (tag === 'ol' && start && /^\d{1,6}$/.test(start)) el.setAttribute('start', start);
  el.append(...copyChildren(src));
  return [el];
}
