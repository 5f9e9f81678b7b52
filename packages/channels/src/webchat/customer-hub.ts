import type { ConversationStatus, MessageDto, WebchatServerFrame } from '@parley/protocol';
import type { ChannelAdapter, DeliveryResult } from '../contract';

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
export class WebchatAdapter implements ChannelAdapter {
  readonly channel = 'webchat' as const;
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

  send(conversationId: string, frame: WebchatServerFrame): Promise<boolean> {
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

  /** Delivered once written to at least one open widget socket; else it waits in the thread (sent). */
  async deliver(conversationId: string, message: MessageDto): Promise<DeliveryResult> {
    const delivered = await this.send(conversationId, { type: 'message', message });
    return { status: delivered ? 'delivered' : 'sent' };
  }

  statusChanged(conversationId: string, status: ConversationStatus, agents: string[]): void {
    void this.send(conversationId, { type: 'status', status, agents });
  }

  agentTyping(conversationId: string, typing: boolean, agentName: string): void {
    void this.send(conversationId, { type: 'typing', typing, name: agentName });
  }
}
