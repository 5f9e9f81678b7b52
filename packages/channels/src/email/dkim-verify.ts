/**
 * Test support: verifies an rsa-sha256 relaxed/relaxed DKIM signature (RFC 6376 §3.4.2, §3.4.4,
 * §3.7) against a public key, so compose tests prove the signature holds, not only that it exists.
 */
import { createHash, createVerify } from 'node:crypto';

export function verifyDkim(raw: Buffer, publicKeyPem: string): { bodyHashOk: boolean; signatureOk: boolean } {
  const text = raw.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split);
  const body = text.slice(split + 4);
  const fields = head.split(/\r\n(?![ \t])/);
  const dkimField = fields.find((f) => /^dkim-signature:/i.test(f)) ?? '';
  const tags = Object.fromEntries(
    dkimField
      .slice(dkimField.indexOf(':') + 1)
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean)
      .map((t) => [t.slice(0, t.indexOf('=')).trim(), t.slice(t.indexOf('=') + 1).replace(/\s+/g, '')]),
  );
  const relaxedBody = `${body
    .split('\r\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''))
    .join('\r\n')
    .replace(/(\r\n)*$/, '')}\r\n`;
  const bodyHashOk = createHash('sha256').update(relaxedBody, 'latin1').digest('base64') === tags.bh;
  const relaxedHeader = (f: string) => {
    const colon = f.indexOf(':');
    return `${f.slice(0, colon).trim().toLowerCase()}:${f
      .slice(colon + 1)
      .replace(/\r\n/g, '')
      .replace(/[ \t]+/g, ' ')
      .trim()}`;
  };
  const used = new Set<string>();
  const signedHeaders = (tags.h ?? '').split(':').flatMap((name: string) => {
    const f = [...fields].reverse().find((x) => !used.has(x) && x.slice(0, x.indexOf(':')).trim().toLowerCase() === name.toLowerCase());
    if (!f) return [];
    used.add(f);
    return [`${relaxedHeader(f)}\r\n`];
  });
  const unsignedDkim = relaxedHeader(dkimField).replace(/b=[^;]*$/, 'b=');
  const signatureOk = createVerify('RSA-SHA256')
    .update(signedHeaders.join('') + unsignedDkim, 'latin1')
    .verify(publicKeyPem, tags.b ?? '', 'base64');
  return { bodyHashOk, signatureOk };
}
