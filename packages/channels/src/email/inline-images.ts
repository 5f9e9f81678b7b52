/**
 * An outgoing email's inline images (ADR 0003): an `<img src>` that names one of the message's own
 * attachments becomes `cid:<Content-ID>`, so the picture travels inside the mail as a related part
 * instead of as a link to a server the recipient cannot (and should not) reach. Everything else is
 * left as written: this pass only rewrites; sanitizing is `sanitizeEmailHtml`'s job.
 */
import sanitizeHtml from 'sanitize-html';

export interface CidImages {
  html: string;
  /** Content-ID → attachment id, for the images the HTML now shows by `cid:`. */
  cids: Map<string, string>;
}

/**
 * `attachmentIdOf(src)`: the attachment an image source names, or undefined when it is not one of
 * this message's; `cidOf(id)`: that attachment's Content-ID (stable, so a retried send is the same mail).
 */
export function imagesAsCid(html: string, attachmentIdOf: (src: string) => string | undefined, cidOf: (attachmentId: string) => string): CidImages {
  const cids = new Map<string, string>();
  const out = sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    allowedSchemesAppliedToAttributes: [],
    parseStyleAttributes: false,
    transformTags: {
      img: (tagName, attribs) => {
        const id = attribs.src ? attachmentIdOf(attribs.src.trim()) : undefined;
        if (!id) return { tagName, attribs };
        const cid = cidOf(id);
        cids.set(cid, id);
        return { tagName, attribs: { ...attribs, src: `cid:${cid}` } };
      },
    },
  });
  return { html: out, cids };
}
