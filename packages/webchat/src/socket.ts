import type { WebchatClientFrame, WebchatServerFrame } from '@parley/protocol';

export interface SocketHandlers {
  onFrame(frame: WebchatServerFrame): void;
  /** `connected` goes true on `hello` and false on any close. */
  onConnection(connected: boolean, everConnected: boolean): void;
  /** A close before any `hello` on this attempt: the session may be gone. */
  onFailedAttempt(): void;
  /** The server ended the session (its token expired or is unknown): no reconnecting. */
  onSessionEnded(): void;
}

/** Close codes meaning "this token is over": 4401 session ended, 4404 unknown session. */
const SESSION_OVER = new Set([4401, 4404]);

const PING_MS = 25_000;
const BACKOFF_MIN = 1_000;
const BACKOFF_MAX = 10_000;

/** One customer socket that reconnects with backoff until `stop()`. */
export class ChatSocket {
  private ws: WebSocket | null = null;
  private backoff = BACKOFF_MIN;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  private ready = false;
  private everConnected = false;

  constructor(
    private readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  get connected(): boolean {
    return this.ready;
  }

  send(frame: WebchatClientFrame): boolean {
    if (!this.ready || !this.ws) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Skip the backoff wait (the page came back online or became visible). */
  nudge(): void {
    if (this.stopped || this.ws) return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const ws = this.ws;
    this.ws = null;
    this.ready = false;
    ws?.close(1000);
  }

  private open(): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.schedule();
      return;
    }
    this.ws = ws;
    ws.onmessage = (ev) => {
      let frame: WebchatServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as WebchatServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'hello') {
        this.ready = true;
        this.everConnected = true;
        this.backoff = BACKOFF_MIN;
        clearInterval(this.pingTimer);
        this.pingTimer = setInterval(() => this.send({ type: 'ping', t: Date.now() }), PING_MS);
      }
      this.handlers.onFrame(frame);
      if (frame.type === 'hello') this.handlers.onConnection(true, true);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      const hadHello = this.ready;
      this.ws = null;
      this.ready = false;
      clearInterval(this.pingTimer);
      if (this.stopped) return;
      if (SESSION_OVER.has(ev.code)) {
        this.stopped = true;
        this.handlers.onSessionEnded();
        return;
      }
      this.handlers.onConnection(false, this.everConnected);
      if (!hadHello) this.handlers.onFailedAttempt();
      this.schedule();
    };
  }

  private schedule(): void {
    if (this.stopped) return;
    // Jitter spreads reconnects when a server restart drops many widgets at once.
    const wait = this.backoff * (0.8 + Math.random() * 0.4);
    this.backoff = Math.min(this.backoff * 2, BACKOFF_MAX);
    this.retryTimer = setTimeout(() => {
      if (!this.stopped && !this.ws) this.open();
    }, wait);
  }
}
