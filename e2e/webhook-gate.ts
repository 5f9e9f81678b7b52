import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * Sits between the provider simulator and Parley and passes every webhook through, byte for byte;
 * `hold()` keeps the next ones waiting until `release()`. A test can then see a state that the next
 * webhook would end (a message Sent before its Delivered receipt) without racing it.
 */
export interface WebhookGate {
  url: string;
  /** Where webhooks go once through the gate (set when the server listens). */
  target: string;
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startWebhookGate(): Promise<WebhookGate> {
  let held: (() => void)[] | null = null;
  const gate = { target: '' };
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const out = request(`${gate.target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    out.end(body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const go = () => forward(req, res, Buffer.concat(chunks));
      if (held) held.push(go);
      else go();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(gate, {
    url: `http://127.0.0.1:${port}`,
    hold: () => {
      held ??= [];
    },
    release: () => {
      const waiting = held ?? [];
      held = null;
      for (const go of waiting) go();
    },
    close: () => {
      gate.target = '';
      server.closeAllConnections();
      return new Promise<void>((ok) => server.close(() => ok()));
    },
  });
}
