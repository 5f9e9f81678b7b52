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

/** Live agent sockets; events for `null` go to every agent. */
export class AgentHub {
  private byAgent = new Map<string, Set<Connection>>();
  private published = 0;

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
    if (event.seq > this.published) this.published = event.seq;
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
