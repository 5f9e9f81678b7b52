import type { Socket } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';

/** A WebSocket as the hubs use it: its state, and send. */
export interface OutboundSocket {
  readonly readyState: number;
  send(data: string, cb?: (err?: Error) => void): void;
}

/** An outbound socket with a cap on what it may hold unsent. */
export interface GuardedSocket extends OutboundSocket {
  /** What is queued in this process, not yet handed to the kernel (Node counts text frames in UTF-16 units). */
  readonly bufferedAmount: number;
  /** Resolves once at most half the cap is queued, or the socket is gone (for bulk writers: replay). */
  roomToWrite(): Promise<void>;
}

export interface BufferCap {
  maxBytes: number;
  /** Called once when a socket was cut off for passing the cap. */
  onOverflow(): void;
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
 *
 * A peer that never reads makes every frame for it pile up in this process. Past `cap.maxBytes`
 * the socket is destroyed at once (a close frame would only queue behind the rest), which frees
 * its queue; its close handlers run as for any close and a live client reconnects.
 */
export function coalescing(ws: WebSocket, raw: Socket, cap: BufferCap): GuardedSocket {
  let overflowed = false;
  return {
    get readyState() {
      return ws.readyState;
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    send(data, cb) {
      if (!corked.has(raw)) {
        if (corked.size === 0) process.nextTick(uncorkAll);
        raw.cork();
        corked.add(raw);
      }
      ws.send(data, cb);
      if (!overflowed && ws.bufferedAmount > cap.maxBytes) {
        overflowed = true;
        // No close frame: it would queue behind what the peer isn't reading. It sees 1006.
        ws.terminate();
        cap.onOverflow();
      }
    },
    roomToWrite() {
      const half = cap.maxBytes / 2;
      if (ws.readyState !== 1 || ws.bufferedAmount <= half) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const check = () => {
          if (ws.readyState === 1 && ws.bufferedAmount > half) return;
          raw.off('drain', check);
          ws.off('close', check);
          resolve();
        };
        raw.on('drain', check);
        ws.on('close', check);
      });
    },
  };
}

/** Bytes queued unsent over every open socket (the `parley_ws_buffered_bytes` gauge). */
export function bufferedBytes(wss: WebSocketServer | undefined): number {
  let n = 0;
  for (const ws of wss?.clients ?? []) n += ws.bufferedAmount;
  return n;
}
