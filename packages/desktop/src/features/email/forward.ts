import type { EmailAddressDto, MessageDto } from '@parley/protocol';
import { escapeHtml } from './frame';

export const formatMailbox = (m: EmailAddressDto): string => (m.name ? `${m.name} <${m.address}>` : m.address);

/** The latest email as the block Forward loads into the editor (every header value escaped). */
export function forwardedHtml(m: MessageDto, lang: string): string {
  const e = m.email;
  if (!e) return `<p>${escapeHtml(m.text)}</p>`;
  const line = (label: string, value: string) => `${label}: ${escapeHtml(value)}<br>`;
  const body = e.html ?? `<p>${escapeHtml(m.text).replace(/\n/g, '<br>')}</p>`;
  return [
    '<p>---------- Forwarded message ---------<br>',
    line('From', formatMailbox(e.from)),
    line('Date', new Date(m.createdAt).toLocaleString(lang)),
    line('Subject', e.subject),
    line('To', e.to.map(formatMailbox).join(', ')),
    e.cc.length ? line('Cc', e.cc.map(formatMailbox).join(', ')) : '',
    '</p>',
    `<blockquote>${body}</blockquote>`,
  ].join('');
}
