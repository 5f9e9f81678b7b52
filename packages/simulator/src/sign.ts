import { createHmac } from 'node:crypto';

/**
 * The simulator's own signers, written from the providers' documentation (wire-formats §1.3 and
 * §3.2) and NOT shared with Parley's verifiers, so a bug on one side is not mirrored on the other.
 */

/** Meta: `sha256=` + lowercase hex HMAC-SHA256 of the exact body bytes, keyed with the App Secret. */
export function metaSignature(appSecret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Twilio: the URL, then every parameter name followed by its value, names sorted by code unit and,
 * for a repeated name, its unique values sorted; HMAC-SHA1 with the Auth Token, base64.
 */
export function twilioSignature(authToken: string, url: string, params: [string, string][]): string {
  const names = [...new Set(params.map(([name]) => name))].sort();
  let signed = url;
  for (const name of names) {
    const values = [...new Set(params.filter(([n]) => n === name).map(([, v]) => v))].sort();
    for (const value of values) signed += name + value;
  }
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}

/**
 * JSON as Meta sends it: non-ASCII as `\uXXXX` escapes (lowercase hex) and `/` as `\/`, so a
 * receiver that re-serialises the body before checking the signature fails, as it would with Meta.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
