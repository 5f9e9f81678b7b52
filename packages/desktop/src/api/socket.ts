import type { AgentClientFrame, AgentServerFrame } from '@parley/protocol';

export type LinkStatus = 'connecting' | 'online' | 'offline';

export interface SocketHandlers {
  /** The sequence to resume from (last event seen). */
  since: () => number;
  /** The event stream `since` belongs to (from the desk snapshot). */
  epoch: () => string;
  onFrame: (frame: AgentServerFrame) => void;
  onStatus: (status: LinkStatus) => void;
  /** The socket keeps failing: let the owner check whether the token is still valid. */
  onRepeatedFailure?: () => void;
  /** The server closed with "session ended" (logout elsewhere, expiry): sign out, don't reconnect. */
  onSessionEnded?: () => void;
}

/** Close code the server uses when the token's session ended (see docs/api.md). */
export const SESSION_ENDED_CODE = 4401;

const PING_MS = 15_000;
const STALE_MS = 40_000;
const MAX_DELAY_MS = 10_000;

/** Backoff before attempt n (0-based): 0.5 s, 1 s, 2 s, 4 s, 8 s, 10 s… with ±25 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, 500 * 2 ** attempt);
  return Math.round(base * (0.75 + random() * 0.5));
}

export function socketUrl(token: string, since: number, epoch: string, loc: Pick<Location, 'protocol' | 'host'> = location): string {
  const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  const q = new URLSearchParams({ token, since: String(since) });
  if (epoch) q.set('epoch', epoch);
  return `${proto}//${loc.host}/api/ws?${q}`;
}

/**
 * The agent event stream with resume: every (re)connect asks for the events after the last seq seen,
 * retries in the background with backoff, and can be told to retry at once (`retryNow`).
 */
export class DeskSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = 0;
  private stopped = false;
  private status: LinkStatus = 'connecting';

  constructor(
    private readonly token: string,
    private readonly h: SocketHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    window.addEventListener('online', this.retryNow);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.retryNow);
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const ws = this.ws;
    this.ws = null;
    ws?.close(1000, 'bye');
  }

  /** Reconnect now (the banner's Refresh). */
  readonly retryNow = (): void => {
    if (this.stopped) return;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN && this.status === 'online') return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.drop();
    this.connect();
  };

  send(frame: AgentClientFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private setStatus(s: LinkStatus): void {
    if (this.status === s) return;
    this.status = s;
    this.h.onStatus(s);
  }

  private drop(): void {
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onclose = ws.onerror = ws.onmessage = null;
      try {
        ws.close();
      } catch {
        /* already closed */
      }
    }
  }

  private connect(): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(socketUrl(this.token, this.h.since(), this.h.epoch()));
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.onmessage = (ev) => {
      this.lastFrameAt = Date.now();
      let frame: AgentServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as AgentServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'hello') {
        this.attempt = 0;
        this.setStatus('online');
      }
      this.h.onFrame(frame);
    };
    ws.onopen = () => {
      this.lastFrameAt = Date.now();
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.heartbeat(), PING_MS);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.pingTimer);
      if (ev.code === SESSION_ENDED_CODE) {
        this.stop();
        this.setStatus('offline');
        this.h.onSessionEnded?.();
        return;
      }
      this.scheduleRetry();
    };
  }

  private heartbeat(): void {
    if (Date.now() - this.lastFrameAt > STALE_MS) {
      this.drop();
      this.scheduleRetry();
      return;
    }
    this.send({ type: 'ping', t: Date.now() });
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.setStatus('offline');
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    if (this.attempt % 4 === 0) this.h.onRepeatedFailure?.();
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }
}
