import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A workflow receiver for tests: checks every request as docs/workflows.md tells receivers to
 * (signature over `<timestamp>.<raw body>`, timestamp within 5 minutes of its clock), acts once per
 * `Parley-Run-Id` (a retry or a replay of a run it acted on gets the first answer again), then
 * answers as the path says. Requests failing the check get 401; every request is recorded.
 */
export type Verdict = 'ok' | 'bad-signature' | 'stale' | 'duplicate';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  verdict: Verdict;
}

/** The check from docs/workflows.md: is this request Parley's, and recent? */
export function verifyParleyRequest(secret: string, headers: IncomingHttpHeaders, rawBody: string, nowSeconds: number): 'ok' | 'bad-signature' | 'stale' {
  const timestamp = String(headers['parley-timestamp'] ?? '');
  const signature = String(headers['parley-signature'] ?? '');
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'bad-signature';
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return 'stale';
  return 'ok';
}

export interface WorkflowReceiver {
  url: string;
  /** Added to the receiver's clock (seconds): a replay "later" without waiting. */
  clockSkewSeconds: number;
  received: ReceivedRequest[];
  /** Sends a recorded request again, as an attacker would (its status). */
  replay(r: ReceivedRequest, rawBody?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Paths: `/ok` answers `{message, link}`; `/slow` never answers; `/fail` answers 500; `/flaky` 503
 * then 200 (per run); `/bad-json` a broken body; `/js-link` a javascript: link; `/empty` 204.
 */
export async function startWorkflowReceiver(secret: string): Promise<WorkflowReceiver> {
  const received: ReceivedRequest[] = [];
  const acted = new Map<string, { status: number; body: string }>();
  const hanging = new Set<ServerResponse>();
  const flaky = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const checked = verifyParleyRequest(secret, req.headers, rawBody, Math.floor(Date.now() / 1000) + receiver.clockSkewSeconds);
      const runId = String(req.headers['parley-run-id']);
      const first = checked === 'ok' ? acted.get(runId) : undefined;
      received.push({ path, headers: req.headers, rawBody, verdict: first ? 'duplicate' : checked });
      if (checked !== 'ok') return res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: checked }));
      if (first) return res.writeHead(first.status, { 'content-type': 'application/json' }).end(first.body);
      const json = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        if (status < 300) acted.set(runId, { status, body: text });
        res.writeHead(status, { 'content-type': 'application/json' }).end(text);
      };
      if (path === '/ok') return json(200, { message: 'Ticket T-42 created', link: 'https://tickets.example.com/T-42', extra: 'ignored' });
      if (path === '/slow') return void hanging.add(res);
      if (path === '/fail') return json(500, { error: 'boom' });
      if (path === '/flaky') {
        if (flaky.has(runId)) return json(200, { message: 'Second time lucky' });
        flaky.add(runId);
        return json(503, {});
      }
      if (path === '/bad-json') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"message": "unterminated');
      if (path === '/js-link') return json(200, { message: 'Click', link: 'javascript:alert(1)' });
      if (path === '/empty') return res.writeHead(204).end();
      return json(404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const receiver: WorkflowReceiver = {
    url,
    clockSkewSeconds: 0,
    received,
    async replay(r, rawBody = r.rawBody) {
      const headers: Record<string, string> = {};
      for (const h of ['content-type', 'parley-timestamp', 'parley-signature', 'parley-run-id']) headers[h] = String(r.headers[h] ?? '');
      const res = await fetch(`${url}${r.path}`, { method: 'POST', headers, body: rawBody });
      await res.arrayBuffer();
      return res.status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}
