import type { MessageDto } from '@parley/protocol';

/** The most message ids one `POST /api/conversations/:id/read` carries. */
export const READ_BATCH = 50;

/** Customer messages the agent now sees that were never reported read (nor asked for already). */
export function unreportedInbound(items: readonly MessageDto[], asked: ReadonlySet<string>): string[] {
  return items
    .filter((m) => m.direction === 'inbound' && m.authorType === 'customer' && m.status !== 'read' && !m.id.startsWith('local:') && !asked.has(m.id))
    .map((m) => m.id);
}

export function batches<T>(list: readonly T[], size = READ_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

type Post = (conversationId: string, messageIds: string[]) => Promise<unknown>;

/**
 * Viewed → read: tells the server, once per message, which customer messages the agent has seen
 * (the provider then shows the customer blue ticks). A request that fails is asked again at the next
 * view; a 404 (a server without the endpoint, a conversation gone) counts as done.
 */
export class ReadMarker {
  private readonly asked = new Set<string>();
  constructor(
    private readonly post: Post,
    private readonly isNotFound: (e: unknown) => boolean,
  ) {}

  async viewed(conversationId: string, items: readonly MessageDto[]): Promise<void> {
    const ids = unreportedInbound(items, this.asked);
    for (const id of ids) this.asked.add(id);
    // One request at a time: a long unread history must not flood the server.
    for (const batch of batches(ids)) {
      try {
        await this.post(conversationId, batch);
      } catch (e) {
        if (!this.isNotFound(e)) for (const id of batch) this.asked.delete(id);
      }
    }
  }
}
