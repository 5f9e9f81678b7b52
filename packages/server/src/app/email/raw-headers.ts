/**
 * Reads one header of a raw RFC 5322 message without parsing the whole MIME tree: the transports
 * only need an id or two, and must not depend on the parsing layer.
 */
export function headerValue(raw: Buffer, name: string): string | undefined {
  // The header block ends at the first empty line; look no further than 64 KiB into it.
  const head = raw.subarray(0, 65_536).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, ' ');
  const wanted = name.toLowerCase();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return line.slice(colon + 1).trim() || undefined;
  }
  return undefined;
}
