import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@parley/protocol';
import { AgentHub } from '../src/app/agent-hub';

const event = (seq: number) => ({ type: 'agent.updated', seq, at: 0 }) as unknown as StoredEvent;

describe('AgentHub.publishedThrough', () => {
  it('is the highest number published, not handed out: a snapshot never claims an event still being written', () => {
    const hub = new AgentHub();
    hub.startAt(40); // stored before this start
    expect(hub.publishedThrough).toBe(40);
    hub.publish('a1', event(41));
    hub.publish(null, event(42));
    expect(hub.publishedThrough).toBe(42);
    // Typing frames carry no number and move nothing.
    hub.publish('a1', event(0));
    expect(hub.publishedThrough).toBe(42);
  });

  it('a connection resuming from publishedThrough receives the next events once each', () => {
    const hub = new AgentHub();
    hub.publish('a1', event(7));
    const got: string[] = [];
    const { conn } = hub.connect('a1', { readyState: 1, send: (d) => got.push(d) }, hub.publishedThrough);
    conn.goLive();
    hub.publish('a1', event(7)); // already seen
    hub.publish('a1', event(8));
    expect(got.map((d) => JSON.parse(d).event.seq)).toEqual([8]);
  });
});
