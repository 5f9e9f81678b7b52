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

  it('events whose commits finish out of order still reach sockets in number order; a released number unblocks the rest', () => {
    const hub = new AgentHub();
    const got: number[] = [];
    const { conn } = hub.connect('a1', { readyState: 1, send: (d) => got.push(JSON.parse(d).event.seq) }, 0);
    conn.goLive();
    hub.expect([1, 2]);
    hub.expect([3]);
    hub.expect([4]);
    // 3's commit finished first: held until 1 and 2 are out, or a resuming client would skip them.
    hub.publish('a1', event(3));
    expect(got).toEqual([]);
    expect(hub.publishedThrough).toBe(0);
    hub.publish('a1', event(1));
    expect(got).toEqual([1]);
    hub.publish('a1', event(2));
    expect(got).toEqual([1, 2, 3]);
    expect(hub.publishedThrough).toBe(3);
    // 5 waits for 4, whose write stored nothing (a duplicate): releasing 4 lets 5 through.
    hub.expect([5]);
    hub.publish('a1', event(5));
    expect(got).toEqual([1, 2, 3]);
    hub.release([4]);
    expect(got).toEqual([1, 2, 3, 5]);
    expect(hub.publishedThrough).toBe(5);
  });
});
