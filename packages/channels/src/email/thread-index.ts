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

/** 100-ns intervals between 1601-01-01 (FILETIME's epoch) and 1970-01-01. */
const FILETIME_UNIX_OFFSET = 116_444_736_000_000_000n;

/**
 * The Thread-Index of a reply to a mail that carried `parent`: the parent's blocks plus one child
 * block (MS-OXOMSG §2.2.1.3: delta code bit, 31 bits of time since the header's FILETIME, a 4-bit
 * random number, a 4-bit sequence count). Echoing it keeps an Outlook customer's next reply on the
 * same conversation GUID. `nibble` stands in for the random bits (pure: derive it from our id).
 * Null when `parent` is not a Thread-Index.
 */
export function childThreadIndex(parent: string, atMs: number, nibble = 0): string | null {
  if (threadIndexRoot(parent) === null) return null;
  const bytes = Buffer.from(parent.replace(/\s+/g, ''), 'base64');
  // The first 6 bytes are the top 48 bits of the conversation's FILETIME.
  const start = BigInt(`0x${bytes.subarray(0, 6).toString('hex')}`) << 16n;
  const now = BigInt(Math.max(0, Math.floor(atMs))) * 10_000n + FILETIME_UNIX_OFFSET;
  const delta = now > start ? now - start : 0n;
  const word = delta < 1n << 49n ? (delta >> 18n) & 0x7fffffffn : (1n << 31n) | ((delta >> 23n) & 0x7fffffffn);
  const child = Buffer.alloc(5);
  child.writeUInt32BE(Number(word), 0);
  child[4] = (nibble & 0x0f) << 4;
  return Buffer.concat([bytes, child]).toString('base64');
}
