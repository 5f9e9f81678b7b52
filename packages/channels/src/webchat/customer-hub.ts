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

  attach(conversationId: string, socket: CustomerSocket): () => void {
    let set = this.sockets.get(conversationId);
    if (!set) this.sockets.set(conversationId, (set = new Set()));
    set.add(socket);
    return () => {
      set.delete(socket);
      if (set.size === 0) this.sockets.delete(conversationId);
    };
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

  statusChanged(conversationId: string, status: ConversationStatus): void {
    void this.send(conversationId, { type: 'status', status });
  }

  agentTyping(conversationId: string, typing: boolean, agentName: string): void {
    void this.send(conversationId, { type: 'typing', typing, name: agentName });
  }
}
