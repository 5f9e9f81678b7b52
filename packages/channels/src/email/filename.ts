/**
 * An attachment's name as a file name we can store and serve: the sender's name is untrusted text
 * (`../../x`, `C:\boot.ini`, control characters, `CON`, 4 KB of dots). Shown names stay the original
 * text (EmailAttachment.filename); this is for disks and Content-Disposition. Pure.
 */
const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'text/html': '.html',
  'text/calendar': '.ics',
  'message/rfc822': '.eml',
  'message/delivery-status': '.txt',
  'text/rfc822-headers': '.txt',
};
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_LENGTH = 150;

export function safeAttachmentFilename(name: string, contentType: string, index: number): string {
  const base = printable(name.split(/[/\\]/).pop() ?? '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!base) return `attachment-${index + 1}${EXTENSIONS[contentType] ?? ''}`;
  const named = WINDOWS_RESERVED.test(base) ? `_${base}` : base;
  if (named.length <= MAX_LENGTH) return named;
  const dot = named.lastIndexOf('.');
  const ext = dot > 0 && named.length - dot <= 10 ? named.slice(dot) : '';
  return [...named.slice(0, named.length - ext.length)].slice(0, MAX_LENGTH - ext.length).join('') + ext;
}

/** Without control characters and the ones Windows forbids in names. */
function printable(s: string): string {
  return [...s].filter((c) => (c.codePointAt(0) ?? 0) >= 0x20 && c !== '\u007f' && !'<>:"|?*'.includes(c)).join('');
}
