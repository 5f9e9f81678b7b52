/**
 * A small local stand-in for Meta's Graph API and Twilio's REST API, for pipeline tests: it answers
 * the calls Parley makes (sends, mark-read, media lookups and downloads) the way the providers
 * document, records every request, and lets a test script the next answers (errors, 429 with
 * Retry-After, answers held until the test releases them, connections dropped).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The fake's receive order (1, 2, …). */
  n: number;
  /** Date.now() when it arrived: for ordering only, never for durations. */
  at: number;
}

export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON. */
  body?: string | Buffer | object;
}

/** `'hang'`: never answer (the client's timeout decides); `'drop'`: destroy the connection. */
export type Scripted = FakeAnswer | 'hang' | 'drop' | ((req: FakeRequest) => FakeAnswer | 'hang' | 'drop' | Promise<FakeAnswer | 'hang' | 'drop'>);

/** A 1×1 PNG: what the fake serves as media. */
export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** The request is a send of a customer-visible message (WhatsApp, Messenger or Twilio), not a mark-read or typing action. */
export function isSend(r: FakeRequest): boolean {
  if (r.method !== 'POST') return false;
  if (r.path.endsWith('/Messages.json')) return true;
  if (!r.path.endsWith('/messages')) return false;
  const body = jsonOf(r.body);
  return body.status !== 'read' && body.sender_action === undefined;
}

export function jsonOf(body: string): Record<string, unknown> {
  try {
    const v = JSON.parse(body) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export class ProviderFake {
  readonly requests: FakeRequest[] = [];
  private readonly scripts: { match: (r: FakeRequest) => boolean; answers: Scripted[] }[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly hanging = new Set<ServerResponse>();
  private sent = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<ProviderFake> {
    let fake: ProviderFake | undefined;
    const server = createServer((req, res) => void fake?.handle(req, res));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    fake = new ProviderFake(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** The next requests matching `match` get these answers, in order (then the default answers again). */
  script(match: (r: FakeRequest) => boolean, ...answers: Scripted[]): void {
    this.scripts.push({ match, answers });
  }

  /** Requests matching `match` so far. */
  seen(match: (r: FakeRequest) => boolean = () => true): FakeRequest[] {
    return this.requests.filter(match);
  }

  /** Resolves once at least `count` requests matching `match` arrived. */
  async waitFor(match: (r: FakeRequest) => boolean, count = 1, timeoutMs = 10_000): Promise<FakeRequest[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = this.seen(match);
      if (got.length >= count) return got;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`provider fake: ${got.length} of ${count} expected requests after ${timeoutMs} ms; saw ${this.requests.map((r) => `${r.method} ${r.path}`).join(', ')}`);
      await new Promise<void>((ok) => {
        const t = setTimeout(done, left);
        function done() {
          clearTimeout(t);
          ok();
        }
        this.waiters.add(done);
      });
    }
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const u = new URL(req.url ?? '/', this.url);
    const r: FakeRequest = {
      method: req.method ?? 'GET',
      path: u.pathname,
      query: u.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      n: this.requests.length + 1,
      at: Date.now(),
    };
    this.requests.push(r);
    for (const w of [...this.waiters]) {
      this.waiters.delete(w);
      w();
    }
    const script = this.scripts.find((s) => s.answers.length > 0 && s.match(r));
    const scripted = script?.answers.shift();
    let answer = typeof scripted === 'function' ? await scripted(r) : (scripted ?? this.defaultAnswer(r));
    if (answer === 'drop') {
      res.destroy();
      return;
    }
    if (answer === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    answer = answer as FakeAnswer;
    const isJson = answer.body !== undefined && typeof answer.body === 'object' && !Buffer.isBuffer(answer.body);
    const body = isJson ? JSON.stringify(answer.body) : (answer.body as string | Buffer | undefined);
    res.writeHead(answer.status, { ...(isJson ? { 'content-type': 'application/json' } : {}), ...answer.headers });
    res.end(body);
  }

  /** What the providers answer a good request (wire-formats §1.5, §2.4, §2.6, §3.5). */
  private defaultAnswer(r: FakeRequest): FakeAnswer {
    const n = ++this.sent;
    if (r.method === 'POST' && r.path.endsWith('/Messages.json')) {
      const sid = `SM${n.toString(16).padStart(32, '0')}`;
      return { status: 201, body: { sid, status: 'queued', to: new URLSearchParams(r.body).get('To') } };
    }
    if (r.method === 'POST' && r.path.endsWith('/messages')) {
      const body = jsonOf(r.body);
      if (body.status === 'read' || body.sender_action !== undefined) return { status: 200, body: { success: true } };
      if (body.messaging_product === 'whatsapp') {
        return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.OUT${n}` }] } };
      }
      return { status: 200, body: { recipient_id: (body.recipient as { id?: string } | undefined)?.id, message_id: `m_OUT${n}` } };
    }
    // Uploads of files without a public URL (WhatsApp media, Messenger Attachment Upload API).
    if (r.method === 'POST' && /^\/v\d+\.\d+\/[^/]+\/media$/.test(r.path)) return { status: 200, body: { id: `media-up-${n}` } };
    if (r.method === 'POST' && r.path.endsWith('/message_attachments')) return { status: 200, body: { attachment_id: `att-up-${n}` } };
    if (r.method === 'GET' && r.path.startsWith('/media/')) return { status: 200, headers: { 'content-type': 'image/png' }, body: PNG_1PX };
    // WhatsApp media lookup: GET /{version}/{media-id} → a download URL (on this origin, as on Graph's).
    const lookup = /^\/v\d+\.\d+\/([^/]+)$/.exec(r.path);
    if (r.method === 'GET' && lookup) {
      return { status: 200, body: { url: `${this.url}/media/${lookup[1]}`, mime_type: 'image/png', sha256: 'x', file_size: PNG_1PX.length, id: lookup[1], messaging_product: 'whatsapp' } };
    }
    return { status: 404, body: { error: { message: `fake: no route ${r.method} ${r.path}`, type: 'OAuthException', code: 803 } } };
  }
}
