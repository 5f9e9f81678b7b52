import { DEFAULT_CHANNEL_RULES, type ConversationStatus, type WebchatServerFrame } from '@parley/protocol';
import type { ChannelAdapter } from '../contract';

/** What the hub needs of a WebSocket (ws's WebSocket fits). */
export interface CustomerSocket {
  readonly readyState: number;
  send(data: string, cb?: (err?: Error) => void): void;
}
const OPEN = 1;

/**
 * Web chat is our own channel: the "provider" is the widget's WebSocket. A customer may have the
 * chat open in several tabs, so a conversation maps to a set of sockets.
 */
export class WebchatAdapter {
  private sockets = new Map<string, Set<CustomerSocket>>();
  private presence: ((conversationId: string, present: boolean) => void) | undefined;

  /**
   * Tells `listener` when a conversation's customer gets their first socket (present) and loses
   * their last one (gone): what abandoned-chat detection needs. Tabs coming and going in between
   * are not reported.
   */
  onPresence(listener: (conversationId: string, present: boolean) => void): void {
    this.presence = listener;
  }

  attach(conversationId: string, socket: CustomerSocket): () => void {
    let set = this.sockets.get(conversationId);
    if (!set) this.sockets.set(conversationId, (set = new Set()));
    const first = set.size === 0;
    set.add(socket);
    if (first) this.presence?.(conversationId, true);
    let attached = true;
    return () => {
      if (!attached) return;
      attached = false;
      set.delete(socket);
      if (set.size > 0) return;
      // Only when the set is still the current one: a late detach must not drop a newer set.
      if (this.sockets.get(conversationId) === set) this.sockets.delete(conversationId);
      this.presence?.(conversationId, false);
    };
  }

  /** Whether the customer of `conversationId` has a socket open now. */
  isPresent(conversationId: string): boolean {
    return this.socketCount(conversationId) > 0;
  }

  /** Open sockets of one chat session (the server caps them). */
  socketCount(conversationId: string): number {
    return this.sockets.get(conversationId)?.size ?? 0;
  }

  connectedCount(): number {
    let n = 0;
    for (const s of this.sockets.values()) n += s.size;
    return n;
  }

  push(conversationId: string, frame: WebchatServerFrame): Promise<boolean> {
    const set = this.sockets.get(conversationId);
    if (!set || set.size === 0) return Promise.resolve(false);
    const data = JSON.stringify(frame);
    return Promise.all(
      [...set].map(
        (s) =>
          new Promise<boolean>((ok) => {
            if (s.readyState !== OPEN) return ok(false);
            s.send(data, (err) => ok(!err));
          }),
      ),
    ).then((results) => results.some(Boolean));
  }

  /** The adapter the pipeline reads: a send is a push to the customer's open widget sockets. */
  readonly adapter: ChannelAdapter = {
    channel: 'webchat',
    rules: DEFAULT_CHANNEL_RULES.webchat,
    tracksPresence: true,
    // Delivered once written to at least one open widget socket; else it waits in the thread (sent).
    send: async (_msg, ctx) => ({ ok: true, providerId: '', delivered: await this.push(ctx.conversationId, { type: 'message', message: ctx.message }) }),
    conversationChanged: (conversationId: string, status: ConversationStatus, agents: string[]) => {
      void this.push(conversationId, { type: 'status', status, agents });
    },
    agentTyping: (conversationId: string, typing: boolean, agentName: string) => {
      void this.push(conversationId, { type: 'typing', typing, name: agentName });
    },
  };
}
