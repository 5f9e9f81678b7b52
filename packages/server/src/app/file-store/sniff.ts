import { fileTypeFromBuffer } from 'file-type';
import { ACCEPTED_MEDIA_TYPES } from '@parley/protocol';

export interface SniffOptions {
  /** The server's own copy of a received email (never a user's upload). */
  mailOriginal?: boolean;
}

export type Sniffed = { ok: true; mimeType: string } | { ok: false; message: string };

/** file-type's names for types we know by another (the ones providers and the channel limits use). */
const ALIASES: Record<string, string> = {
  'audio/x-m4a': 'audio/mp4',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/x-aac': 'audio/aac',
  'image/jpg': 'image/jpeg',
  'video/x-m4v': 'video/mp4',
};

/** Old Office files share one container (CFB): the bytes say "Office", the declared type says which. */
const CFB_TYPES = new Set(['application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint']);

/** Text a browser could run or render as a page: refused whatever the file is called. */
const MARKUP = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|meta|link|style|img|a\s|xml|\?xml)|<\?xml|javascript:/i;

/** What file-type names markup formats it recognises by signature (XML declarations, SVG). */
const MARKUP_TYPES = new Set(['application/xml', 'text/xml', 'image/svg+xml', 'text/html', 'application/xhtml+xml']);
const MARKUP_REFUSED = 'The file holds HTML, SVG or script, which is never accepted, whatever its name';

const SNIFF_TEXT_BYTES = 8 * 1024;

/**
 * The file's content type, decided by its bytes, not by its name or the type the client declared
 * (a PNG name on HTML bytes is HTML). Binary formats by their signature (file-type); otherwise valid
 * UTF-8 without NULs and without markup is text. Only types in ACCEPTED_MEDIA_TYPES pass.
 */
export async function sniffContentType(bytes: Uint8Array, declared: string, opts: SniffOptions = {}): Promise<Sniffed> {
  const claimed = declared.toLowerCase().split(';')[0]!.trim();
  // A mail as received (any charset, HTML inside): only ever served as a download, never rendered.
  if (opts.mailOriginal && claimed === 'message/rfc822') return { ok: true, mimeType: claimed };
  const found = await fileTypeFromBuffer(bytes);
  let mimeType: string;
  if (found && MARKUP_TYPES.has(found.mime)) return { ok: false, message: MARKUP_REFUSED };
  if (found) {
    mimeType = ALIASES[found.mime] ?? found.mime;
    if (mimeType === 'application/x-cfb' && CFB_TYPES.has(claimed)) mimeType = claimed;
  } else {
    const text = textKind(bytes);
    if (text === 'markup') return { ok: false, message: MARKUP_REFUSED };
    if (text === 'binary') return { ok: false, message: 'The file’s content is of no type Parley accepts' };
    mimeType = claimed === 'text/csv' ? claimed : 'text/plain';
  }
  if (!ACCEPTED_MEDIA_TYPES.includes(mimeType)) return { ok: false, message: `Files of type ${mimeType} are not accepted` };
  return { ok: true, mimeType };
}

function textKind(bytes: Uint8Array): 'text' | 'markup' | 'binary' {
  const head = bytes.subarray(0, SNIFF_TEXT_BYTES);
  if (head.includes(0)) return 'binary';
  let text: string;
  try {
    // A cut in the middle of a character at the end of the sample is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: head.length < bytes.length });
  } catch {
    return 'binary';
  }
  return MARKUP.test(text) ? 'markup' : 'text';
}
