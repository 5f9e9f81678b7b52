/** The widget's socket: a "session over" close (4401/4404) ends it for good; other closes reconnect. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ChatSocket } from '../src/socket';

class FakeWebSocket {
  static all: FakeWebSocket[] = [];
  onclose: ((ev: { code: number }) => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeWebSocket.all.push(this);
  }
  send(): void {}
  close(): void {}
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.all = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

it('reconnects after an ordinary close, and stops with onSessionEnded after 4401', () => {
  const h = { onFrame: vi.fn(), onConnection: vi.fn(), onFailedAttempt: vi.fn(), onSessionEnded: vi.fn() };
  const s = new ChatSocket('ws://x/webchat/ws?token=t', h);
  s.start();
  FakeWebSocket.all[0]!.onmessage?.({ data: JSON.stringify({ type: 'hello', snapshot: {} }) });
  FakeWebSocket.all[0]!.onclose?.({ code: 1012 });
  vi.advanceTimersByTime(60_000);
  expect(FakeWebSocket.all).toHaveLength(2);
  expect(h.onSessionEnded).not.toHaveBeenCalled();

  FakeWebSocket.all[1]!.onclose?.({ code: 4401 });
  expect(h.onSessionEnded).toHaveBeenCalledOnce();
  vi.advanceTimersByTime(60_000);
  expect(FakeWebSocket.all).toHaveLength(2);
});
