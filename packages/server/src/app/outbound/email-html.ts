import { imagesAsCid, ourMessageId, sanitizeEmailHtml } from '@parley/channels/email';

export interface OutboundEmailHtml {
  /** Stored on the agent's message: what the Desktop shows (inline images as our file links). */
  shown: string;
  /** Sent: the same HTML with the inline images as `cid:` (ADR 0003). */
  sent: string;
  /** The attachments the sent HTML shows by Content-ID (related inline parts). */
  inline: { cid: string; attachmentId: string }[];
}

/** `/files/<id>?exp=…&sig=…` (relative, or absolute under any origin and base path) → `<id>`. */
function fileIdOf(src: string): string | undefined {
  let url: URL;
  try {
    url = new URL(src, 'http://parley.invalid');
  } catch {
    return undefined;
  }
  return /\/files\/([^/]+)$/.exec(url.pathname)?.[1];
}

/**
 * The agent's HTML, sanitized, with every image that shows one of the message's attachments
 * (`attachmentIds`, already checked to be this message's) sent as an inline part. The sanitizer drops
 * relative links, so our links become `cid:` first, are shown through `fileUrl`, and go out as `cid:`.
 */
export function outboundEmailHtml(html: string, attachmentIds: readonly string[], mailbox: string, fileUrl: (id: string) => string): OutboundEmailHtml {
  const ours = new Set(attachmentIds);
  const attachmentIdOf = (src: string) => {
    const id = fileIdOf(src);
    return id && ours.has(id) ? id : undefined;
  };
  // The Content-ID is derived from the attachment id, so a retried send composes the same mail.
  const cidOf = (id: string) => ourMessageId(`image-${id}`, mailbox);
  const marked = imagesAsCid(html, attachmentIdOf, cidOf);
  const cidUrl = (cid: string) => {
    const id = marked.cids.get(cid);
    return id ? fileUrl(id) : null;
  };
  const shown = sanitizeEmailHtml(marked.html, { cidUrl }).html;
  const sent = imagesAsCid(shown, attachmentIdOf, cidOf);
  return { shown, sent: sent.html, inline: [...sent.cids].map(([cid, attachmentId]) => ({ cid, attachmentId })) };
}
