import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Verifies Meta's `X-Hub-Signature-256` (Messenger and WhatsApp): HMAC-SHA256 of the exact raw body
 * bytes, keyed with the App Secret, as `sha256=<hex>` (wire-formats §1.3). Never re-serialise the JSON
 * (Meta signs its escaped-Unicode form). Missing, malformed or wrong-length headers are false, and the
 * digest comparison is constant-time.
 */
export function verifyMetaSignature(rawBody: Uint8Array | string, header: string | undefined | null, appSecret: string): boolean {
  if (typeof header !== 'string' || !appSecret) return false;
  const value = header.trim();
  if (!value.startsWith(PREFIX)) return false;
  const hex = value.slice(PREFIX.length);
  if (!HEX_SHA256.test(hex)) return false;
  const got = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** The header Meta would send for `rawBody` (for tests and the testkit's signing fakes). */
export function metaSignatureHeader(rawBody: Uint8Array | string, appSecret: string): string {
  return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}
