import type { FollowedEvent, LiveAgentRow, LiveQueueRow, SupervisorClientFrame, SupervisorServerFrame } from '@parley/protocol';
import { backoffDelay, SESSION_ENDED_CODE, type LinkStatus } from '../../api/socket';

export interface FloorState {
  status: LinkStatus;
  queues: ReadonlyMap<string, LiveQueueRow>;
  agents: ReadonlyMap<string, LiveAgentRow>;
  /** Server clock minus this browser's, from the last frame: timers count on the server's time. */
  skewMs: number;
}

/** A ping this often; no frame for STALE_MS (pongs included) means the link is dead though not closed. */
const PING_MS = 15_000;
const STALE_MS = 40_000;

type FollowListener = (e: FollowedEvent | { type: 'following' } | { type: 'error'; message: string }) => void;

/**
 * The supervisor socket: the floor (snapshot, then deltas applied in place of their rows), kept as
 * an immutable state for React, and the conversations being followed (sent again after a
 * reconnect, which also brings a fresh snapshot).
 */
export class FloorSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = 0;
  private state: FloorState = { status: 'connecting', queues: new Map(), agents: new Map(), skewMs: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly follows = new Map<string, Set<FollowListener>>();

  constructor(
    private readonly token: string,
    private readonly onSessionEnded: () => void,
  ) {}

  readonly subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };
  readonly getState = (): FloorState => this.state;

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.pingTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close(1000, 'bye');
    }
  }

  /** Follows a conversation while the returned function is not called. */
  follow(conversationId: string, listener: FollowListener): () => void {
    let set = this.follows.get(conversationId);
    if (!set) {
      this.follows.set(conversationId, (set = new Set()));
      this.send({ type: 'follow', conversationId });
    } else listener({ type: 'following' });
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        this.follows.delete(conversationId);
        this.send({ type: 'unfollow', conversationId });
      }
    };
  }

  private send(f: SupervisorClientFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(f));
  }

  private set(patch: Partial<FloorState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private connect(): void {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}/api/supervisor/ws?${new URLSearchParams({ token: this.token })}`);
    this.ws = ws;
    ws.onopen = () => {
      this.lastFrameAt = Date.now();
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.heartbeat(ws), PING_MS);
      for (const id of this.follows.keys()) this.send({ type: 'follow', conversationId: id });
    };
    ws.onmessage = (ev) => {
      this.lastFrameAt = Date.now();
      let f: SupervisorServerFrame;
      try {
        f = JSON.parse(String(ev.data)) as SupervisorServerFrame;
      } catch {
        return;
      }
      this.onFrame(f);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.pingTimer);
      if (ev.code === SESSION_ENDED_CODE) {
        this.set({ status: 'offline' });
        return this.onSessionEnded();
      }
      if (ev.code === 4403) return this.set({ status: 'offline' });
      this.reconnectLater();
    };
  }

  /** A silent link (network gone, no close seen): dropped without waiting for a close, and opened again. */
  private heartbeat(ws: WebSocket): void {
    if (this.ws !== ws) return;
    if (Date.now() - this.lastFrameAt <= STALE_MS) return this.send({ type: 'ping', t: Date.now() });
    this.ws = null;
    ws.onclose = ws.onmessage = ws.onopen = null;
    ws.close();
    this.reconnectLater();
  }

  private reconnectLater(): void {
    clearInterval(this.pingTimer);
    this.set({ status: 'offline' });
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.connect(), backoffDelay(this.attempt++));
  }

  private onFrame(f: SupervisorServerFrame): void {
    const skewMs = 'at' in f ? f.at - Date.now() : this.state.skewMs;
    if (f.type === 'snapshot') {
      this.attempt = 0;
      this.set({ status: 'online', skewMs, queues: new Map(f.queues.map((q) => [q.id, q])), agents: new Map(f.agents.map((a) => [a.id, a])) });
    } else if (f.type === 'delta') {
      const queues = new Map(this.state.queues);
      const agents = new Map(this.state.agents);
      for (const q of f.queues) queues.set(q.id, q);
      for (const a of f.agents) agents.set(a.id, a);
      for (const id of f.removedQueueIds) queues.delete(id);
      for (const id of f.removedAgentIds) agents.delete(id);
      this.set({ queues, agents, skewMs });
    } else if (f.type === 'following') {
      for (const l of this.follows.get(f.conversationId) ?? []) l({ type: 'following' });
    } else if (f.type === 'conversation') {
      for (const l of this.follows.get(f.conversationId) ?? []) l(f.event);
    } else if (f.type === 'error' && f.conversationId) {
      for (const l of this.follows.get(f.conversationId) ?? []) l({ type: 'error', message: f.message });
    }
  }
}
