import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type FormParams = Iterable<readonly [string, string]>;

/**
 * The string Twilio signs (wire-formats §3.2): the full URL, then every POST parameter as name+value
 * with no separators, names sorted by code unit; a repeated name contributes each distinct value,
 * sorted (as twilio-node does). Values are the decoded form values.
 */
export function twilioSignedString(url: string, params: FormParams): string {
  const byName = new Map<string, Set<string>>();
  for (const [k, v] of params) {
    const values = byName.get(k) ?? new Set<string>();
    values.add(v);
    byName.set(k, values);
  }
  let s = url;
  for (const name of [...byName.keys()].sort()) for (const value of [...(byName.get(name) ?? [])].sort()) s += name + value;
  return s;
}

/** Base64 HMAC-SHA1 of the signed string, keyed with the Auth Token. */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  return createHmac('sha1', authToken).update(twilioSignedString(url, params), 'utf8').digest('base64');
}

/**
 * The URLs twilio-node tries (Twilio is inconsistent about ports): the WHATWG-normalised URL with any
 * port removed, and with its explicit port or the scheme's default (`:443`/`:80`) added. Credentials
 * in the URL stay part of it.
 */
export function twilioUrlCandidates(rawUrl: string): string[] {
  let u: URL;
  try {
    u = new URL(rawUrl);
  } catch {
    return [];
  }
  const noPort = new URL(u.toString());
  noPort.port = '';
  const auth = u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : '';
  const withPort = u.port
    ? u.toString()
    : `${u.protocol}//${auth}${u.host}${u.protocol === 'https:' ? ':443' : ':80'}${u.pathname}${u.search}${u.hash}`;
  return [...new Set([noPort.toString(), withPort])];
}

/**
 * Verifies `X-Twilio-Signature` on a form-encoded webhook. `url` is the public URL Twilio called,
 * rebuilt from configuration (scheme, host, path and query exactly as configured), and `params` all
 * POST parameters as received, before any filtering. Constant-time; a missing header is false.
 */
export function verifyTwilioSignature(authToken: string, header: string | undefined | null, url: string, params: FormParams): boolean {
  if (typeof header !== 'string' || header === '' || !authToken) return false;
  const pairs = [...params];
  const got = Buffer.from(header);
  return twilioUrlCandidates(url).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, pairs));
    return expected.length === got.length && timingSafeEqual(expected, got);
  });
}

/**
 * JSON-bodied webhooks (§3.2): Twilio adds `bodySHA256=<hex sha256(raw body)>` to the URL and signs the
 * URL alone. Both the signature and the body hash must match.
 */
export function verifyTwilioBodySignature(authToken: string, header: string | undefined | null, url: string, rawBody: Uint8Array | string): boolean {
  let claimed: string | null;
  try {
    claimed = new URL(url).searchParams.get('bodySHA256');
  } catch {
    return false;
  }
  if (!claimed || !/^[0-9a-fA-F]{64}$/.test(claimed)) return false;
  const actual = createHash('sha256').update(rawBody).digest();
  const claimedBytes = Buffer.from(claimed, 'hex');
  if (!timingSafeEqual(actual, claimedBytes)) return false;
  return verifyTwilioSignature(authToken, header, url, []);
}
