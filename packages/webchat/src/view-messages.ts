import type { AttachmentDto, MessageDto } from '@parley/protocol';
import { h } from './dom';
import { formattedNodes } from './formatted';
import { noticeText, type Strings } from './i18n';
import type { Entry } from './thread';

/** The server's file links are relative to the server, not to the page embedding the widget. */
function attachment(a: AttachmentDto, t: Strings, origin: string): HTMLElement {
  const url = new URL(a.url, origin).href;
  if (a.mimeType.startsWith('image/')) {
    return h(
      'a',
      { class: 'att', href: url, target: '_blank', rel: 'noopener' },
      h('img', { class: 'thumb', src: url, alt: a.name || t('attachment'), loading: 'lazy' }),
    );
  }
  const kb = a.size >= 1024 * 1024 ? `${(a.size / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(a.size / 1024))} KB`;
  return h('a', { class: 'att', href: url, target: '_blank', rel: 'noopener', download: a.name }, `📎 ${a.name} (${kb})`);
}

function time(ts: number): string {
  return new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** The meta line under a message; own messages show their delivery state. */
function metaLine(e: Entry, t: Strings, showStatus: boolean, onRetry: (clientId: string) => void): HTMLElement {
  const m = e.message;
  if (e.local === 'sending') return h('div', { class: 'meta' }, t('sending'));
  if (e.local === 'failed') {
    const retry = h('button', { type: 'button', class: 'link', onclick: () => onRetry(m.clientId ?? '') }, t('retry'));
    return h('div', { class: 'meta bad' }, `${e.error || t('failed')} · `, retry);
  }
  const status = m.status === 'read' ? t('read') : m.status === 'delivered' ? t('delivered') : t('sent');
  return h('div', { class: 'meta' }, showStatus && m.authorType === 'customer' ? `${time(m.createdAt)} · ${status}` : time(m.createdAt));
}

function rowClass(e: Entry): string {
  return `msg ${e.message.authorType === 'customer' ? 'own' : 'agent'}${e.local ? ` ${e.local}` : ''}`;
}

function render(e: Entry, t: Strings, origin: string, showStatus: boolean, onRetry: (clientId: string) => void): HTMLElement {
  const m: MessageDto = e.message;
  if (m.authorType === 'system') {
    return h('div', { class: 'notice' }, m.notice ? noticeText(t, m.notice, m.text) : m.text);
  }
  const own = m.authorType === 'customer';
  // Attachment-only messages drop the bubble colour: a thumbnail on blue looks like a frame.
  const bubble = h('div', { class: m.text ? 'bubble' : 'bubble media' });
  // An agent's formatted reply comes as HTML too: rebuilt tag by tag from the allow-list, never set raw.
  if (m.html) bubble.append(...formattedNodes(m.html));
  else if (m.text) bubble.append(m.text);
  for (const a of m.attachments) bubble.append(attachment(a, t, origin));
  return h(
    'div',
    { class: rowClass(e) },
    // Screen readers read "You:"/"Alice:" first, so each message says who wrote it.
    own ? h('span', { class: 'sr' }, `${t('you')}: `) : h('div', { class: 'who' }, m.authorName || t('agent')),
    bubble,
    metaLine(e, t, showStatus, onRetry),
  );
}

function contentSig(e: Entry): string {
  const m = e.message;
  return [m.text, m.html ?? '', m.notice?.code ?? '', m.attachments.map((a) => a.url).join(' ')].join('|');
}

function metaSig(e: Entry, showStatus: boolean): string {
  return [e.message.status, e.local ?? '', e.error ?? '', showStatus].join('|');
}

/** How close to the top a scroll starts fetching older messages. */
const TOP_SLACK_PX = 60;

interface Row {
  node: HTMLElement;
  content: string;
  meta: string;
}

/** Keyed rendering: unchanged rows keep their nodes, so the live region announces only new ones. */
export class MessageList {
  readonly el: HTMLElement;
  private rows = new Map<string, Row>();
  /** Whether the view follows new messages (the customer has not scrolled up to read). */
  private stuck = true;

  constructor(
    private readonly t: Strings,
    private readonly origin: string,
    private readonly onRetry: (clientId: string) => void,
    /** The customer scrolled (near) to the top: time to fetch older messages. */
    private readonly onTop: () => void,
  ) {
    this.el = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': t('messages'), tabindex: 0 });
    this.el.addEventListener('scroll', () => {
      this.stuck = this.el.scrollHeight - this.el.scrollTop - this.el.clientHeight < 80;
      if (this.atTop()) this.onTop();
    });
    // Images grow the list after they load; `load` does not bubble, hence capture.
    this.el.addEventListener('load', () => this.stuck && this.scrollToEnd(), true);
  }

  render(entries: Entry[]): void {
    let lastOwn = -1;
    entries.forEach((e, i) => {
      if (e.message.authorType === 'customer' && !e.local) lastOwn = i;
    });
    const keep = new Set<string>();
    let prev: ChildNode | null = null;
    entries.forEach((e, i) => {
      keep.add(e.key);
      const showStatus = i === lastOwn;
      const content = contentSig(e);
      const meta = metaSig(e, showStatus);
      let row = this.rows.get(e.key);
      if (!row || row.content !== content) {
        const node = render(e, this.t, this.origin, showStatus, this.onRetry);
        row?.node.replaceWith(node);
        row = { node, content, meta };
        this.rows.set(e.key, row);
      } else if (row.meta !== meta && e.message.authorType !== 'system') {
        row.node.className = rowClass(e);
        row.node.lastElementChild?.replaceWith(metaLine(e, this.t, showStatus, this.onRetry));
        row.meta = meta;
      }
      const want: ChildNode | null = prev ? prev.nextSibling : this.el.firstChild;
      if (want !== row.node) this.el.insertBefore(row.node, want);
      prev = row.node;
    });
    for (const [key, row] of this.rows) {
      if (!keep.has(key)) {
        row.node.remove();
        this.rows.delete(key);
      }
    }
    if (this.stuck) this.scrollToEnd();
  }

  /** Renders rows added above without moving what the customer is reading. */
  renderKeepingPosition(entries: Entry[]): void {
    const height = this.el.scrollHeight;
    const top = this.el.scrollTop;
    this.stuck = false;
    this.render(entries);
    this.el.scrollTop = top + (this.el.scrollHeight - height);
  }

  atTop(): boolean {
    return this.el.clientHeight > 0 && this.el.scrollTop < TOP_SLACK_PX;
  }

  scrollToEnd(): void {
    this.el.scrollTop = this.el.scrollHeight;
    this.stuck = true;
  }

  clear(): void {
    this.rows.clear();
    this.el.replaceChildren();
    this.stuck = true;
  }
}
