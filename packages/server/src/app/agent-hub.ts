import type { AgentServerFrame, StoredEvent } from '@parley/protocol';

export interface AgentSocket {
  readonly readyState: number;
  send(data: string): void;
}

/** One agent connection. While it replays stored events, live ones are held back so order holds. */
class Connection {
  private held: { event: StoredEvent; json?: string }[] | null = [];
  private lastSeq: number;
  constructor(
    readonly agentId: string,
    private socket: AgentSocket,
    since: number,
  ) {
    this.lastSeq = since;
  }

  push(event: StoredEvent, json?: string): void {
    if (this.held) this.held.push({ event, json });
    else this.write(event, json);
  }

  /** Replay done: write what arrived meanwhile (skipping what replay already sent), then go live. */
  goLive(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const e of held) this.write(e.event, e.json);
  }

  /** Resync: the client reloads its snapshot, so live events continue after `seq`, whatever it asked. */
  restartFrom(seq: number): void {
    this.lastSeq = seq;
  }

  /** `json`: the event already serialised (it is stored that way), so it isn't stringified per socket. */
  write(event: StoredEvent, json?: string): void {
    if (event.seq !== 0 && event.seq <= this.lastSeq) return;
    if (event.seq !== 0) this.lastSeq = event.seq;
    if (json === undefined) return this.frame({ type: 'event', event });
    if (this.socket.readyState === 1) this.socket.send(`{"type":"event","event":${json}}`);
  }

  frame(f: AgentServerFrame): void {
    if (this.socket.readyState === 1) this.socket.send(JSON.stringify(f));
  }
}

type Ready = { agentId: string | null; event: StoredEvent; json?: string };

/**
 * Live agent sockets; events for `null` go to every agent. Events reach sockets in number order even
 * when their commits finish out of order: a number handed out (`expect`) holds back every later one
 * until it is published or released (its write stored nothing, or failed). A client that saw event n
 * has therefore seen every event below n that exists, which is what resuming from n relies on.
 */
export class AgentHub {
  private byAgent = new Map<string, Set<Connection>>();
  private published = 0;
  /** Numbers handed out, ascending, from `head`; those still in `waiting` are neither published nor released. */
  private order: number[] = [];
  private head = 0;
  private readonly waiting = new Set<number>();
  private readonly ready = new Map<number, Ready[]>();

  /** Numbers just handed out (ascending, after every earlier call's): later events wait for them. */
  expect(numbers: readonly number[]): void {
    for (const n of numbers) {
      this.order.push(n);
      this.waiting.add(n);
    }
  }

  /** Numbers that will not be published (a duplicate, nothing changed, a failed write). */
  release(numbers: readonly number[]): void {
    for (const n of numbers) this.waiting.delete(n);
    this.flush();
  }

  private flush(): void {
    while (this.head < this.order.length && !this.waiting.has(this.order[this.head]!)) {
      const n = this.order[this.head++]!;
      for (const r of this.ready.get(n) ?? []) this.deliver(r.agentId, r.event, r.json);
      this.ready.delete(n);
      if (n > this.published) this.published = n;
    }
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  /**
   * The highest event number published so far (events are published in number order, after their
   * commit). A snapshot is tagged with it, not with the highest number handed out: an event numbered
   * but still being written must come after the snapshot, or a client would drop it as already seen.
   */
  get publishedThrough(): number {
    return this.published;
  }

  /** At start: everything stored before counts as published (replay serves it). */
  startAt(seq: number): void {
    this.published = Math.max(this.published, seq);
  }

  connect(agentId: string, socket: AgentSocket, since: number): { conn: Connection; close: () => void } {
    const conn = new Connection(agentId, socket, since);
    let set = this.byAgent.get(agentId);
    if (!set) this.byAgent.set(agentId, (set = new Set()));
    set.add(conn);
    return {
      conn,
      close: () => {
        set.delete(conn);
        if (set.size === 0) this.byAgent.delete(agentId);
      },
    };
  }

  isConnected(agentId: string): boolean {
    return (this.byAgent.get(agentId)?.size ?? 0) > 0;
  }

  count(): number {
    let n = 0;
    for (const s of this.byAgent.values()) n += s.size;
    return n;
  }

  publish(agentId: string | null, event: StoredEvent, json?: string): void {
    if (event.seq !== 0 && this.waiting.has(event.seq)) {
      this.waiting.delete(event.seq);
      const list = this.ready.get(event.seq) ?? [];
      list.push({ agentId, event, json });
      this.ready.set(event.seq, list);
      this.flush();
      return;
    }
    // Ephemeral (typing), or a number nobody announced: straight out.
    if (event.seq > this.published) this.published = event.seq;
    this.deliver(agentId, event, json);
  }

  private deliver(agentId: string | null, event: StoredEvent, json?: string): void {
    if (agentId === null) {
      for (const set of this.byAgent.values()) for (const c of set) c.push(event, json);
      return;
    }
    const set = this.byAgent.get(agentId);
    if (set) for (const c of set) c.push(event, json);
  }

  /** Every socket of an agent (e.g. logout). */
  forEach(agentId: string, fn: (c: Connection) => void): void {
    for (const c of this.byAgent.get(agentId) ?? []) fn(c);
  }
}

export type { Connection };
