import type { AttachmentDto, MessageDto } from '@parley/protocol';

/** A row of the thread: a stored message, or the customer's own message still on its way. */
export interface Entry {
  key: string;
  message: MessageDto;
  /** Local delivery state of the customer's own message before/without an `ack`. */
  local?: 'sending' | 'failed';
  error?: string;
}

/** Own messages key on clientId so the optimistic row and the stored one are the same row. */
export function keyOf(m: MessageDto): string {
  return m.authorType === 'customer' && m.clientId ? `c:${m.clientId}` : `m:${m.id}`;
}

export function newClientId(): string {
  const a = new Uint8Array(12);
  crypto.getRandomValues(a);
  return 'w' + Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The message list: the newest page from each `hello` snapshot, older pages fetched on scroll,
 * kept current by live frames.
 */
export class Thread {
  entries: Entry[] = [];
  /** Older messages exist on the server (fetch them before the oldest entry). */
  hasMore = false;

  replace(messages: MessageDto[], hasMore = false): void {
    const seen = new Set<string>();
    const next: Entry[] = [];
    const sorted = messages.slice().sort((a, b) => a.createdAt - b.createdAt);
    // Older pages already loaded stay if the new page overlaps what we hold (else there may be a gap).
    const held = new Set(this.entries.map((e) => e.message.id).filter(Boolean));
    const keepOlder = hasMore && sorted.some((m) => held.has(m.id));
    const first = sorted[0];
    const incoming = new Set(sorted.map(keyOf));
    if (keepOlder && first) {
      for (const e of this.entries) {
        if (e.local || e.message.createdAt > first.createdAt || incoming.has(e.key)) continue;
        seen.add(e.key);
        next.push(e);
      }
    }
    this.hasMore = keepOlder ? this.hasMore : hasMore;
    for (const m of sorted) {
      const key = keyOf(m);
      if (seen.has(key)) continue;
      seen.add(key);
      next.push({ key, message: m });
    }
    // Keep what the customer typed while offline; it is re-sent after the snapshot.
    for (const e of this.entries) if (e.local && !seen.has(e.key)) next.push(e);
    this.entries = next;
  }

  /** An older page (oldest first) goes before everything held. */
  prepend(messages: MessageDto[], hasMore: boolean): void {
    const held = new Set(this.entries.map((e) => e.key));
    const older = messages.filter((m) => !held.has(keyOf(m))).map((m) => ({ key: keyOf(m), message: m }));
    this.entries = [...older, ...this.entries];
    this.hasMore = hasMore;
  }

  upsert(m: MessageDto): void {
    const key = keyOf(m);
    const i = this.entries.findIndex((e) => e.key === key);
    if (i >= 0) this.entries[i] = { key, message: m };
    else {
      // Stored messages go before rows still being sent, so the order matches the server's.
      const firstLocal = this.entries.findIndex((e) => e.local);
      const entry = { key, message: m };
      if (firstLocal < 0) this.entries.push(entry);
      else this.entries.splice(firstLocal, 0, entry);
    }
  }

  addLocal(clientId: string, text: string, attachments: AttachmentDto[], authorName: string): Entry {
    const message: MessageDto = {
      id: '',
      conversationId: '',
      direction: 'inbound',
      authorType: 'customer',
      authorId: null,
      authorName,
      text,
      attachments,
      clientId,
      status: 'pending',
      createdAt: Date.now(),
    };
    const entry: Entry = { key: `c:${clientId}`, message, local: 'sending' };
    this.entries.push(entry);
    return entry;
  }

  find(clientId: string): Entry | undefined {
    return this.entries.find((e) => e.key === `c:${clientId}`);
  }

  setLocal(clientId: string, local: 'sending' | 'failed', error?: string): void {
    const e = this.find(clientId);
    if (!e?.local) return;
    e.local = local;
    e.error = error;
  }

  sending(): Entry[] {
    return this.entries.filter((e) => e.local === 'sending');
  }
}
