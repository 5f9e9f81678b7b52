/**
 * Live sockets by the token that opened them (agent sessions and web chat customer tokens, keyed
 * by token hash), so that a logout or an expiry ends every one of them at once.
 */

/** Close code for "your session ended": clients sign out (or start over) instead of reconnecting. */
export const SESSION_ENDED_CODE = 4401;

export interface ClosableSocket {
  close(code: number, reason: string): void;
}

interface Entry {
  /** Epoch ms when the token stops working; null while it has no end (an open web chat). */
  expiresAt: number | null;
  sockets: Set<ClosableSocket>;
  conversationId?: string;
}

export class SessionSockets {
  private readonly byToken = new Map<string, Entry>();
  /** A web chat token belongs to one conversation: its closing starts the token's countdown. */
  private readonly tokenOfConversation = new Map<string, string>();

  /** Tracks `socket` under `tokenHash`; returns the function to call when it closes. */
  add(tokenHash: string, expiresAt: number | null, socket: ClosableSocket, conversationId?: string): () => void {
    if (conversationId) this.tokenOfConversation.set(conversationId, tokenHash);
    let e = this.byToken.get(tokenHash);
    if (!e) this.byToken.set(tokenHash, (e = { expiresAt, sockets: new Set(), ...(conversationId && { conversationId }) }));
    else if (expiresAt !== null && (e.expiresAt === null || expiresAt < e.expiresAt)) e.expiresAt = expiresAt;
    e.sockets.add(socket);
    const entry = e;
    return () => {
      entry.sockets.delete(socket);
      if (entry.sockets.size === 0 && this.byToken.get(tokenHash) === entry) this.forget(tokenHash);
    };
  }

  /** The web chat of `conversationId` closed: its token's sockets end at `expiresAt`. */
  expireConversation(conversationId: string, expiresAt: number): void {
    const hash = this.tokenOfConversation.get(conversationId);
    const e = hash === undefined ? undefined : this.byToken.get(hash);
    if (e) e.expiresAt = expiresAt;
  }

  private forget(tokenHash: string): void {
    const e = this.byToken.get(tokenHash);
    this.byToken.delete(tokenHash);
    if (e?.conversationId) this.tokenOfConversation.delete(e.conversationId);
  }

  /** Closes every socket of the token (logout). */
  end(tokenHash: string, reason: string): void {
    const e = this.byToken.get(tokenHash);
    if (!e) return;
    this.forget(tokenHash);
    for (const s of e.sockets) s.close(SESSION_ENDED_CODE, reason);
  }

  /** Closes the sockets of every token expired at `now`; returns how many tokens ended. */
  sweep(now: number): number {
    let ended = 0;
    for (const [hash, e] of this.byToken) {
      if (e.expiresAt !== null && e.expiresAt <= now) {
        this.end(hash, 'session expired');
        ended++;
      }
    }
    return ended;
  }

  count(): number {
    let n = 0;
    for (const e of this.byToken.values()) n += e.sockets.size;
    return n;
  }
}
