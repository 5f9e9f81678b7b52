import type { Outcome } from '@parley/core';
import { FloorModel } from '@parley/core';
import type { FollowedEvent, SupervisorServerFrame } from '@parley/protocol';
import type { MessageRecord } from '@parley/storage';
import type { AppCore } from '../../core';
import { messageDto } from '../../dto';
import { liveAgentRow, liveQueueRow, liveSnapshot } from './rows';

/** How long changes gather before one delta frame carries them (the latest row of each). */
export const DEFAULT_FLUSH_MS = 150;
/** Conversations one viewer may follow at once. */
export const MAX_FOLLOWS = 20;

export interface ViewerSocket {
  readonly readyState: number;
  send(data: string): void;
}

/** One supervisor's socket: what it follows. */
export class Viewer {
  readonly following = new Set<string>();
  constructor(private readonly socket: ViewerSocket) {}
  send(f: SupervisorServerFrame): void {
    this.sendText(JSON.stringify(f));
  }
  sendText(text: string): void {
    if (this.socket.readyState === 1) this.socket.send(text);
  }
}

/**
 * The supervisor live view's server side: the floor model fed by every applied outcome, its
 * changes sent to every viewer as one delta frame per `flushMs` (a burst of 1,000 outcomes costs
 * one frame with the latest rows), and the events of conversations viewers follow.
 *
 * While nobody watches, outcomes cost nothing here: the floor is built when the first viewer
 * connects and dropped when the last leaves.
 */
export class Supervision {
  private floor: FloorModel | null = null;
  private readonly viewers = new Set<Viewer>();
  private readonly followers = new Map<string, Set<Viewer>>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly core: AppCore,
    private readonly flushMs = DEFAULT_FLUSH_MS,
  ) {}

  /** A viewer connected: it gets the whole floor now, deltas after. */
  connect(socket: ViewerSocket): Viewer {
    if (!this.floor) {
      this.floor = new FloorModel(this.core.engine);
      this.floor.rebuild();
      this.floor.takeChanges();
    }
    const v = new Viewer(socket);
    this.viewers.add(v);
    v.send(liveSnapshot(this.core, this.floor));
    return v;
  }

  disconnect(v: Viewer): void {
    this.viewers.delete(v);
    for (const id of v.following) this.unfollow(v, id);
    if (this.viewers.size === 0) {
      this.floor = null;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }
  }

  /** Open conversations of a queue or of an agent, from the floor (built on demand). */
  conversationsOf(by: { queueId?: string; agentId?: string }) {
    const floor = this.floor ?? this.freshFloor();
    return by.queueId ? floor.conversationsOfQueue(by.queueId) : by.agentId ? floor.conversationsOfAgent(by.agentId) : [];
  }

  /** False when the viewer already follows as many as it may. */
  follow(v: Viewer, conversationId: string): boolean {
    if (!v.following.has(conversationId) && v.following.size >= MAX_FOLLOWS) return false;
    v.following.add(conversationId);
    let set = this.followers.get(conversationId);
    if (!set) this.followers.set(conversationId, (set = new Set()));
    set.add(v);
    return true;
  }

  unfollow(v: Viewer, conversationId: string): void {
    v.following.delete(conversationId);
    const set = this.followers.get(conversationId);
    set?.delete(v);
    if (set?.size === 0) this.followers.delete(conversationId);
  }

  /** After an outcome was stored and published to agents. `notices`: the notice messages it stored. */
  outcomeApplied(outcome: Outcome, notices: readonly MessageRecord[]): void {
    if (this.floor) {
      this.floor.apply(outcome);
      if (this.floor.hasChanges()) this.schedule();
    }
    if (this.followers.size === 0) return;
    for (const rec of notices) {
      if (this.followers.has(rec.conversationId)) this.conversationEvent(rec.conversationId, { type: 'message.created', message: messageDto(rec, this.core.deps.fileUrl) });
    }
    for (const c of outcome.conversations) {
      if (!this.followers.has(c.id)) continue;
      const dto = this.core.conversationDto(c);
      if (dto) this.conversationEvent(c.id, { type: 'conversation.updated', conversation: dto });
    }
  }

  /** Something happened in a conversation (after its commit): its followers hear of it. */
  conversationEvent(conversationId: string, event: FollowedEvent): void {
    const set = this.followers.get(conversationId);
    if (!set) return;
    const text = JSON.stringify({ type: 'conversation', conversationId, at: this.core.now, event } satisfies SupervisorServerFrame);
    for (const v of set) v.sendText(text);
  }

  /** The configuration changed (names, members, capacity, queues or agents added or deleted): a fresh snapshot for all. */
  configChanged(): void {
    if (!this.floor) return;
    this.floor.takeChanges();
    const text = JSON.stringify(liveSnapshot(this.core, this.floor));
    for (const v of this.viewers) v.sendText(text);
  }

  /** Sends what is pending now (tests and shutdown); normally the timer does. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const floor = this.floor;
    if (!floor?.hasChanges()) return;
    const { queueIds, agentIds } = floor.takeChanges();
    const frame: SupervisorServerFrame = { type: 'delta', at: this.core.now, queues: [], agents: [], removedQueueIds: [], removedAgentIds: [] };
    for (const id of queueIds) {
      const q = liveQueueRow(this.core, floor, id);
      if (q) frame.queues.push(q);
      else frame.removedQueueIds.push(id);
    }
    for (const id of agentIds) {
      const a = liveAgentRow(this.core, floor, id);
      if (a) frame.agents.push(a);
      else frame.removedAgentIds.push(id);
    }
    const text = JSON.stringify(frame);
    for (const v of this.viewers) v.sendText(text);
  }

  private schedule(): void {
    if (this.timer || this.viewers.size === 0) return;
    this.timer = setTimeout(() => this.flush(), this.flushMs);
    this.timer.unref?.();
  }

  private freshFloor(): FloorModel {
    const f = new FloorModel(this.core.engine);
    f.rebuild();
    return f;
  }
}
