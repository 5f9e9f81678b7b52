import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token (agent session or web chat customer): 256 random bits. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a token: its hash, so a database leak gives no working token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
