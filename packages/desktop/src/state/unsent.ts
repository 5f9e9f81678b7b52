import type { TemplateUse } from '@parley/protocol';
import { ApiError } from '../api/http';

/** An agent message whose send never reached the server; sent again (same clientId) once the link is back. */
export interface Unsent {
  conversationId: string;
  text: string;
  /** The template the text was filled from (past a reply window the server needs it). */
  template?: DeskTemplateUse;
  /** Email: the recipients, subject and HTML (SendMessageBody.email) and uploaded attachments. */
  extras?: SendExtras;
}

/** A template send as the Desktop keeps it: `fixed` when the server renders its text (locked, approved). */
export type DeskTemplateUse = TemplateUse & { fixed?: boolean };

/** The email part of a send (mirrors SendMessageBody.email in the protocol's api.ts). */
export interface EmailSendPart {
  mode: 'reply' | 'replyAll' | 'forward';
  to: string[];
  cc: string[];
  subject: string;
  html?: string;
  parentId?: string;
}

export interface SendExtras {
  email?: EmailSendPart;
  attachmentIds?: string[];
}

/**
 * Whether a failed send may simply not have arrived: no answer at all (network, server down) or a
 * gateway in front saying the server is away. A refusal by the server itself (4xx) is final.
 * The server dedupes on clientId, so sending such a message again can never post it twice.
 */
export function worthResending(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504);
}

/** Where the queue survives a reload: this tab's sessionStorage (signing out clears it with the drafts). */
export type UnsentStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
export const UNSENT_KEY = 'parley.draft.unsent';

function isUnsent(v: unknown): v is Unsent {
  if (!v || typeof v !== 'object') return false;
  const { conversationId, text } = v as Record<string, unknown>;
  return typeof conversationId === 'string' && typeof text === 'string';
}

/**
 * The messages waiting for the connection, by clientId, in the order they were written. Kept in the
 * tab's storage too, so a reload while the server is away loses none of them.
 */
export class UnsentQueue {
  private readonly byClientId = new Map<string, Unsent>();

  constructor(private readonly storage?: UnsentStorage) {
    try {
      const saved: unknown = JSON.parse(storage?.getItem(UNSENT_KEY) ?? '[]');
      if (Array.isArray(saved)) {
        for (const entry of saved) {
          if (Array.isArray(entry) && typeof entry[0] === 'string' && isUnsent(entry[1])) this.byClientId.set(entry[0], entry[1]);
        }
      }
    } catch {
      // Not ours or damaged: start empty.
    }
  }

  remember(clientId: string, m: Unsent): void {
    this.byClientId.set(clientId, m);
    this.save();
  }

  forget(clientId: string): void {
    if (this.byClientId.delete(clientId)) this.save();
  }

  /** Hands out every waiting message once and empties the queue (a resend that fails again re-enters it). */
  drain(): [string, Unsent][] {
    const all = [...this.byClientId.entries()];
    this.byClientId.clear();
    this.save();
    return all;
  }

  private save(): void {
    try {
      if (this.byClientId.size === 0) this.storage?.removeItem(UNSENT_KEY);
      else this.storage?.setItem(UNSENT_KEY, JSON.stringify([...this.byClientId.entries()]));
    } catch {
      // Storage full or off: the queue still works in memory.
    }
  }

  get size(): number {
    return this.byClientId.size;
  }
}
