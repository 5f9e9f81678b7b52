import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** A WebSocket as the hubs use it: its state, and send. */
export interface OutboundSocket {
  readonly readyState: number;
  send(data: string, cb?: (err?: Error) => void): void;
}

const corked = new Set<Socket>();

function uncorkAll(): void {
  for (const s of corked) s.uncork();
  corked.clear();
}

/**
 * Frames sent to one socket during one turn of the event loop leave in one write. A committed
 * batch publishes many events at once, several to the same agent, and every write is a system call
 * (on loopback, the kernel's whole delivery to the reader) — the largest single cost per message.
 * `raw` is the TCP socket under `ws`.
 */
export function coalescing(ws: WebSocket, raw: Socket): OutboundSocket {
  return {
    get readyState() {
      return ws.readyState;
    },
    send(data, cb) {
      if (!corked.has(raw)) {
        if (corked.size === 0) process.nextTick(uncorkAll);
        raw.cork();
        corked.add(raw);
      }
      ws.send(data, cb);
    },
  };
}
