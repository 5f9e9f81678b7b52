/** An upload the agent put in the editor as an image. */
export interface InlineUpload {
  id: string;
  url: string;
}

/**
 * The inline uploads the editor's HTML still shows: they go with the message as attachments, so the
 * server sends each as an inline part the HTML refers to by `cid:` (ADR 0003). An image deleted from
 * the editor is left out.
 */
export function inlineImageIds(html: string, uploads: readonly InlineUpload[]): string[] {
  return uploads.filter((u) => html.includes(`src="${u.url.replace(/&/g, '&amp;')}"`) || html.includes(`src="${u.url}"`)).map((u) => u.id);
}
