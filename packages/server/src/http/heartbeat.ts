import type { WebSocket, WebSocketServer } from 'ws';

/**
 * A socket whose peer vanished (phone lost its network, a proxy dropped the connection) never
 * closes by itself. Every `everyMs` each socket is pinged; one that did not answer the previous
 * ping is terminated, so its close handlers run and its Desktop or widget reconnects.
 * Browsers answer WebSocket pings on their own.
 */
export function startHeartbeat(wss: WebSocketServer, everyMs: number): () => void {
  const answered = new WeakSet<WebSocket>();
  wss.on('connection', (ws: WebSocket) => {
    answered.add(ws);
    ws.on('pong', () => answered.add(ws));
  });
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!answered.has(ws)) {
        ws.terminate();
        continue;
      }
      answered.delete(ws);
      ws.ping();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
