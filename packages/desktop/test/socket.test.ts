/** The Desktop's event socket: resumes with its epoch, and a "session ended" close signs out instead of reconnecting. */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DeskSocket, SESSION_ENDED_CODE, socketUrl } from '../src/api/socket';

class FakeWebSocket {
  static readonly OPEN = 1;
  static all: FakeWebSocket[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    FakeWebSocket.all.push(this);
  }
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
  /** The server closes the socket with `code`. */
  serverClose(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeWebSocket.all = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
  vi.stubGlobal('window', { addEventListener: () => undefined, removeEventListener: () => undefined });
  vi.stubGlobal('location', { protocol: 'http:', host: 'desk.test' });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function socket(h: { onSessionEnded?: () => void } = {}) {
  const statuses: string[] = [];
  const s = new DeskSocket('tok en', { since: () => 42, epoch: () => 'ep1', onFrame: () => undefined, onStatus: (x) => statuses.push(x), ...h });
  return { s, statuses };
}

it('resumes with since and epoch in the URL', () => {
  expect(socketUrl('a b', 7, 'ep1', { protocol: 'https:', host: 'h' })).toBe('wss://h/api/ws?token=a+b&since=7&epoch=ep1');
  const { s } = socket();
  s.start();
  expect(new URL(FakeWebSocket.all[0]!.url).searchParams.get('epoch')).toBe('ep1');
  s.stop();
});

it('a session-ended close signs out and never reconnects; another close reconnects', () => {
  const ended = vi.fn();
  const { s } = socket({ onSessionEnded: ended });
  s.start();
  FakeWebSocket.all[0]!.serverClose(1006);
  vi.advanceTimersByTime(60_000);
  expect(FakeWebSocket.all).toHaveLength(2);
  expect(ended).not.toHaveBeenCalled();

  FakeWebSocket.all[1]!.serverClose(SESSION_ENDED_CODE);
  expect(ended).toHaveBeenCalledOnce();
  vi.advanceTimersByTime(60_000);
  expect(FakeWebSocket.all).toHaveLength(2);
});
