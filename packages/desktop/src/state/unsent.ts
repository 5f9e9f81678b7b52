import { ApiError } from '../api/http';

/** An agent message whose send never reached the server; sent again (same clientId) once the link is back. */
export interface Unsent {
  conversationId: string;
  text: string;
  /** The template the text was filled from (past a reply window the server needs it). */
  template?: { id: string; params: string[] };
}

/**
 * Whether a failed send may simply not have arrived: no answer at all (network, server down) or a
 * gateway in front saying the server is away. A refusal by the server itself (4xx) is final.
 * The server dedupes on clientId, so sending such a message again can never post it twice.
 */
export function worthResending(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504);
}

/** The messages waiting for the connection, by clientId, in the order they were written. */
export class UnsentQueue {
  private readonly byClientId = new Map<string, Unsent>();

  remember(clientId: string, m: Unsent): void {
    this.byClientId.set(clientId, m);
  }

  forget(clientId: string): void {
    this.byClientId.delete(clientId);
  }

  /** Hands out every waiting message once and empties the queue (a resend that fails again re-enters it). */
  drain(): [string, Unsent][] {
    const all = [...this.byClientId.entries()];
    this.byClientId.clear();
    return all;
  }

  get size(): number {
    return this.byClientId.size;
  }
}
