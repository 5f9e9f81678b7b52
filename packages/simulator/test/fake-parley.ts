import { createHmac, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny stand-in for Parley's webhook endpoints. It verifies signatures with the algorithms of
 * wire-formats §1.3 and §3.3 (written out here, not imported from the simulator), answers the GET
 * handshake, can fail on purpose, and dedupes inbound events on the provider's id as Parley must.
 */
// biome-ignore lint/suspicious/noExplicitAny: tests walk provider JSON of many shapes; the assertions are the type check
export type Json = any;

export interface Received {
  method: string;
  path: string;
  /** Path + query, as requested. */
  url: string;
  headers: IncomingMessage['headers'];
  raw: Buffer;
  /** Signature valid for the provider this path belongs to. */
  signatureOk: boolean;
  json?: Json;
  form?: URLSearchParams;
  answered: number;
}

export interface FakeParleyOptions {
  appSecret: string;
  verifyToken: string;
  twilioAuthToken: string;
  /** The URL Twilio signs inbound SMS against, when it differs from the real one (proxy). */
  publicSmsUrl?: string;
}

export function metaSignatureOk(raw: Buffer, header: string | string[] | undefined, appSecret: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const got = Buffer.from(header.slice(7), 'hex');
  const exp = createHmac('sha256', appSecret).update(raw).digest();
  return got.length === exp.length && timingSafeEqual(got, exp);
}

export function twilioSignatureOk(token: string, header: string | string[] | undefined, url: string, params: [string, string][]): boolean {
  if (typeof header !== 'string') return false;
  const keys = [...new Set(params.map(([k]) => k))].sort();
  let s = url;
  for (const k of keys) for (const v of [...new Set(params.filter(([kk]) => kk === k).map(([, v]) => v))].sort()) s += k + v;
  const a = Buffer.from(createHmac('sha1', token).update(s, 'utf8').digest('base64'));
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class FakeParley {
  readonly received: Received[] = [];
  /** Provider ids of the inbound messages processed once each (duplicates are answered 200 and dropped). */
  readonly processed: string[] = [];
  /** The next N POSTs get a 500. */
  failNext = 0;
  url = '';
  private readonly events = new EventEmitter();
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = this.handle(req, Buffer.concat(chunks));
      res.writeHead(status.code, { 'content-type': status.type });
      res.end(status.body);
    });
  });

  constructor(private readonly opts: FakeParleyOptions) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the first (or `count`-th) request matching `pred`, now or when it arrives. */
  waitFor(pred: (r: Received) => boolean, count = 1): Promise<Received[]> {
    return new Promise((resolve) => {
      const check = () => {
        const hits = this.received.filter(pred);
        if (hits.length < count) return false;
        this.events.off('request', check);
        resolve(hits);
        return true;
      };
      if (!check()) this.events.on('request', check);
    });
  }

  private handle(req: IncomingMessage, raw: Buffer): { code: number; type: string; body: string } {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? url;
    if (req.method === 'GET') return this.handshake(url);
    const r: Received = { method: req.method ?? '', path, url, headers: req.headers, raw, signatureOk: false, answered: 200 };
    if (path === '/webhooks/whatsapp' || path === '/webhooks/messenger') {
      r.signatureOk = metaSignatureOk(raw, req.headers['x-hub-signature-256'], this.opts.appSecret);
      r.json = JSON.parse(raw.toString('utf8'));
    } else {
      r.form = new URLSearchParams(raw.toString('utf8'));
      const signedUrl = path === '/webhooks/sms' ? (this.opts.publicSmsUrl ?? `${this.url}${url}`) : `${this.url}${url}`;
      r.signatureOk = twilioSignatureOk(this.opts.twilioAuthToken, req.headers['x-twilio-signature'], signedUrl, [...r.form]);
    }
    if (!r.signatureOk) r.answered = 401;
    else if (this.failNext > 0) {
      this.failNext--;
      r.answered = 500;
    } else this.dedupe(r);
    this.received.push(r);
    this.events.emit('request');
    return { code: r.answered, type: 'text/plain', body: '' };
  }

  private dedupe(r: Received): void {
    const ids: string[] = [];
    for (const e of r.json?.entry ?? []) {
      for (const c of e.changes ?? []) for (const m of c.value?.messages ?? []) ids.push(m.id);
      for (const m of e.messaging ?? []) if (m.message?.mid && !m.message.is_echo) ids.push(m.message.mid);
    }
    if (r.path === '/webhooks/sms' && r.form?.get('MessageSid')) ids.push(r.form.get('MessageSid')!);
    for (const id of ids) if (!this.processed.includes(id)) this.processed.push(id);
  }

  private handshake(url: string): { code: number; type: string; body: string } {
    const q = new URL(url, 'http://x').searchParams;
    if (q.get('hub.mode') === 'subscribe' && q.get('hub.verify_token') === this.opts.verifyToken) return { code: 200, type: 'text/plain', body: q.get('hub.challenge') ?? '' };
    return { code: 403, type: 'text/plain', body: 'forbidden' };
  }
}
