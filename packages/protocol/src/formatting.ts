/**
 * How a channel shows an agent's formatted text (`ChannelRules.formatting`). Agents write one authoring
 * format (a small Markdown subset: **bold**, _italic_, ~~strike~~, `code`, fenced code, lists, links);
 * each channel renders it to what its customers' apps display: WhatsApp markup, Messenger plain text,
 * safe HTML (web chat, email), or plain text (SMS).
 */
export type FormatTarget = 'whatsapp' | 'messenger' | 'html' | 'plain';

/** The only tags the HTML rendering writes, and the only ones the web chat widget shows from it. */
export const FORMATTED_HTML_TAGS = ['p', 'br', 'strong', 'em', 's', 'code', 'pre', 'ul', 'ol', 'li', 'a'] as const;
