import { withRemoteImages } from './remote-images';

/**
 * The document an email's sanitized HTML is shown in: an `<iframe sandbox srcdoc>` without
 * `allow-scripts`, under a CSP that allows no script, no connection, no form, images only from our
 * own origin (attachments) or data: URLs — plus any `https:` image once the agent chose "Show remote
 * images" for this email (`remoteImages`). The server already sanitized the HTML; this is the second wall.
 * No referrer leaves with an image either way.
 */
export function emailCsp(origin: string, remoteImages = false): string {
  return [
    "default-src 'none'",
    `img-src ${origin} data:${remoteImages ? ' https:' : ''}`,
    "style-src 'unsafe-inline'",
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "script-src 'none'",
  ].join('; ');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function emailSrcdoc(html: string, origin: string, remoteImages = false): string {
  const body = remoteImages ? withRemoteImages(html) : html;
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${escapeAttr(emailCsp(origin, remoteImages))}"><meta name="referrer" content="no-referrer"><base target="_blank"><style>body{font:14px/1.45 system-ui,sans-serif;margin:8px;color:#1b1f24;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style></head><body>${body}</body></html>`;
}

/** The iframe's sandbox: links may open in a new tab, nothing else (no scripts, no same origin, no forms). */
export const EMAIL_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
