import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { orderedId } from './ordered-id';
import { CUSTOMER_NOTICES, CUSTOMER_PAGE, customerAgents } from './customer-view';
import type { Logger } from 'pino';
import type {
  AgentDto,
  AgentEvent,
  ChannelType,
  ConversationDto,
  DeskConfig,
  DeskSnapshot,
  LoginResult,
  MessageDto,
  NoticeDto,
  QueueDto,
  StoredEvent,
  WebchatSession,
  WebchatSnapshot,
} from '@parley/protocol';
import { countChars, type WebchatMessagePage } from '@parley/protocol';
import { DomainError, RoutingEngine, type Clock, type ConversationState, type Outcome } from '@parley/core';
import type { ChannelAdapter, WebchatAdapter } from '@parley/channels';
import * as store from '@parley/storage';
import type { Db, GroupCommitter, MessageRecord } from '@parley/storage';
import type { Transaction } from 'kysely';
import type { Database } from '@parley/storage';
import { verifyPassword } from '../config/passwords';
import { AgentHub } from './agent-hub';
import { SeqBlocks } from './seq-blocks';
import { SessionSockets } from './session-sockets';
import { Directory, agentProfileOf } from './directory';
import { agentDto, conversationDto, customerDto, messageDto, offerDto, queueDto, type ConversationMeta } from './dto';
import type { Metrics } from './metrics';
import { checkMessageText } from './message-text';
import { checkMayAttach, uploader } from './uploader';

type Trx = Transaction<Database>;
type EventItem = { agentId: string | null; conversationId: string | null; event: AgentEvent };
type Stamped = { agentId: string | null; stored: StoredEvent; json: string; record: store.EventRecord };

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface ParleyDeps {
  db: Db;
  committer: GroupCommitter;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  adapters: { webchat: WebchatAdapter; byChannel: Map<ChannelType, ChannelAdapter> };
  fileUrl: (attachmentId: string) => string;
  /** A web chat whose customer has no socket this long, before any agent accepted, is abandoned. */
  abandonAfterMs?: number;
  /** How long a web chat customer's token keeps working after its conversation closed (default 24 h). */
  webchatTokenTtlMs?: number;
}

export interface AuthedAgent {
  id: string;
  role: 'agent' | 'supervisor' | 'admin';
  /** The session behind the token: its sockets end with it. */
  tokenHash: string;
  expiresAt: number;
}

const DEFAULT_WEBCHAT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The application service: every use case of agents, customers and admins. Routing decisions come
 * from the pure engine; this layer stores their outcome (one group-committed transaction) and only
 * then publishes to agent sockets and channels.
 */
export class Parley {
  readonly engine: RoutingEngine;
  readonly directory = new Directory();
  readonly hub = new AgentHub();
  /** Every socket by the token that opened it: logout and expiry close them all. */
  readonly sessionSockets = new SessionSockets();
  private meta = new Map<string, ConversationMeta>();
  /** Event numbers, from blocks reserved in the database: never handed out twice, even across crashes. */
  readonly seqs: SeqBlocks;
  private sessions = new Map<string, { agentId: string; expiresAt: number }>();
  private onDeadlineChange: (() => void) | undefined;

  constructor(private readonly deps: ParleyDeps) {
    this.engine = new RoutingEngine({ abandonAfterMs: deps.abandonAfterMs });
    deps.adapters.webchat.onPresence((id, present) => {
      this.customerPresence(id, present).catch((err: unknown) => deps.log.error({ err }, 'web chat presence update failed'));
    });
    this.seqs = new SeqBlocks((size) => deps.committer.run((trx) => store.reserveBlock(trx, 'events', size)));
  }

  get now(): number {
    return this.deps.clock.now();
  }

  /** Loads configuration and open conversations; passed deadlines apply on the first tick. */
  async start(): Promise<void> {
    const db = this.deps.db.kysely;
    await this.reloadDirectory();
    const open = await store.listConversationsNotClosed(db);
    for (const c of open) {
      const customer = await store.getCustomer(db, c.customerId);
      if (customer) this.meta.set(c.id, { customer: customerDto(customer), entryPointId: c.entryPointId, subject: null });
    }
    this.engine.restore(open.map((c) => c.state as ConversationState));
    await this.seqs.start();
    this.hub.startAt(await store.maxEventSeq(db));
    // No customer socket survives a restart: unaccepted chats count towards abandonment from now.
    const chats = this.engine.listConversations().filter((c) => c.channel === 'webchat').map((c) => c.id);
    await this.apply(this.engine.customersAway(chats, this.now));
    // First the deadlines that passed while down (RONA, max wait), then work for whoever is free.
    await this.tick();
    await this.apply(this.engine.rebalance(this.now));
  }

  /** After an admin change: reload configuration, update the router, offer work newly possible. */
  async configChanged(): Promise<void> {
    await this.reloadDirectory();
    await this.apply(this.engine.rebalance(this.now));
  }

  onDeadlines(fn: () => void): void {
    this.onDeadlineChange = fn;
  }

  /** Reloads the configuration into the directory and pushes it into the engine. */
  async reloadDirectory(): Promise<void> {
    const db = this.deps.db.kysely;
    const d = this.directory;
    const agents = await store.listAgents(db);
    d.agents = new Map(agents.map((a) => [a.id, agentProfileOf(a)]));
    d.teams = new Map((await store.listTeams(db)).map((t) => [t.id, t]));
    d.queues = new Map((await store.listQueues(db)).map((q) => [q.id, q]));
    d.entryPoints = new Map((await store.listEntryPoints(db)).map((e) => [e.id, e]));
    d.idleReasons = await store.listIdleReasons(db);
    d.wrapupReasons = await store.listWrapupReasons(db);
    d.templates = await store.listTemplates(db);
    // The engine owns agents' runtime state: the stored one only seeds an agent it does not know
    // yet (at start, or just created); for the others only the definition (capacity) is taken.
    for (const a of agents) {
      const { id, idleReasonId, stateChangedAt, readySince, capacity } = a;
      this.engine.upsertAgent({ id, state: a.state as AgentDto['state'], idleReasonId, stateChangedAt, readySince, capacity });
    }
    this.syncQueues();
  }

  /** Pushes queue definitions and memberships from the directory into the engine. */
  syncQueues(): void {
    for (const q of this.directory.queues.values()) this.engine.upsertQueue(this.directory.engineQueue(q));
  }

  // ---------------------------------------------------------------- auth

  async login(username: string, password: string): Promise<LoginResult> {
    const a = this.directory.agentByUsername(username);
    // Verify against a dummy hash when the user is unknown, so timing doesn't reveal usernames.
    const ok = await verifyPassword(password, a?.passwordHash ?? DUMMY_HASH);
    if (!a || !ok) throw new DomainError('PARLEY_ERR_BAD_CREDENTIALS', 'Wrong username or password');
    const token = randomBytes(32).toString('base64url');
    const now = this.now;
    const rec = { tokenHash: sha256(token), agentId: a.id, createdAt: now, expiresAt: now + SESSION_TTL_MS };
    await this.deps.committer.run((trx) => store.createSession(trx, rec));
    this.sessions.set(rec.tokenHash, { agentId: a.id, expiresAt: rec.expiresAt });
    if (this.engine.getAgent(a.id)?.state === 'offline') await this.setState(a.id, 'idle', null);
    return { token, agent: this.agentDto(a.id)! };
  }

  async logout(token: string): Promise<void> {
    const hash = sha256(token);
    const s = this.sessions.get(hash) ?? (await store.findSession(this.deps.db.kysely, hash, this.now));
    this.sessions.delete(hash);
    await this.deps.committer.run((trx) => store.deleteSession(trx, hash));
    // Again: a request may have reloaded it from storage before the delete committed.
    this.sessions.delete(hash);
    this.sessionSockets.end(hash, 'signed out');
    if (s) await this.setState(s.agentId, 'offline', null);
  }

  async authenticate(token: string | undefined): Promise<AuthedAgent | null> {
    if (!token) return null;
    const hash = sha256(token);
    let s = this.sessions.get(hash);
    if (!s) {
      const rec = await store.findSession(this.deps.db.kysely, hash, this.now);
      if (rec) this.sessions.set(hash, (s = { agentId: rec.agentId, expiresAt: rec.expiresAt }));
    }
    if (!s || s.expiresAt <= this.now) return null;
    const a = this.directory.agents.get(s.agentId);
    return a ? { id: a.id, role: a.role as AuthedAgent['role'], tokenHash: hash, expiresAt: s.expiresAt } : null;
  }

  /** Ends what expired at `now`: closes its sockets and forgets it (run at least every second). */
  sweepSessions(now: number): void {
    for (const [hash, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(hash);
    this.sessionSockets.sweep(now);
  }

  /** Deletes expired agent sessions and customer tokens from storage. */
  async pruneSessions(now: number): Promise<void> {
    const ttl = this.webchatTokenTtlMs;
    await this.deps.committer.run(async (trx) => {
      await store.deleteExpiredSessions(trx, now);
      await store.deleteExpiredWebchatSessions(trx, now - ttl);
    });
  }

  private get webchatTokenTtlMs(): number {
    return this.deps.webchatTokenTtlMs ?? DEFAULT_WEBCHAT_TOKEN_TTL_MS;
  }

  // ---------------------------------------------------------------- agent reads

  agentDto(id: string): AgentDto | null {
    return agentDto(this.directory, this.engine, id);
  }

  listAgents(): AgentDto[] {
    return [...this.directory.agents.keys()].flatMap((id) => this.agentDto(id) ?? []);
  }

  /** `exceptAgentId`: the asking agent, left out of each queue's `availableAgents`. */
  listQueues(channel?: ChannelType, exceptAgentId?: string): QueueDto[] {
    return [...this.directory.queues.values()]
      .filter((q) => !channel || q.channel === channel)
      .map((q) => queueDto(this.engine, q, exceptAgentId));
  }

  desk(agentId: string): DeskSnapshot {
    const conversations: ConversationDto[] = [];
    const offers = [];
    for (const c of this.engine.listConversations()) {
      const mine = c.participants.some((p) => p.agentId === agentId && p.status !== 'done');
      const offered = c.offer?.agentId === agentId;
      if (!mine && !offered) continue;
      const dto = this.conversationDto(c);
      if (dto) conversations.push(dto);
      if (offered && c.offer) offers.push(offerDto(c.id, c.offer));
    }
    return { seq: this.hub.publishedThrough, epoch: this.seqs.epoch, agent: this.agentDto(agentId)!, conversations, offers };
  }

  deskConfig(agentId: string): DeskConfig {
    const d = this.directory;
    return {
      channels: Object.values(d.channelRules),
      idleReasons: d.idleReasons.map((r) => d.reasonDto(r)),
      wrapupReasons: d.wrapupReasons.map((r) => d.reasonDto(r)),
      templates: d.templates.map((t) => d.templateDto(t)),
      queues: this.listQueues(),
      entryPoints: [...d.entryPoints.values()].map((e) => d.entryPointDto(e)),
      me: this.agentDto(agentId)!,
    };
  }

  private conversationDto(c: ConversationState): ConversationDto | null {
    const meta = this.meta.get(c.id);
    return meta ? conversationDto(this.directory, c, meta) : null;
  }

  /** Any conversation, open or closed, if the caller may see it. */
  async getConversation(viewer: AuthedAgent, id: string): Promise<ConversationDto> {
    const open = this.engine.getConversation(id);
    let state = open;
    let meta = open && this.meta.get(id);
    if (!state || !meta) {
      const rec = await store.getConversation(this.deps.db.kysely, id);
      const customer = rec && (await store.getCustomer(this.deps.db.kysely, rec.customerId));
      if (!rec || !customer) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such conversation');
      state = rec.state as ConversationState;
      meta = { customer: customerDto(customer), entryPointId: rec.entryPointId, subject: null };
    }
    this.requireVisible(viewer, state);
    return conversationDto(this.directory, state, meta);
  }

  async listMessages(viewer: AuthedAgent, id: string, beforeId: string | undefined, limit: number) {
    await this.getConversation(viewer, id);
    const page = await store.listMessages(this.deps.db.kysely, id, { beforeId, limit });
    return { messages: page.messages.map((m) => messageDto(m, this.deps.fileUrl)), hasMore: page.hasMore };
  }

  private requireVisible(viewer: AuthedAgent, c: ConversationState): void {
    if (viewer.role !== 'agent') return;
    if (c.offer?.agentId === viewer.id) return;
    if (c.participants.some((p) => p.agentId === viewer.id)) return;
    throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such conversation');
  }

  // ---------------------------------------------------------------- agent commands

  async setState(agentId: string, state: 'available' | 'idle' | 'offline', idleReasonId: string | null): Promise<AgentDto> {
    if (state === 'idle' && idleReasonId && !this.directory.idleReasons.some((r) => r.id === idleReasonId)) {
      throw new DomainError('PARLEY_ERR_VALIDATION', 'Unknown idle reason');
    }
    await this.apply(this.engine.setAgentState(agentId, state, idleReasonId, this.now));
    return this.agentDto(agentId)!;
  }

  async accept(agentId: string, conversationId: string): Promise<ConversationDto> {
    // A chat that closed while offered (the customer left) is an offer that is gone, not a missing resource.
    if (!this.engine.getConversation(conversationId)) throw new DomainError('PARLEY_ERR_NO_OFFER', 'There is no pending offer for you on this conversation');
    await this.apply(this.engine.accept(conversationId, agentId, this.now));
    return this.conversationDto(this.engine.getConversation(conversationId)!)!;
  }

  async transfer(agentId: string, conversationId: string, target: { queueId?: string; agentId?: string }): Promise<ConversationDto | null> {
    const now = this.now;
    const outcome = target.queueId
      ? this.engine.transferToQueue(conversationId, agentId, target.queueId, now)
      : this.engine.transferToAgent(conversationId, agentId, target.agentId!, now);
    await this.apply(outcome);
    const c = this.engine.getConversation(conversationId);
    return c ? this.conversationDto(c) : null;
  }

  async conference(agentId: string, conversationId: string, targetAgentId: string): Promise<ConversationDto> {
    await this.apply(this.engine.inviteToConference(conversationId, agentId, targetAgentId, this.now));
    return this.conversationDto(this.engine.getConversation(conversationId)!)!;
  }

  async exitConference(agentId: string, conversationId: string): Promise<void> {
    await this.apply(this.engine.exitConference(conversationId, agentId, this.now));
  }

  async end(agentId: string, conversationId: string): Promise<void> {
    await this.apply(this.engine.endByAgent(conversationId, agentId, this.now));
  }

  async wrapup(agentId: string, conversationId: string, reasonIds: string[]): Promise<void> {
    const c = this.engine.getConversation(conversationId);
    if (!c) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such open conversation');
    const known = new Set(this.directory.wrapupReasons.map((r) => r.id));
    const unknown = reasonIds.filter((r) => !known.has(r));
    if (unknown.length) throw new DomainError('PARLEY_ERR_VALIDATION', `Unknown wrap-up reason: ${unknown.join(', ')}`);
    if (new Set(reasonIds).size > 1 && !this.directory.rules(c.channel).multiWrapup) {
      throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `${c.channel} takes one wrap-up reason`);
    }
    const now = this.now;
    const outcome = this.engine.submitWrapup(conversationId, agentId, now);
    const rec = { id: randomUUID(), conversationId, agentId, reasonIds: [...new Set(reasonIds)], createdAt: now };
    await this.apply(outcome, (trx) => store.insertWrapup(trx, rec));
  }

  /** An agent's reply: checked against the channel's rules, stored, then delivered. Idempotent on clientId. */
  async sendAgentMessage(
    agentId: string,
    conversationId: string,
    input: { clientId: string; text: string; attachmentIds?: string[] },
  ): Promise<MessageDto> {
    const c = this.engine.getConversation(conversationId);
    if (!c) throw new DomainError('PARLEY_ERR_INVALID_STATE', 'The conversation has ended');
    const p = c.participants.find((x) => x.agentId === agentId && x.status === 'active');
    if (!p) throw new DomainError('PARLEY_ERR_NOT_PARTICIPANT', 'You are not handling this conversation');
    const rules = this.directory.rules(c.channel);
    const text = input.text;
    if (countChars(text) > rules.maxMessageLength) {
      throw new DomainError('PARLEY_ERR_MESSAGE_TOO_LONG', `At most ${rules.maxMessageLength} characters on ${c.channel}`);
    }
    const attachments = await this.resolveAttachments(c, input.attachmentIds ?? [], uploader.agent(agentId));
    checkMessageText(text, attachments.length > 0);
    const rec: MessageRecord = {
      id: orderedId(),
      conversationId,
      direction: 'outbound',
      authorType: 'agent',
      authorId: agentId,
      authorName: this.directory.agentName(agentId),
      text,
      attachments,
      notice: null,
      clientId: input.clientId,
      providerId: null,
      channel: c.channel,
      status: 'sent',
      statusReason: null,
      createdAt: this.now,
    };
    const stored = await this.storeMessage(c, rec);
    if (stored.duplicate) return messageDto(stored.message, this.deps.fileUrl);
    const dto = messageDto(stored.message, this.deps.fileUrl);
    void this.deliver(c, dto);
    return dto;
  }

  /** `allow`: the rate gate, asked only for a conversation the agent is in (so junk ids cost no memory). */
  typingFromAgent(agentId: string, conversationId: string, typing: boolean, allow: () => boolean = () => true): void {
    const c = this.engine.getConversation(conversationId);
    if (!c?.participants.some((p) => p.agentId === agentId && p.status === 'active')) return;
    if (!allow()) return;
    this.deps.adapters.byChannel.get(c.channel)?.agentTyping(conversationId, typing, this.directory.agentName(agentId));
    for (const id of this.audience(c)) {
      if (id !== agentId) this.hub.publish(id, { type: 'typing', conversationId, typing, seq: 0, at: this.now });
    }
  }

  /** `by`: who is sending (see uploader.ts); only their own uploads can be attached. */
  private async resolveAttachments(c: ConversationState, ids: string[], by: string) {
    if (ids.length === 0) return [];
    if (!this.directory.rules(c.channel).attachments) {
      throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `${c.channel} takes no attachments`);
    }
    const out = [];
    for (const id of ids) {
      const a = checkMayAttach(await store.getAttachment(this.deps.db.kysely, id), id, c.id, by);
      out.push({ id: a.id, name: a.name, mimeType: a.mimeType, size: a.size });
    }
    return out;
  }

  /** Delivers an outbound message on its channel and records the status it reached. */
  private async deliver(c: ConversationState, message: MessageDto): Promise<void> {
    const adapter = this.deps.adapters.byChannel.get(c.channel);
    const result = adapter
      ? await adapter.deliver(c.id, message)
      : ({ status: 'failed', reason: `No ${c.channel} channel is configured on this server` } as const);
    if (result.status === 'sent') return; // already stored as sent
    const reason = result.status === 'failed' ? result.reason : null;
    await this.setMessageStatus(c, message.id, result.status, reason);
  }

  async setMessageStatus(c: ConversationState, messageId: string, status: MessageDto['status'], reason: string | null): Promise<void> {
    const items = this.audience(c).map((agentId) => ({
      agentId,
      conversationId: c.id,
      event: { type: 'message.status', conversationId: c.id, messageId, status, reason } as AgentEvent,
    }));
    const { events, done } = await this.stamp(items, (events) =>
      this.deps.committer.run(async (trx) => {
        await store.updateMessageStatus(trx, messageId, status, reason);
        await store.insertEvents(trx, events.map((e) => e.record));
      }),
    );
    await done;
    this.publish(events);
  }

  // ---------------------------------------------------------------- web chat customers

  async startWebchat(input: { name: string; email: string; site?: string }): Promise<WebchatSession> {
    const site = input.site ?? 'web';
    const ep = this.directory.entryPoints.get(site);
    if (ep?.channel !== 'webchat') throw new DomainError('PARLEY_ERR_NOT_FOUND', `No web chat site "${site}"`);
    if (!this.engine.getQueue(ep.queueId)) throw new DomainError('PARLEY_ERR_NOT_FOUND', `Web chat site "${site}" has no queue`);
    const now = this.now;
    const id = orderedId();
    const token = randomBytes(32).toString('base64url');
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    const customer = await this.deps.committer.run((trx) =>
      store.upsertCustomer(trx, { channel: 'webchat', externalId: email, name, email, createdAt: now }),
    );
    // Not connected yet: abandoned unless the widget's socket opens in time. The engine decides
    // first, so a refusal leaves nothing behind in memory.
    const outcome = this.engine.enqueue({ id, channel: 'webchat', queueId: ep.queueId, customerConnected: false }, now);
    this.meta.set(id, { customer: { ...customerDto(customer), name }, entryPointId: ep.id, subject: null });
    await this.apply(outcome, (trx) =>
      store.createWebchatSession(trx, { tokenHash: sha256(token), conversationId: id, customerId: customer.id, createdAt: now }),
    );
    return { token, conversationId: id };
  }

  /** A customer's token: valid until `webchatTokenTtlMs` after its conversation closed. */
  async webchatSession(token: string): Promise<{ conversationId: string; customerId: string; tokenHash: string; expiresAt: number | null }> {
    const s = await store.findWebchatSession(this.deps.db.kysely, sha256(token), this.now, this.webchatTokenTtlMs);
    if (!s) throw new DomainError('PARLEY_ERR_UNKNOWN_SESSION', 'Unknown or expired chat session');
    return { conversationId: s.conversationId, customerId: s.customerId, tokenHash: s.tokenHash, expiresAt: s.expiresAt };
  }

  async webchatSnapshot(conversationId: string): Promise<WebchatSnapshot> {
    const db = this.deps.db.kysely;
    const open = this.engine.getConversation(conversationId);
    const rec = open ? null : await store.getConversation(db, conversationId);
    const status = open?.status ?? (rec?.status as WebchatSnapshot['status']) ?? 'closed';
    const customerName = this.meta.get(conversationId)?.customer.name ?? '';
    const { messages, hasMore } = await this.webchatMessages(conversationId, undefined, CUSTOMER_PAGE);
    const agents = customerAgents(open, (id) => this.directory.agentName(id));
    const rules = this.directory.rules('webchat');
    const limits = { maxMessageLength: rules.maxMessageLength, attachments: rules.attachments, maxAttachmentBytes: rules.maxAttachmentBytes };
    return { conversationId, status, customerName, messages, hasMore, agents, limits };
  }

  /** The customer's thread, a page at a time (newest first page; `beforeId` for older ones). */
  async webchatMessages(conversationId: string, beforeId: string | undefined, limit: number): Promise<WebchatMessagePage> {
    const page = await store.listMessages(this.deps.db.kysely, conversationId, { beforeId, limit, customerVisible: true });
    return { messages: page.messages.map((m) => messageDto(m, this.deps.fileUrl)), hasMore: page.hasMore };
  }

  /** A customer's chat message: stored (deduplicated on clientId), then shown to the agents. */
  async customerMessage(conversationId: string, input: { clientId: string; text: string; attachmentIds?: string[] }): Promise<MessageDto> {
    const received = performance.now();
    const c = this.engine.getConversation(conversationId);
    if (!c || c.status === 'ended') throw new DomainError('PARLEY_ERR_INVALID_STATE', 'This chat has ended');
    const rules = this.directory.rules(c.channel);
    if (countChars(input.text) > rules.maxMessageLength) {
      throw new DomainError('PARLEY_ERR_MESSAGE_TOO_LONG', `A message can have at most ${rules.maxMessageLength} characters`);
    }
    const attachments = await this.resolveAttachments(c, input.attachmentIds ?? [], uploader.chat(conversationId));
    checkMessageText(input.text, attachments.length > 0);
    const meta = this.meta.get(conversationId);
    const rec: MessageRecord = {
      id: orderedId(),
      conversationId,
      direction: 'inbound',
      authorType: 'customer',
      authorId: meta?.customer.id ?? null,
      authorName: meta?.customer.name ?? 'Customer',
      text: input.text,
      attachments,
      notice: null,
      clientId: input.clientId,
      providerId: null,
      channel: c.channel,
      status: 'received',
      statusReason: null,
      createdAt: this.now,
    };
    const stored = await this.storeMessage(c, rec);
    this.deps.metrics.messageLatency.observe((performance.now() - received) / 1000);
    return messageDto(stored.message, this.deps.fileUrl);
  }

  customerTyping(conversationId: string, typing: boolean): void {
    const c = this.engine.getConversation(conversationId);
    if (!c) return;
    for (const id of this.audience(c)) this.hub.publish(id, { type: 'typing', conversationId, typing, seq: 0, at: this.now });
  }

  /** A web chat customer's first socket opened (present) or last one closed: the abandon clock stops or starts. */
  async customerPresence(conversationId: string, present: boolean): Promise<void> {
    if (!this.engine.getConversation(conversationId)) return;
    const now = this.now;
    await this.apply(present ? this.engine.customerBack(conversationId, now) : this.engine.customersAway([conversationId], now));
  }

  async customerEnd(conversationId: string): Promise<void> {
    if (!this.engine.getConversation(conversationId)) return;
    await this.apply(this.engine.endByCustomer(conversationId, this.now));
  }

  async customerRead(conversationId: string, messageIds: string[]): Promise<void> {
    const c = this.engine.getConversation(conversationId);
    if (!c) return;
    const db = this.deps.db.kysely;
    for (const id of messageIds.slice(0, 50)) {
      const m = await store.getMessage(db, id);
      if (m && m.conversationId === conversationId && m.direction === 'outbound' && m.authorType === 'agent' && m.status !== 'read') {
        await this.setMessageStatus(c, id, 'read', null);
      }
    }
  }

  async channelOfOpenConversation(conversationId: string): Promise<ChannelType> {
    const c = this.engine.getConversation(conversationId);
    if (!c) throw new DomainError('PARLEY_ERR_INVALID_STATE', 'This chat has ended');
    return c.channel;
  }

  // ---------------------------------------------------------------- time

  /** Applies every passed deadline (offer timeouts, max waits). */
  async tick(): Promise<void> {
    const outcome = this.engine.tick(this.now);
    if (outcome.events.length || outcome.conversations.length) await this.apply(outcome);
  }

  nextDeadline(): number | undefined {
    return this.engine.nextDeadline();
  }

  // ---------------------------------------------------------------- persistence and publishing

  private async storeMessage(c: ConversationState, rec: MessageRecord) {
    const dto = messageDto(rec, this.deps.fileUrl);
    const items = this.audience(c).map((agentId) => ({ agentId, conversationId: c.id, event: { type: 'message.created', message: dto } as AgentEvent }));
    const db = this.deps.db.kysely;
    const attachmentIds = (rec.attachments as { id: string }[]).map((a) => a.id);
    const { events, done } = await this.stamp(items, (events) =>
      this.deps.committer.runPlan(store.insertMessagePlan(db, rec, events.map((e) => e.record), attachmentIds)),
    );
    const stored = await store.storedMessage(db, rec, await done);
    // A duplicate's seqs were never stored: harmless gaps (replay reads what exists).
    if (!stored.duplicate) this.publish(events);
    return stored;
  }

  /** Agents who see a conversation's events: everyone in it, and whoever has its offer. */
  private audience(c: ConversationState, extra: Iterable<string> = []): string[] {
    const ids = new Set<string>(extra);
    for (const p of c.participants) ids.add(p.agentId);
    if (c.offer) ids.add(c.offer.agentId);
    return [...ids];
  }

  /**
   * Numbers `items` and hands them to `write`, which starts their commit in the same synchronous
   * step: commits start in number order (what resuming clients rely on). `done` is `write`'s promise.
   */
  private async stamp<T>(items: EventItem[], write: (events: Stamped[]) => Promise<T>): Promise<{ events: Stamped[]; done: Promise<T> }> {
    return this.seqs.run(items.length, (seqs) => {
      const events = this.numbered(items, seqs);
      const done = write(events);
      done.catch(() => undefined); // the caller awaits it; this only keeps it from counting as unhandled meanwhile
      return { events, done };
    });
  }

  private numbered(items: EventItem[], seqs: number[]): Stamped[] {
    const at = this.now;
    return items.map(({ agentId, conversationId, event }, i) => {
      const stored = { ...event, seq: seqs[i]!, at } as StoredEvent;
      // Serialised once: the same text is stored and sent to every socket.
      const json = JSON.stringify(stored);
      return {
        agentId,
        stored,
        json,
        record: { seq: stored.seq, agentId, conversationId, type: event.type, payload: stored, payloadJson: json, createdAt: at },
      };
    });
  }

  private publish(events: { agentId: string | null; stored: StoredEvent; json: string }[]): void {
    for (const e of events) this.hub.publish(e.agentId, e.stored, e.json);
  }

  /**
   * Stores an engine outcome in one transaction (conversations, agent states, notices, events, and
   * `extra` work), then publishes it to agents and customers.
   */
  private async apply(outcome: Outcome, extra?: (trx: Trx) => Promise<void>): Promise<void> {
    if (!extra && !outcome.events.length && !outcome.conversations.length && !outcome.agents.length) return;
    const now = this.now;
    const items: EventItem[] = [];
    const notices: { conv: ConversationState; rec: MessageRecord }[] = [];
    const convById = new Map(outcome.conversations.map((c) => [c.id, c]));
    const withdrawnFrom = new Map<string, Set<string>>();

    for (const e of outcome.events) {
      switch (e.type) {
        case 'offer.created': {
          const c = convById.get(e.conversationId);
          const dto = c && this.conversationDto(c);
          if (dto) items.push({ agentId: e.offer.agentId, conversationId: e.conversationId, event: { type: 'offer.created', offer: offerDto(e.conversationId, e.offer), conversation: dto } });
          this.deps.metrics.offers.inc();
          break;
        }
        case 'offer.withdrawn':
          items.push({ agentId: e.agentId, conversationId: e.conversationId, event: { type: 'offer.withdrawn', conversationId: e.conversationId, agentId: e.agentId, reason: e.reason } });
          if (!withdrawnFrom.has(e.conversationId)) withdrawnFrom.set(e.conversationId, new Set());
          withdrawnFrom.get(e.conversationId)!.add(e.agentId);
          break;
        case 'rona':
          this.deps.metrics.rona.inc();
          break;
        case 'notice': {
          if (e.code === 'abandoned') this.deps.metrics.abandoned.inc();
          const c = convById.get(e.conversationId);
          if (c) notices.push({ conv: c, rec: this.noticeRecord(c, e.code, e.agentId, e.queueId, now) });
          break;
        }
        default:
          break;
      }
    }
    for (const n of notices) {
      const dto = messageDto(n.rec, this.deps.fileUrl);
      for (const agentId of this.audience(n.conv, withdrawnFrom.get(n.conv.id))) {
        items.push({ agentId, conversationId: n.conv.id, event: { type: 'message.created', message: dto } });
      }
    }
    for (const c of outcome.conversations) {
      const dto = this.conversationDto(c);
      if (!dto) continue;
      for (const agentId of this.audience(c, withdrawnFrom.get(c.id))) {
        items.push({ agentId, conversationId: c.id, event: { type: 'conversation.updated', conversation: dto } });
      }
    }
    for (const a of outcome.agents) {
      const dto = agentDto(this.directory, this.engine, a.id, a);
      if (dto) items.push({ agentId: null, conversationId: null, event: { type: 'agent.updated', agent: dto } });
    }
    const { events, done } = await this.stamp(items, (events) => this.deps.committer.run(async (trx) => {
      if (extra) await extra(trx);
      for (const c of outcome.conversations) {
        const meta = this.meta.get(c.id);
        await store.upsertConversation(trx, {
          id: c.id,
          channel: c.channel,
          entryPointId: meta?.entryPointId ?? '',
          queueId: c.queueId,
          customerId: meta?.customer.id ?? '',
          status: c.status,
          ownerAgentId: c.ownerAgentId,
          state: c,
          offerDeadline: c.offer?.deadline ?? null,
          maxWaitDeadline: c.maxWaitDeadline,
          createdAt: c.createdAt,
          updatedAt: now,
          closedAt: c.status === 'closed' ? now : null,
        });
      }
      for (const a of outcome.agents) {
        await store.updateAgentRuntime(trx, { id: a.id, state: a.state, idleReasonId: a.idleReasonId, stateChangedAt: a.stateChangedAt, readySince: a.readySince });
      }
      for (const n of notices) await store.insertMessage(trx, n.rec);
      await store.insertEvents(trx, events.map((e) => e.record));
    }));
    await done;

    this.publish(events);
    // Notices before statuses: the customer reads why (e.g. "the transfer did not go through") before "ended".
    for (const n of notices) {
      if (n.rec.direction === 'outbound') void this.deps.adapters.byChannel.get(n.conv.channel)?.deliver(n.conv.id, messageDto(n.rec, this.deps.fileUrl));
    }
    for (const c of outcome.conversations) {
      const adapter = this.deps.adapters.byChannel.get(c.channel);
      adapter?.statusChanged(c.id, c.status, customerAgents(c, (id) => this.directory.agentName(id)));
      if (c.status === 'closed') {
        this.meta.delete(c.id);
        this.sessionSockets.expireConversation(c.id, now + this.webchatTokenTtlMs);
      }
    }
    for (const qid of outcome.queueIds) this.deps.metrics.queueWaiting.set({ queue: qid }, this.engine.waitingCount(qid));
    this.onDeadlineChange?.();
  }

  private noticeRecord(c: ConversationState, code: NoticeDto['code'], agentId: string | undefined, queueId: string | undefined, now: number): MessageRecord {
    const notice: NoticeDto = { code };
    if (agentId) notice.agentName = this.directory.agentName(agentId);
    if (queueId) notice.queueName = this.directory.queueName(queueId);
    return {
      id: orderedId(),
      conversationId: c.id,
      direction: CUSTOMER_NOTICES.has(code) ? 'outbound' : 'internal',
      authorType: 'system',
      authorId: null,
      authorName: 'System',
      text: noticeText(notice),
      attachments: [],
      notice,
      clientId: null,
      providerId: null,
      channel: c.channel,
      status: 'sent',
      statusReason: null,
      createdAt: now,
    };
  }
}

/** English fallback text for a notice (clients translate by code). */
export function noticeText(n: NoticeDto): string {
  const who = n.agentName ?? 'An agent';
  switch (n.code) {
    case 'agent_joined': return `${who} joined the chat`;
    case 'agent_left': return `${who} left the chat`;
    case 'customer_left': return 'The customer left the chat';
    case 'transferred': return n.queueName ? `Transferred to ${n.queueName}` : `Transferred to ${who}`;
    case 'conference_requested': return `Conference requested with ${who}`;
    case 'conference_joined': return `${who} joined the conversation`;
    case 'conference_left': return `${who} left the conversation`;
    case 'conference_ended': return 'The conference ended';
    case 'conference_declined': return `${who} did not accept the conference request`;
    case 'transfer_failed': return 'The transfer was not accepted';
    case 'no_agent_available': return 'No agent is available right now';
    case 'conversation_closed': return 'The conversation is closed';
    case 'abandoned': return 'The customer left before an agent answered';
  }
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('base64url');
}

// A valid scrypt hash of a random password: verifying against it costs what a real check costs.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
