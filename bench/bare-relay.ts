/**
 * The baseline: a bare `ws` relay, nothing else. Customer socket → server → agent socket.
 *   /a?k=K   agent socket number K
 *   /c?k=K   a customer socket whose frames go to agent socket K (forwarded as they are)
 * Run as a child process (like the Parley server) so it doesn't share the load generator's loop:
 *   PORT=… node --import tsx bench/bare-relay.ts   → prints "READY <port>"
 */
import { WebSocketServer, type WebSocket } from 'ws';

const port = Number(process.env.PORT ?? 0);
const agents = new Map<string, WebSocket>();
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: 256 * 1024 });

wss.on('connection', (ws, req) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const k = url.searchParams.get('k') ?? '0';
  if (url.pathname === '/a') {
    agents.set(k, ws);
    ws.on('close', () => agents.get(k) === ws && agents.delete(k));
    ws.send('{"type":"hello"}');
  } else if (url.pathname === '/c') {
    ws.on('message', (data, isBinary) => {
      const a = agents.get(k);
      if (a && a.readyState === 1) a.send(data, { binary: isBinary });
    });
    ws.send('{"type":"hello"}');
  } else ws.close(4404, 'unknown path');
});

wss.on('listening', () => {
  const a = wss.address();
  process.stdout.write(`READY ${typeof a === 'object' && a ? a.port : port}\n`);
});

const stop = () => wss.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
