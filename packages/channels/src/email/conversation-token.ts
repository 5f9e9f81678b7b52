import { createHash } from 'node:crypto';
import { newThreadToken } from './thread';

/**
 * A conversation's thread token (`P-XXXXXXXX`), derived from its id so it needs no storage: our
 * replies carry it in the subject, and a customer's mail quoting it (without In-Reply-To) joins the
 * conversation again. Deterministic and pure.
 */
export function conversationThreadToken(conversationId: string): string {
  const digest = createHash('sha256').update(`parley-thread:${conversationId}`).digest();
  return newThreadToken((n) => digest.subarray(0, n));
}
