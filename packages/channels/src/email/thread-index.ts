/**
 * Outlook's Thread-Index (MS-OXOMSG §2.2.1.3, PidTagConversationIndex): base64 of a 22-byte header
 * block — 1 reserved byte, 5 bytes of FILETIME, 16-byte conversation GUID — then 5 bytes per reply.
 * Every mail of one conversation shares the GUID, so it threads Outlook replies that carry no References.
 */
const HEADER_BYTES = 22;

/** The conversation GUID as 32 lowercase hex digits, or null when the value is not a Thread-Index. */
export function threadIndexRoot(value: string | undefined): string | null {
  if (!value) return null;
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return null;
  const bytes = Buffer.from(compact, 'base64');
  // A well-formed index is the header block plus whole 5-byte child blocks.
  if (bytes.length < HEADER_BYTES || (bytes.length - HEADER_BYTES) % 5 !== 0) return null;
  const guid = bytes.subarray(6, HEADER_BYTES);
  if (guid.every((b) => b === 0)) return null;
  return guid.toString('hex');
}
