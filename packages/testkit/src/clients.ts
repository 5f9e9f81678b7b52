/**
 * Protocol-level clients for Parley, for integration tests, benchmarks and browser tests.
 *
 * - `AgentClient`: logs in over REST, calls the agent API, and (optionally) holds the agent event
 *   WebSocket (`/api/ws?token=&since=`), collecting every `event` frame in arrival order.
 * - `CustomerClient`: starts a web chat session over REST and holds the customer WebSocket
 *   (`/webchat/ws?token=`), collecting every server frame.
 *
 * Both collect what arrives and let the caller wait for a frame matching a predicate, with a
 * timeout that fails with a readable summary of what did arrive. Nothing here sleeps: to show
 * that something did NOT arrive, `expectNone` first sends a ping on the same socket and waits for
 * its pong — the server answers frames in order, through the same write path as events, so every
 * event caused by a request that has already returned is in by then.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type {
  AgentDto,
  AgentServerFrame,
  AttachmentDto,
  ConversationDto,
  DeskSnapshot,
  ErrorBody,
  LoginResult,
  MessageDto,
  StoredEvent,
  WebchatClientFrame,
  WebchatServerFrame,
  WebchatSession,
  WebchatMessagePage,
  WebchatSnapshot,
} from '@parley/protocol';

/** Default time to wait for a frame before failing. */
export const DEFAULT_WAIT_MS = 5_000;
/** Tags pings so each `settle()` waits for its own pong. */
let pingCounter = 0;

// ------------------------------------------------------------------------------------- HTTP

/** An HTTP answer, whatever its status. `body` is parsed JSON when the answer is JSON, else text. */
export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A non-2xx answer from `call()`-style helpers. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} → ${status} ${JSON.stringify(body)}`);
  }

  /** The `PARLEY_ERR_…` code, when the body is an ErrorBody. */
  get code(): string | undefined {
    return (this.body as Partial<ErrorBody> | undefined)?.error?.code;
  }
}

/**
 * One HTTP request. A plain object/array body is sent as JSON; `FormData` and strings as they are
 * (a string goes with content-type application/json, so malformed JSON can be tested).
 */
export async function httpRequest<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (typeof opts.body === 'string') {
    body = opts.body;
    headers['content-type'] ??= 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const r = await fetch(new URL(path, baseUrl), { method, headers, body });
  const text = await r.text();
  const isJson = (r.headers.get('content-type') ?? '').includes('json');
  let parsed: unknown = text;
  if (isJson && text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  } else if (isJson) parsed = undefined;
  return { status: r.status, headers: r.headers, body: parsed as T };
}

function ok<T>(method: string, path: string, r: HttpResult<T>): T {
  if (r.status < 200 || r.status >= 300) throw new ApiError(method, path, r.status, r.body);
  return r.body;
}

// ------------------------------------------------------------------------------------- waiting

/** A growing list of received items that callers can wait on. */
class Inbox<T> {
  readonly items: T[] = [];
  private waiters = new Set<() => void>();
  closed = false;

  push(item: T): void {
    this.items.push(item);
    for (const w of [...this.waiters]) w();
  }

  close(): void {
    this.closed = true;
    for (const w of [...this.waiters]) w();
  }

  /**
   * Resolves with the first item at index ≥ `from` matching `predicate`, waiting up to `timeoutMs`.
   * Rejects on timeout with the list of what arrived (via `describe`).
   */
  waitFor<U extends T>(
    predicate: ((item: T) => item is U) | ((item: T) => boolean),
    timeoutMs: number,
    from: number,
    describe: (item: T) => string,
    label: string,
  ): Promise<U> {
    let scanned = Math.max(0, from);
    const scan = (): U | undefined => {
      for (; scanned < this.items.length; scanned++) {
        const item = this.items[scanned]!;
        if (predicate(item)) return item as U;
      }
      return undefined;
    };
    const found = scan();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<U>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = () => {
        const hit = scan();
        if (hit !== undefined) {
          done();
          resolve(hit);
        }
      };
      const timer = setTimeout(() => {
        done();
        const seen = this.items.slice(Math.max(0, from)).map(describe);
        reject(new Error(`${label}: nothing matched within ${timeoutMs} ms; received since #${from}:\n  ${seen.join('\n  ') || '(nothing)'}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Fails if an item at index ≥ `from` that arrived so far matches. */
  expectNoneSoFar(predicate: (item: T) => boolean, from: number, describe: (item: T) => string, label: string): void {
    const hit = this.items.slice(Math.max(0, from)).find(predicate);
    if (hit !== undefined) throw new Error(`${label}: expected nothing matching, got ${describe(hit)}`);
  }
}

function describeEvent(e: StoredEvent): string {
  switch (e.type) {
    case 'agent.updated':
      return `#${e.seq} agent.updated ${e.agent.id} ${e.agent.state}`;
    case 'offer.created':
      return `#${e.seq} offer.created ${e.offer.conversationId} → ${e.offer.agentId} (${e.offer.kind})`;
    case 'offer.withdrawn':
      return `#${e.seq} offer.withdrawn ${e.conversationId} ${e.agentId} ${e.reason}`;
    case 'conversation.updated':
      return `#${e.seq} conversation.updated ${e.conversation.id} ${e.conversation.status}`;
    case 'message.created':
      return `#${e.seq} message.created ${e.message.conversationId} ${e.message.authorType} ${JSON.stringify(e.message.text.slice(0, 40))}`;
    default:
      return `#${e.seq} ${e.type}`;
  }
}

function describeFrame(f: WebchatServerFrame): string {
  switch (f.type) {
    case 'message':
      return `message ${f.message.authorType} ${JSON.stringify(f.message.text.slice(0, 40))}`;
    case 'ack':
      return `ack ${f.clientId}`;
    case 'error':
      return `error ${f.code} ${f.message}`;
    case 'status':
      return `status ${f.status}`;
    default:
      return f.type;
  }
}

function closeSocket(ws: WebSocket | null): Promise<void> {
  if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    ws.once('close', () => resolve());
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    else ws.close();
  });
}

/** How a socket closed. */
export interface SocketClose {
  code: number;
  reason: string;
}

function whenClosed(ws: WebSocket): Promise<SocketClose> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

function wsBase(baseUrl: string): string {
  return baseUrl.replace(/^http/, 'ws');
}

// ------------------------------------------------------------------------------------- agent

export interface AgentConnectOptions {
  /** Resume after this event sequence (the server replays every stored event after it). */
  since?: number;
  /** The stream `since` belongs to (hello's / the desk snapshot's `epoch`). */
  epoch?: string;
}

/**
 * An agent (or supervisor/admin) session. `login()` authenticates; `connect()` opens the event
 * socket. `events` holds every `event` frame received on any socket this client opened, in order.
 */
export class AgentClient {
  /** Every stored/ephemeral event received, in arrival order, across reconnects. */
  readonly events: StoredEvent[];
  /** Every frame on the current socket (hello, resync, event, pong). */
  frames: AgentServerFrame[] = [];
  private frameInbox = new Inbox<AgentServerFrame>();
  private inbox = new Inbox<StoredEvent>();
  private socket: WebSocket | null = null;
  private closed: Promise<SocketClose> | null = null;

  private constructor(
    readonly baseUrl: string,
    readonly token: string,
    /** The agent as returned by login (state at login time). */
    readonly agent: AgentDto,
  ) {
    this.events = this.inbox.items;
  }

  get id(): string {
    return this.agent.id;
  }

  /** POST /api/auth/login; throws ApiError on failure. */
  static async login(baseUrl: string, username: string, password = 'pw'): Promise<AgentClient> {
    const body = { username, password };
    const r = await httpRequest<LoginResult>(baseUrl, 'POST', '/api/auth/login', { body });
    const res = ok('POST', '/api/auth/login', r);
    return new AgentClient(baseUrl, res.token, res.agent);
  }

  // ---- REST

  /** Any request with this agent's token; never throws on status. */
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
    return httpRequest<T>(this.baseUrl, method, path, { token: this.token, body });
  }

  /** Like `request`, but returns the body of a 2xx answer and throws `ApiError` otherwise. */
  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    return ok(method, path, await this.request<T>(method, path, body));
  }

  desk(): Promise<DeskSnapshot> {
    return this.call('GET', '/api/desk');
  }
  setState(state: 'available' | 'idle', idleReasonId?: string): Promise<AgentDto> {
    return this.call('PUT', '/api/me/state', idleReasonId ? { state, idleReasonId } : { state });
  }
  available(): Promise<AgentDto> {
    return this.setState('available');
  }
  conversation(id: string): Promise<ConversationDto> {
    return this.call('GET', `/api/conversations/${id}`);
  }
  messages(id: string): Promise<{ messages: MessageDto[]; hasMore: boolean }> {
    return this.call('GET', `/api/conversations/${id}/messages`);
  }
  accept(id: string): Promise<ConversationDto> {
    return this.call('POST', `/api/conversations/${id}/accept`);
  }
  sendMessage(id: string, text: string, opts: { clientId?: string; attachmentIds?: string[] } = {}): Promise<MessageDto> {
    const body: Record<string, unknown> = { clientId: opts.clientId ?? randomUUID(), text };
    if (opts.attachmentIds) body.attachmentIds = opts.attachmentIds;
    return this.call('POST', `/api/conversations/${id}/messages`, body);
  }
  transferToQueue(id: string, queueId: string): Promise<ConversationDto | undefined> {
    return this.call('POST', `/api/conversations/${id}/transfer`, { target: 'queue', queueId });
  }
  transferToAgent(id: string, agentId: string): Promise<ConversationDto | undefined> {
    return this.call('POST', `/api/conversations/${id}/transfer`, { target: 'agent', agentId });
  }
  inviteToConference(id: string, agentId: string): Promise<ConversationDto> {
    return this.call('POST', `/api/conversations/${id}/conference`, { agentId });
  }
  conferenceWithQueue(id: string, queueId: string): Promise<ConversationDto> {
    return this.call('POST', `/api/conversations/${id}/conference`, { queueId });
  }
  cancelConference(id: string): Promise<ConversationDto> {
    return this.call('POST', `/api/conversations/${id}/conference/cancel`);
  }
  exitConference(id: string): Promise<void> {
    return this.call('POST', `/api/conversations/${id}/conference/exit`);
  }
  endConference(id: string): Promise<void> {
    return this.call('POST', `/api/conversations/${id}/conference/end`);
  }
  end(id: string): Promise<void> {
    return this.call('POST', `/api/conversations/${id}/end`);
  }
  wrapup(id: string, reasonIds: string[]): Promise<void> {
    return this.call('POST', `/api/conversations/${id}/wrapup`, { reasonIds });
  }
  logout(): Promise<void> {
    return this.call('POST', '/api/auth/logout');
  }

  // ---- WebSocket

  /** Opens the event socket and waits for its `hello` frame. Replaces a socket already open. */
  async connect(opts: AgentConnectOptions = {}): Promise<Extract<AgentServerFrame, { type: 'hello' }>> {
    await this.disconnect();
    const q = new URLSearchParams({ token: this.token });
    if (opts.since !== undefined) q.set('since', String(opts.since));
    if (opts.epoch !== undefined) q.set('epoch', opts.epoch);
    this.frameInbox = new Inbox<AgentServerFrame>();
    this.frames = this.frameInbox.items;
    const frames = this.frameInbox;
    let gotHello: (f: Extract<AgentServerFrame, { type: 'hello' }>) => void = () => undefined;
    const hello = new Promise<Extract<AgentServerFrame, { type: 'hello' }>>((r) => (gotHello = r));
    const ws = new WebSocket(`${wsBase(this.baseUrl)}/api/ws?${q}`);
    ws.on('message', (raw: Buffer) => {
      const f = JSON.parse(raw.toString('utf8')) as AgentServerFrame;
      frames.push(f);
      if (f.type === 'hello') gotHello(f);
      else if (f.type === 'event') this.inbox.push(f.event);
    });
    const closed = new Promise<never>((_, reject) =>
      ws.once('close', (code, reason) => reject(new Error(`agent socket closed before hello: ${code} ${reason.toString()}`))),
    );
    ws.once('error', () => undefined);
    this.socket = ws;
    this.closed = whenClosed(ws);
    return Promise.race([hello, closed, timeout<never>(DEFAULT_WAIT_MS, 'agent socket hello')]);
  }

  /** Waits for a frame of `type` on the current socket (e.g. `resync` after `hello`). */
  waitForFrame<K extends AgentServerFrame['type']>(type: K, timeoutMs = DEFAULT_WAIT_MS): Promise<Extract<AgentServerFrame, { type: K }>> {
    return this.frameInbox.waitFor(
      (f): f is Extract<AgentServerFrame, { type: K }> => f.type === type,
      timeoutMs,
      0,
      (f) => f.type,
      `agent ${this.agent.username} frames`,
    );
  }

  /** Closes the event socket (events already collected stay). */
  async disconnect(): Promise<void> {
    const ws = this.socket;
    this.socket = null;
    await closeSocket(ws);
  }

  /** Resolves when the current event socket closes (by either side), with its close code. */
  waitForClose(timeoutMs = DEFAULT_WAIT_MS): Promise<SocketClose> {
    if (!this.closed) return Promise.reject(new Error('agent socket never connected'));
    return Promise.race([this.closed, timeout<never>(timeoutMs, 'agent socket close')]);
  }

  /** Sends a typing indicator on the event socket. */
  typing(conversationId: string, typing: boolean): void {
    this.socket?.send(JSON.stringify({ type: 'typing', conversationId, typing }));
  }

  /** The highest stored event sequence received so far (0 if none). */
  get lastSeq(): number {
    let max = 0;
    for (const e of this.events) if (e.seq > max) max = e.seq;
    return max;
  }

  /** Index to pass as `from` so a later wait only looks at what arrives after this point. */
  mark(): number {
    return this.events.length;
  }

  /** Waits for an event matching `predicate` (searching from index `from`, default 0). */
  waitFor<E extends StoredEvent>(predicate: (e: StoredEvent) => e is E, timeoutMs?: number, from?: number): Promise<E>;
  waitFor(predicate: (e: StoredEvent) => boolean, timeoutMs?: number, from?: number): Promise<StoredEvent>;
  waitFor(predicate: (e: StoredEvent) => boolean, timeoutMs = DEFAULT_WAIT_MS, from = 0): Promise<StoredEvent> {
    return this.inbox.waitFor(predicate, timeoutMs, from, describeEvent, `agent ${this.agent.username}`);
  }

  /** Waits for an event of `type` that also matches `predicate`. */
  waitForEvent<K extends StoredEvent['type']>(
    type: K,
    predicate: (e: Extract<StoredEvent, { type: K }>) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
    from = 0,
  ): Promise<Extract<StoredEvent, { type: K }>> {
    return this.waitFor((e): e is Extract<StoredEvent, { type: K }> => e.type === type && predicate(e as Extract<StoredEvent, { type: K }>), timeoutMs, from);
  }

  /** Waits for an offer on `conversationId` (or any offer) to this agent. */
  waitForOffer(conversationId?: string, timeoutMs = DEFAULT_WAIT_MS, from = 0) {
    return this.waitForEvent(
      'offer.created',
      (e) => e.offer.agentId === this.id && (!conversationId || e.offer.conversationId === conversationId),
      timeoutMs,
      from,
    );
  }

  /**
   * A round trip on the event socket: once the pong is back, every event published before the
   * ping was sent has arrived (same socket, same ordered write path).
   */
  async settle(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const t = ++pingCounter;
    const from = this.frames.length;
    this.socket?.send(JSON.stringify({ type: 'ping', t }));
    await this.frameInbox.waitFor((f) => f.type === 'pong' && f.t === t, timeoutMs, from, (f) => f.type, `agent ${this.agent.username} pong`);
  }

  /**
   * Fails if an event matching `predicate` has arrived (from index `from`) once the socket has
   * settled: for "this request caused no such event", call it after the request returned.
   */
  async expectNone(predicate: (e: StoredEvent) => boolean, from = 0): Promise<void> {
    await this.settle();
    this.inbox.expectNoneSoFar(predicate, from, describeEvent, `agent ${this.agent.username}`);
  }

  /** Closes the socket. (Does not log out.) */
  close(): Promise<void> {
    return this.disconnect();
  }
}

// ------------------------------------------------------------------------------------- customer

export interface CustomerStartOptions {
  name?: string;
  email?: string;
  /** Entry point id (`site`); default the server's default (`web`). */
  site?: string;
}

/** A web chat customer: one session (token, conversation) and, once connected, one socket. */
export class CustomerClient {
  /** Every server frame received, in order, across reconnects. */
  readonly frames: WebchatServerFrame[];
  private inbox = new Inbox<WebchatServerFrame>();
  private socket: WebSocket | null = null;
  private closed: Promise<SocketClose> | null = null;

  constructor(
    readonly baseUrl: string,
    readonly token: string,
    readonly conversationId: string,
  ) {
    this.frames = this.inbox.items;
  }

  /** POST /webchat/api/sessions; throws ApiError on failure. Does not connect. */
  static async start(baseUrl: string, opts: CustomerStartOptions = {}): Promise<CustomerClient> {
    const body: Record<string, string> = {
      name: opts.name ?? 'Casey Customer',
      email: opts.email ?? `casey.${randomUUID().slice(0, 8)}@example.com`,
    };
    if (opts.site) body.site = opts.site;
    const r = await httpRequest<WebchatSession>(baseUrl, 'POST', '/webchat/api/sessions', { body });
    const s = ok('POST', '/webchat/api/sessions', r);
    return new CustomerClient(baseUrl, s.token, s.conversationId);
  }

  /** Starts a session and connects its socket. */
  static async open(baseUrl: string, opts: CustomerStartOptions = {}): Promise<CustomerClient> {
    const c = await CustomerClient.start(baseUrl, opts);
    await c.connect();
    return c;
  }

  /** GET /webchat/api/session (never throws on status). */
  snapshot(): Promise<HttpResult<WebchatSnapshot>> {
    return httpRequest<WebchatSnapshot>(this.baseUrl, 'GET', '/webchat/api/session', { token: this.token });
  }

  /** GET /webchat/api/messages: an older page of the thread (never throws on status). */
  messages(query: { before?: string; limit?: number | string } = {}, opts: { token?: string } = {}): Promise<HttpResult<WebchatMessagePage>> {
    const q = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    return httpRequest<WebchatMessagePage>(this.baseUrl, 'GET', `/webchat/api/messages?${q}`, { token: opts.token ?? this.token });
  }

  /** Uploads a file via POST /webchat/api/attachments (never throws on status). */
  upload(name: string, mimeType: string, bytes: Uint8Array | string, opts: { token?: string } = {}): Promise<HttpResult<AttachmentDto>> {
    const form = new FormData();
    form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type: mimeType }), name);
    return httpRequest<AttachmentDto>(this.baseUrl, 'POST', '/webchat/api/attachments', { token: opts.token ?? this.token, body: form });
  }

  /** Opens the customer socket and waits for `hello`. Replaces a socket already open. */
  async connect(): Promise<Extract<WebchatServerFrame, { type: 'hello' }>> {
    await this.disconnect();
    const from = this.frames.length;
    this.socket = await CustomerClient.openRaw(this.baseUrl, this.token, (f) => this.inbox.push(f));
    this.closed = whenClosed(this.socket);
    return this.waitFor((f): f is Extract<WebchatServerFrame, { type: 'hello' }> => f.type === 'hello', DEFAULT_WAIT_MS, from);
  }

  /**
   * Opens a customer socket for any token (e.g. an unknown one) and reports its frames; resolves
   * once the socket is open. For tests of refusals.
   */
  static openRaw(baseUrl: string, token: string, onFrame: (f: WebchatServerFrame) => void): Promise<WebSocket> {
    const ws = new WebSocket(`${wsBase(baseUrl)}/webchat/ws?${new URLSearchParams({ token })}`);
    ws.on('message', (raw: Buffer) => onFrame(JSON.parse(raw.toString('utf8')) as WebchatServerFrame));
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  async disconnect(): Promise<void> {
    const ws = this.socket;
    this.socket = null;
    await closeSocket(ws);
  }

  /** Resolves when the current socket closes (by either side), with its close code. */
  waitForClose(timeoutMs = DEFAULT_WAIT_MS): Promise<SocketClose> {
    if (!this.closed) return Promise.reject(new Error('customer socket never connected'));
    return Promise.race([this.closed, timeout<never>(timeoutMs, 'customer socket close')]);
  }

  /** Sends any frame (or raw text, to test malformed input). */
  send(frame: WebchatClientFrame | string): void {
    if (!this.socket) throw new Error('customer socket not connected');
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a chat message; returns its clientId. */
  sendMessage(text: string, opts: { clientId?: string; attachmentIds?: string[] } = {}): string {
    const clientId = opts.clientId ?? randomUUID();
    const frame: WebchatClientFrame = { type: 'message', clientId, text };
    if (opts.attachmentIds) frame.attachmentIds = opts.attachmentIds;
    this.send(frame);
    return clientId;
  }

  /** Sends a message and waits for its `ack` (stored) — rejects on an `error` frame for it. */
  async say(text: string, opts: { clientId?: string; attachmentIds?: string[]; timeoutMs?: number } = {}): Promise<MessageDto> {
    const from = this.frames.length;
    const clientId = this.sendMessage(text, opts);
    const f = await this.waitFor(
      (x) => (x.type === 'ack' || x.type === 'error') && x.clientId === clientId,
      opts.timeoutMs ?? DEFAULT_WAIT_MS,
      from,
    );
    if (f.type === 'error') throw new Error(`message refused: ${f.code} ${f.message}`);
    return (f as Extract<WebchatServerFrame, { type: 'ack' }>).message;
  }

  typing(typing: boolean): void {
    this.send({ type: 'typing', typing });
  }

  end(): void {
    this.send({ type: 'end' });
  }

  mark(): number {
    return this.frames.length;
  }

  /** Waits for a frame matching `predicate` (searching from index `from`, default 0). */
  waitFor<F extends WebchatServerFrame>(predicate: (f: WebchatServerFrame) => f is F, timeoutMs?: number, from?: number): Promise<F>;
  waitFor(predicate: (f: WebchatServerFrame) => boolean, timeoutMs?: number, from?: number): Promise<WebchatServerFrame>;
  waitFor(predicate: (f: WebchatServerFrame) => boolean, timeoutMs = DEFAULT_WAIT_MS, from = 0): Promise<WebchatServerFrame> {
    return this.inbox.waitFor(predicate, timeoutMs, from, describeFrame, `customer ${this.conversationId.slice(0, 8)}`);
  }

  /** Waits for a frame of `type` that also matches `predicate`. */
  waitForFrame<K extends WebchatServerFrame['type']>(
    type: K,
    predicate: (f: Extract<WebchatServerFrame, { type: K }>) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
    from = 0,
  ): Promise<Extract<WebchatServerFrame, { type: K }>> {
    return this.waitFor(
      (f): f is Extract<WebchatServerFrame, { type: K }> => f.type === type && predicate(f as Extract<WebchatServerFrame, { type: K }>),
      timeoutMs,
      from,
    );
  }

  /** Fails if a frame matching `predicate` has arrived (from `from`) once a ping's pong is back. */
  async expectNone(predicate: (f: WebchatServerFrame) => boolean, from = 0): Promise<void> {
    const t = ++pingCounter;
    const mark = this.frames.length;
    this.send({ type: 'ping', t });
    await this.waitFor((f) => f.type === 'pong' && f.t === t, DEFAULT_WAIT_MS, mark);
    this.inbox.expectNoneSoFar(predicate, from, describeFrame, `customer ${this.conversationId.slice(0, 8)}`);
  }

  close(): Promise<void> {
    return this.disconnect();
  }
}

function timeout<T>(ms: number, what: string): Promise<T> {
  return new Promise((_, reject) => {
    const t = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
    t.unref();
  });
}
