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
 * step: commits start in number order. The hub holds later events back until these are published
 * (by the caller, right after `done`) or, once `done` has settled and the caller had its turn,
 * released: a caller that stores nothing (a duplicate) or fails never blocks the stream.
 */
export async function stamp<T>(
  core: { seqs: SeqBlocks; hub: AgentHub },
  now: () => number,
  items: EventItem[],
  write: (events: Stamped[]) => Promise<T>,
): Promise<{ events: Stamped[]; done: Promise<T> }> {
  return core.seqs.run(items.length, (numbers) => {
    core.hub.expect(numbers);
    const events = numbered(items, numbers, now());
    let done: Promise<T>;
    try {
      done = write(events);
    } catch (err) {
      done = Promise.reject(err);
    }
    // After the caller's own continuation (publish or not) has run: whatever it left is released.
    const release = () => setImmediate(() => core.hub.release(numbers));
    done.then(release, release);
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
