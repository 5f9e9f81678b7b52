import type { AgentEvent, StoredEvent } from '@parley/protocol';
import type * as store from '@parley/storage';
import type { AgentHub } from '../agent-hub';
import type { SeqBlocks } from '../seq-blocks';

/** One event for one agent (null: every agent) before it has a number. */
export type EventItem = { agentId: string | null; conversationId: string | null; event: AgentEvent };
/** A numbered event: what is stored, and the text sent to sockets. */
export type Stamped = { agentId: string | null; stored: StoredEvent; json: string; record: store.EventRecord };

/**
 * Numbers `items` and hands them to `write`, which starts their commit in the same synchronous
 * step: commits start in number order (what resuming clients rely on). `done` is `write`'s promise.
 */
export async function stamp<T>(
  seqs: SeqBlocks,
  now: () => number,
  items: EventItem[],
  write: (events: Stamped[]) => Promise<T>,
): Promise<{ events: Stamped[]; done: Promise<T> }> {
  return seqs.run(items.length, (numbers) => {
    const events = numbered(items, numbers, now());
    const done = write(events);
    done.catch(() => undefined); // the caller awaits it; this only keeps it from counting as unhandled meanwhile
    return { events, done };
  });
}

function numbered(items: EventItem[], seqs: number[], at: number): Stamped[] {
  return items.map(({ agentId, conversationId, event }, i) => {
    const stored = { ...event, seq: seqs[i]!, at } as StoredEvent;
    // Serialised once: the same text is stored and sent to every socket.
    const json = JSON.stringify(stored);
    return {
      agentId,
      stored,
      json,
      record: { seq: stored.seq, agentId, conversationId, type: event.type, payload: stored, payloadJson: json, createdAt: at },
    };
  });
}

/** Pushes stored events to the agents' sockets (only ever after their commit). */
export function publish(hub: AgentHub, events: { agentId: string | null; stored: StoredEvent; json: string }[]): void {
  for (const e of events) hub.publish(e.agentId, e.stored, e.json);
}
