import type { AgentServerFrame, DeskConfig, MessageDto, StoredEvent, TemplateUse } from '@parley/protocol';
import type { DeskTemplateUse } from './unsent';
import { api, asConversation } from '../api/endpoints';
import { ApiError } from '../api/http';
import { DeskSocket } from '../api/socket';
import { newClientId } from './ids';
import { UnsentQueue, worthResending, type SendExtras } from './unsent';
import { pendingEmail } from './pending-email';
import { ReadMarker } from './read-marks';
import type { DeskStore } from './store';
import type { DeskState } from './types';

const FIRST_PAGE = 200;
const OLDER_PAGE = 500;
/** Events older than this when they arrive are replay after a reconnect: no notification. */
const LIVE_WINDOW_MS = 15_000;

export interface SessionHooks {
  /** A live event was applied (notifications). */
  onLiveEvent?: (e: StoredEvent, s: DeskState) => void;
  /** The token is no longer valid. */
  onAuthLost: () => void;
  /** An admin changed the configuration (or events were missed): re-read it. */
  onConfigChanged?: () => void;
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Glue between the REST API, the event stream and the store; every user command goes through here. */
export class DeskSession {
  private socket: DeskSocket | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastSelected: string | null = null;
  /** Sends that failed for want of a connection: re-sent at the next `hello` (like the web chat widget's). */
  private readonly unsent = new UnsentQueue(typeof sessionStorage === 'undefined' ? undefined : sessionStorage);
  private readonly readMarks = new ReadMarker(api.markRead, (e) => e instanceof ApiError && e.status === 404);

  constructor(
    private readonly store: DeskStore,
    private readonly token: string,
    private readonly hooks: SessionHooks,
  ) {}

  private get state(): DeskState {
    return this.store.getState();
  }

  async start(): Promise<DeskConfig> {
    const [config, snapshot] = await Promise.all([api.config(), api.desk()]);
    this.store.dispatch({ type: 'snapshot', snapshot });
    this.unsubscribe = this.store.subscribe(() => this.onChange());
    this.onChange();
    this.socket = new DeskSocket(this.token, {
      since: () => this.state.seq,
      epoch: () => this.state.epoch,
      onFrame: (f) => this.onFrame(f),
      onStatus: (status) => this.store.dispatch({ type: 'link', status }),
      onRepeatedFailure: () => void this.probeAuth(),
      onSessionEnded: () => this.hooks.onAuthLost(),
    });
    this.socket.start();
    return config;
  }

  stop(): void {
    this.socket?.stop();
    this.socket = null;
    this.unsubscribe?.();
  }

  reconnectNow(): void {
    this.socket?.retryNow();
  }

  /** Tells the customer the agent is typing (ephemeral; lost frames don't matter). Stable identity for hooks. */
  readonly typingSignal = (conversationId: string, typing: boolean): void => {
    this.socket?.send({ type: 'typing', conversationId, typing });
  };

  private async probeAuth(): Promise<void> {
    try {
      await api.desk();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) this.hooks.onAuthLost();
    }
  }

  private onChange(): void {
    const id = this.state.selectedId;
    if (id === this.lastSelected) return;
    this.lastSelected = id;
    if (id) void this.ensureThread(id);
  }

  private onFrame(f: AgentServerFrame): void {
    switch (f.type) {
      case 'hello':
        // A resume point the server cannot serve (another epoch, ahead of its head, pruned) gets `resync`.
        this.resendUnsent();
        return;
      case 'resync':
        void this.resync();
        return;
      case 'event': {
        if (f.event.type === 'config.updated') this.hooks.onConfigChanged?.();
        const before = this.state;
        this.store.dispatch({ type: 'event', event: f.event });
        const after = this.state;
        if (after !== before && f.event.at > Date.now() - LIVE_WINDOW_MS) this.hooks.onLiveEvent?.(f.event, after);
        return;
      }
      case 'pong':
        return;
    }
  }

  /** Reload the snapshot and the open threads (after a `resync` frame). */
  async resync(): Promise<void> {
    try {
      const snapshot = await api.desk();
      this.store.dispatch({ type: 'snapshot', snapshot });
      // Events were missed: a configuration change among them would be lost.
      this.hooks.onConfigChanged?.();
      for (const [id, t] of Object.entries(this.state.threads)) if (t.loaded) void this.loadNewest(id);
    } catch {
      /* the socket retries; the next hello resyncs again if needed */
    }
  }

  select(id: string | null): void {
    this.store.dispatch({ type: 'select', conversationId: id });
  }

  step(delta: 1 | -1): void {
    this.store.dispatch({ type: 'select.step', delta });
  }

  async ensureThread(id: string): Promise<void> {
    const t = this.state.threads[id];
    if (t?.loaded || t?.loading) return;
    await this.loadNewest(id);
  }

  private async loadNewest(id: string): Promise<void> {
    this.store.dispatch({ type: 'thread.loading', conversationId: id });
    try {
      const page = await api.messages(id, { limit: FIRST_PAGE });
      this.store.dispatch({ type: 'thread.page', conversationId: id, messages: page.messages, hasMore: page.hasMore, older: false });
    } catch {
      this.store.dispatch({ type: 'thread.failed', conversationId: id });
    }
  }

  async loadOlder(id: string): Promise<number> {
    const t = this.state.threads[id];
    if (!t?.hasMore || t.loading) return 0;
    const first = t.items.find((m) => !m.id.startsWith('local:'));
    if (!first) return 0;
    this.store.dispatch({ type: 'thread.loading', conversationId: id });
    try {
      const page = await api.messages(id, { before: first.id, limit: OLDER_PAGE });
      this.store.dispatch({ type: 'thread.page', conversationId: id, messages: page.messages, hasMore: page.hasMore, older: true });
      return page.messages.length;
    } catch {
      this.store.dispatch({ type: 'thread.failed', conversationId: id });
      return 0;
    }
  }

  async accept(id: string): Promise<void> {
    try {
      const c = await api.accept(id);
      this.store.dispatch({ type: 'conversation', conversation: c });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 404)) this.store.dispatch({ type: 'offer.gone', conversationId: id });
      throw e;
    }
    this.store.dispatch({ type: 'offer.gone', conversationId: id });
    this.select(id);
  }

  /**
   * Optimistic send: pending at once, then the stored message (or failed with the reason). A
   * template whose text is `fixed` (locked, or approved) goes with no text: the server renders it at
   * send time, so a {{time}} in it can't differ from the server's (a resend minutes later included).
   */
  async send(conversationId: string, text: string, clientId: string = newClientId(), template?: DeskTemplateUse, extras?: SendExtras): Promise<void> {
    const me = this.state.me;
    const local: MessageDto = {
      id: `local:${clientId}`,
      conversationId,
      direction: 'outbound',
      authorType: 'agent',
      authorId: me?.id ?? null,
      authorName: me?.displayName ?? '',
      text,
      attachments: [],
      clientId,
      status: 'pending',
      statusReason: null,
      createdAt: Date.now(),
      ...(extras?.email ? { email: pendingEmail(extras.email) } : {}),
    };
    this.store.dispatch({ type: 'send.pending', message: local });
    this.unsent.forget(clientId);
    try {
      const wire: TemplateUse | undefined = template && { id: template.id, params: template.params, locale: template.locale, timeZone: template.timeZone };
      const m = await api.send(conversationId, clientId, template?.fixed ? '' : text, wire, extras);
      this.store.dispatch({ type: 'send.done', message: m });
    } catch (e) {
      if (worthResending(e)) this.unsent.remember(clientId, { conversationId, text, ...(template ? { template } : {}), ...(extras ? { extras } : {}) });
      this.store.dispatch({ type: 'send.failed', conversationId, clientId, reason: reason(e) });
    }
  }

  /** The link is back: every message that failed for want of it goes again, same clientId (the server dedupes). */
  private resendUnsent(): void {
    for (const [clientId, m] of this.unsent.drain()) {
      if (this.state.conversations[m.conversationId]) void this.send(m.conversationId, m.text, clientId, m.template, m.extras);
    }
  }

  /** The agent is looking at this thread (pane open, page visible): its customer messages are read. */
  async viewed(conversationId: string): Promise<void> {
    const t = this.state.threads[conversationId];
    if (t?.loaded) await this.readMarks.viewed(conversationId, t.items);
  }

  async retry(conversationId: string, clientId: string): Promise<void> {
    const m = this.state.threads[conversationId]?.items.find((x) => x.clientId === clientId);
    if (m) await this.send(conversationId, m.text, clientId);
  }

  async setState(value: string): Promise<void> {
    const agent =
      value === 'idle' || value.startsWith('idle:') ? await api.setState('idle', value.slice(5) || null) : await api.setState('available');
    this.store.dispatch({ type: 'agent', agent });
  }

  private applyAnswer(v: unknown): void {
    const c = asConversation(v);
    if (c) this.store.dispatch({ type: 'conversation', conversation: c });
  }

  async transfer(id: string, target: { queueId: string } | { agentId: string }): Promise<void> {
    const ans = 'queueId' in target ? await api.transferToQueue(id, target.queueId) : await api.transferToAgent(id, target.agentId);
    this.store.dispatch({ type: 'wrapup.start', conversationId: id });
    this.applyAnswer(ans);
  }

  async conference(id: string, target: { agentId: string } | { queueId: string }): Promise<void> {
    this.applyAnswer(await api.conference(id, target));
  }

  async cancelConference(id: string): Promise<void> {
    this.applyAnswer(await api.cancelConference(id));
  }

  async exitConference(id: string): Promise<void> {
    const ans = await api.exitConference(id);
    this.store.dispatch({ type: 'wrapup.start', conversationId: id });
    this.applyAnswer(ans);
  }

  async endConference(id: string): Promise<void> {
    this.applyAnswer(await api.endConference(id));
  }

  async end(id: string): Promise<void> {
    const ans = await api.end(id);
    this.store.dispatch({ type: 'wrapup.start', conversationId: id });
    this.applyAnswer(ans);
  }

  async wrapup(id: string, reasonIds: string[]): Promise<void> {
    await api.wrapup(id, reasonIds);
    this.store.dispatch({ type: 'wrapup.done', conversationId: id });
  }
}
