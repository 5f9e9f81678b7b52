/**
 * The supervisor live view's socket (`/api/supervisor/ws?token=`) for tests and benchmarks: it
 * keeps the floor as the frames describe it (snapshot, then deltas) and lets the caller wait until
 * that floor, or a frame, matches a predicate. Nothing sleeps: waits are re-checked on each frame.
 */
import WebSocket from 'ws';
import type { FollowedEvent, LiveAgentRow, LiveQueueRow, SupervisorClientFrame, SupervisorServerFrame } from '@parley/protocol';
import { DEFAULT_WAIT_MS } from './clients';

export interface Floor {
  queues: Map<string, LiveQueueRow>;
  agents: Map<string, LiveAgentRow>;
}

export class SupervisorLiveClient {
  readonly frames: SupervisorServerFrame[] = [];
  readonly floor: Floor = { queues: new Map(), agents: new Map() };
  /** Events of followed conversations, in arrival order. */
  readonly followed: { conversationId: string; event: FollowedEvent }[] = [];
  /** When each frame arrived (performance.now()), for latency measurements. */
  readonly arrivals: number[] = [];
  private waiters = new Set<() => void>();
  private closeInfo: { code: number; reason: string } | null = null;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw: Buffer) => {
      const f = JSON.parse(raw.toString('utf8')) as SupervisorServerFrame;
      this.frames.push(f);
      this.arrivals.push(performance.now());
      this.apply(f);
      for (const w of [...this.waiters]) w();
    });
    ws.on('close', (code, reason) => {
      this.closeInfo = { code, reason: reason.toString() };
      for (const w of [...this.waiters]) w();
    });
    ws.on('error', () => undefined);
  }

  /** Opens the socket; resolves once it is open (the snapshot may still be on its way: `waitFor`). */
  static async connect(baseUrl: string, token: string): Promise<SupervisorLiveClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/supervisor/ws?${new URLSearchParams({ token })}`);
    const c = new SupervisorLiveClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return c;
  }

  get closed(): { code: number; reason: string } | null {
    return this.closeInfo;
  }

  send(f: SupervisorClientFrame): void {
    this.ws.send(JSON.stringify(f));
  }

  follow(conversationId: string): Promise<SupervisorServerFrame> {
    const from = this.frames.length;
    this.send({ type: 'follow', conversationId });
    return this.waitForFrame((f) => (f.type === 'following' || f.type === 'error') && 'conversationId' in f && f.conversationId === conversationId, from);
  }

  queue(id: string): LiveQueueRow | undefined {
    return this.floor.queues.get(id);
  }
  agent(id: string): LiveAgentRow | undefined {
    return this.floor.agents.get(id);
  }

  /** Waits until `check` holds of the floor (checked now and after every frame). */
  waitFor(check: (floor: Floor) => boolean, label = 'floor', timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    return this.until(() => (check(this.floor) ? true : undefined), label, timeoutMs).then(() => undefined);
  }

  /** Waits for a frame (from index `from`) matching `predicate`. */
  waitForFrame(predicate: (f: SupervisorServerFrame) => boolean, from = 0, timeoutMs = DEFAULT_WAIT_MS): Promise<SupervisorServerFrame> {
    let i = from;
    return this.until(
      () => {
        for (; i < this.frames.length; i++) if (predicate(this.frames[i]!)) return this.frames[i];
        return undefined;
      },
      'frame',
      timeoutMs,
    );
  }

  /** Waits for an event of a followed conversation. */
  waitForFollowed(predicate: (e: { conversationId: string; event: FollowedEvent }) => boolean, timeoutMs = DEFAULT_WAIT_MS) {
    return this.until(() => this.followed.find(predicate), 'followed event', timeoutMs);
  }

  /** Waits for the socket to close, with its code. */
  waitForClose(timeoutMs = DEFAULT_WAIT_MS): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closeInfo ?? undefined, 'close', timeoutMs);
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  private until<T>(probe: () => T | undefined, label: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const hit = probe();
        if (hit === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const last = this.frames.slice(-5).map((f) => JSON.stringify(f).slice(0, 300));
        reject(new Error(`supervisor ${label}: timed out after ${timeoutMs} ms; last frames:\n${last.join('\n')}`));
      }, timeoutMs);
      timer.unref();
      this.waiters.add(check);
      check();
    });
  }

  private apply(f: SupervisorServerFrame): void {
    if (f.type === 'snapshot') {
      this.floor.queues = new Map(f.queues.map((q) => [q.id, q]));
      this.floor.agents = new Map(f.agents.map((a) => [a.id, a]));
    } else if (f.type === 'delta') {
      for (const q of f.queues) this.floor.queues.set(q.id, q);
      for (const a of f.agents) this.floor.agents.set(a.id, a);
      for (const id of f.removedQueueIds) this.floor.queues.delete(id);
      for (const id of f.removedAgentIds) this.floor.agents.delete(id);
    } else if (f.type === 'conversation') {
      this.followed.push({ conversationId: f.conversationId, event: f.event });
    }
  }
}
