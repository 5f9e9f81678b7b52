import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveQueueRow, SupervisorServerFrame } from '@parley/protocol';
import { FloorSocket } from '../src/features/supervisor/floor-socket';

/**
 * The supervisor area's socket: the floor as the frames describe it, follows sent again after a
 * reconnect, a silent link dropped and reopened, and no retry once the server refused the role.
 */
class FakeSocket {
  static OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  frame(f: SupervisorServerFrame) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
  closedByServer(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const queue = (id: string, waiting: number): LiveQueueRow => ({ id, name: id, channel: 'webchat', waiting, longestWaitSince: null, offered: 0, active: 0, availableAgents: 0 });
const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

describe('FloorSocket', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal('location', { protocol: 'http:', host: 'parley.test' });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps the floor from the snapshot and deltas, and follows again after a reconnect', () => {
    const s = new FloorSocket('tok', () => undefined);
    s.start();
    expect(last().url).toBe('ws://parley.test/api/supervisor/ws?token=tok');
    last().open();
    last().frame({ type: 'snapshot', at: 5_000, queues: [queue('q1', 0), queue('q2', 1)], agents: [] });
    expect(s.getState()).toMatchObject({ status: 'online', skewMs: 5_000 - Date.now() });
    last().frame({ type: 'delta', at: 6_000, queues: [queue('q1', 3)], agents: [], removedQueueIds: ['q2'], removedAgentIds: [] });
    expect([...s.getState().queues.values()].map((q) => [q.id, q.waiting])).toEqual([['q1', 3]]);

    const heard: string[] = [];
    s.follow('c1', (e) => heard.push(e.type));
    expect(last().sent).toEqual([{ type: 'follow', conversationId: 'c1' }]);
    last().closedByServer(1006);
    expect(s.getState().status).toBe('offline');
    vi.advanceTimersByTime(1_000);
    expect(FakeSocket.all).toHaveLength(2);
    last().open();
    expect(last().sent).toEqual([{ type: 'follow', conversationId: 'c1' }]);
    last().frame({ type: 'following', conversationId: 'c1' });
    expect(heard).toEqual(['following']);
  });

  it('drops a link that went silent and opens a new one, without waiting for a close', () => {
    const s = new FloorSocket('tok', () => undefined);
    s.start();
    last().open();
    last().frame({ type: 'snapshot', at: 0, queues: [], agents: [] });
    vi.advanceTimersByTime(15_000);
    expect(last().sent).toEqual([expect.objectContaining({ type: 'ping' })]);
    last().frame({ type: 'pong', t: 1 });
    vi.advanceTimersByTime(30_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(FakeSocket.all[0]!.readyState).toBe(1);
    // Nothing answers any more: at the first ping more than 40 s after the last frame it is given up.
    vi.advanceTimersByTime(15_000);
    expect(FakeSocket.all[0]!.readyState).toBe(3);
    vi.advanceTimersByTime(1_000);
    expect(FakeSocket.all).toHaveLength(2);
    s.stop();
  });

  it('does not retry after the server refused the role (4403)', () => {
    const s = new FloorSocket('tok', () => undefined);
    s.start();
    last().closedByServer(4403);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(s.getState().status).toBe('offline');
  });
});
