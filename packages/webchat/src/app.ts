import type { ConversationStatus, WebchatServerFrame, WebchatSnapshot } from '@parley/protocol';
import { ApiError, getMessages, getSession, startSession, upload } from './api';
import { h } from './dom';
import { errorText, strings, type Lang, type Strings } from './i18n';
import { ChatSocket } from './socket';
import { SessionStore, type Profile, type StoredSession } from './storage';
import { newClientId, Thread, type Entry } from './thread';
import { TypingSender } from './typing';
import { Composer } from './view-composer';
import { MessageList } from './view-messages';
import { createPrechat, type Prechat } from './view-prechat';
import { createShell, type Shell } from './view-shell';

export interface WidgetConfig {
  origin: string;
  site: string;
  lang: Lang;
  open: boolean;
}

type Phase = 'prechat' | 'chat' | 'ended';

/** Defaults until the server's snapshot says otherwise. */
const MAX_LEN = 1000;
const MAX_FILE_MB = 10;
const ACK_TIMEOUT_MS = 15_000;
/** Hide the agent's typing line if no update arrives (a lost `typing:false`). */
const REMOTE_TYPING_TTL_MS = 6_000;
const CONNECTING_GRACE_MS = 1_000;

const isOver = (s: ConversationStatus) => s === 'ended' || s === 'closed';
const ENDING_NOTICES = new Set(['customer_left', 'conversation_closed', 'abandoned']);

export class App {
  private readonly t: Strings;
  private readonly s: Shell;
  private readonly store: SessionStore;
  private readonly prechat: Prechat;
  private readonly list: MessageList;
  private readonly composer: Composer;
  private readonly chat: HTMLElement;
  private readonly olderBar: HTMLElement;
  private thread = new Thread();
  private session: StoredSession | null;
  private socket: ChatSocket | null = null;
  private phase: Phase = 'prechat';
  private status: ConversationStatus = 'queued';
  private customerName = '';
  /** Agents chatting with the customer now, owner first (from the server). */
  private agents: string[] = [];
  private loadingOlder = false;
  private isOpen = false;
  private seenAt = 0;
  private maxFileMb = MAX_FILE_MB;
  private readonly ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly readSent = new Set<string>();
  private readonly typing = new TypingSender((typing) => !!this.socket?.send({ type: 'typing', typing }));
  private remoteTyping: ReturnType<typeof setTimeout> | undefined;
  private connTimer: ReturnType<typeof setTimeout> | undefined;
  /** The "open in too many windows" alert is up: it goes once this window gets in. */
  private refusedAsExtraWindow = false;

  constructor(
    private readonly cfg: WidgetConfig,
    root: ShadowRoot,
  ) {
    this.t = strings(cfg.lang);
    this.s = createShell(root, this.t, cfg.lang);
    this.store = new SessionStore(cfg.origin, cfg.site);
    this.prechat = createPrechat(this.t, (p) => void this.start(p));
    this.list = new MessageList(this.t, cfg.origin, (id) => this.retry(id), () => void this.loadOlder());
    this.olderBar = h('div', { class: 'bar', role: 'status', hidden: true }, this.t('loadingOlder'));
    this.composer = new Composer(this.t, MAX_LEN, {
      onSend: (text) => this.sendText(text),
      onFile: (f) => void this.sendFile(f),
      onInput: () => this.phase === 'chat' && this.typing.input(!!this.composer.text.trim()),
    });
    this.chat = h('div', { class: 'body' }, this.olderBar, this.list.el, this.s.typing, this.s.confirm, this.composer.el, this.s.ended);
    this.s.body.append(this.prechat.el, this.chat);
    this.wire();

    this.session = this.store.load();
    this.seenAt = this.session?.seenAt ?? 0;
    this.prechat.fill(this.store.loadProfile());
    if (this.session) {
      this.enterChat();
      void this.restore();
    } else this.enterPrechat();
    if (cfg.open || this.session?.open) this.open(false);
  }

  private wire(): void {
    const s = this.s;
    s.launcher.addEventListener('click', () => this.open(true));
    s.minBtn.addEventListener('click', () => this.minimize());
    s.panel.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      if (!s.confirm.hidden) this.cancelEnd();
      else this.minimize();
    });
    s.endBtn.addEventListener('click', () => {
      s.confirm.hidden = false;
      s.confirmYes.focus();
    });
    s.confirmNo.addEventListener('click', () => this.cancelEnd());
    s.confirmYes.addEventListener('click', () => this.endChat());
    s.startNew.addEventListener('click', () => this.reset(null));
    document.addEventListener('visibilitychange', () => {
      if (document.hidden) return;
      this.socket?.nudge();
      this.markRead();
    });
    window.addEventListener('online', () => this.socket?.nudge());
  }

  // ---- panel ----

  private open(focus: boolean): void {
    this.isOpen = true;
    this.s.panel.hidden = false;
    this.s.launcher.hidden = true;
    this.s.launcher.setAttribute('aria-expanded', 'true');
    this.persistOpen();
    this.render();
    this.list.scrollToEnd();
    this.markRead();
    if (focus) this.focusPhase();
  }

  private minimize(): void {
    this.isOpen = false;
    this.s.panel.hidden = true;
    this.s.launcher.hidden = false;
    this.s.launcher.setAttribute('aria-expanded', 'false');
    this.persistOpen();
    this.s.launcher.focus();
  }

  private focusPhase(): void {
    if (this.phase === 'prechat') this.prechat.focus();
    else if (this.phase === 'chat') this.composer.focus();
    else this.s.startNew.focus();
  }

  /** True when focus is inside the widget, so moving it does not steal it from the host page. */
  private inWidgetFocus(): boolean {
    const host = (this.s.panel.getRootNode() as ShadowRoot).host;
    return this.isOpen && document.activeElement === host;
  }

  private persistOpen(): void {
    if (!this.session) return;
    this.session.open = this.isOpen;
    this.store.save(this.session);
  }

  /** Agent messages newer than what was on screen; counted from the thread so it survives reloads. */
  private updateUnread(): void {
    const entries = this.thread.entries;
    if (this.isOpen) {
      const last = entries.reduce((t, e) => (e.message.id ? Math.max(t, e.message.createdAt) : t), this.seenAt);
      if (last !== this.seenAt && this.session) {
        this.seenAt = this.session.seenAt = last;
        this.store.save(this.session);
      }
      return this.setUnread(0);
    }
    this.setUnread(entries.filter((e) => e.message.authorType === 'agent' && e.message.createdAt > this.seenAt).length);
  }

  private setUnread(n: number): void {
    this.s.badge.hidden = n === 0;
    this.s.badge.textContent = String(n);
    this.s.launcher.setAttribute('aria-label', n ? `${this.t('openChat')} (${this.t('unread', { count: n })})` : this.t('openChat'));
  }

  private showAlert(msg: string): void {
    this.s.alertText.textContent = msg;
    this.s.alert.hidden = false;
  }

  private showError(e: unknown): void {
    const err = e instanceof ApiError ? e : null;
    this.showAlert(errorText(this.t, err?.code, err && err.status !== 0 ? err.message : undefined));
  }

  // ---- phases ----

  private enterPrechat(): void {
    this.phase = 'prechat';
    this.prechat.el.hidden = false;
    this.chat.hidden = true;
    this.s.endBtn.hidden = true;
    this.s.conn.hidden = true;
    this.updateHeader();
  }

  private enterChat(): void {
    this.phase = 'chat';
    this.prechat.el.hidden = true;
    this.chat.hidden = false;
    this.composer.el.hidden = false;
    this.composer.setEnabled(true);
    this.s.endBtn.hidden = false;
    this.s.ended.hidden = true;
    this.s.confirm.hidden = true;
    this.updateHeader();
  }

  private enterEnded(): void {
    if (this.phase === 'ended') return;
    const hadFocus = this.inWidgetFocus();
    this.phase = 'ended';
    this.typing.stop();
    this.setRemoteTyping(false, '');
    this.composer.setEnabled(false);
    this.composer.el.hidden = true;
    this.s.endBtn.hidden = true;
    this.s.confirm.hidden = true;
    this.s.ended.hidden = false;
    this.s.conn.hidden = true;
    this.updateHeader();
    if (hadFocus) this.s.startNew.focus();
  }

  /** Back to the pre-chat form: after "Start new chat", or when the server forgot the session. */
  private reset(message: string | null): void {
    this.socket?.stop();
    this.socket = null;
    this.session = null;
    this.store.clear();
    for (const t of this.ackTimers.values()) clearTimeout(t);
    this.ackTimers.clear();
    this.readSent.clear();
    this.seenAt = 0;
    this.thread = new Thread();
    this.list.clear();
    this.agents = [];
    this.status = 'queued';
    this.s.alert.hidden = true;
    this.prechat.fill(this.store.loadProfile());
    this.enterPrechat();
    if (message) this.showAlert(message);
    if (this.isOpen) this.prechat.focus();
  }

  private updateHeader(): void {
    const t = this.t;
    let sub = '';
    if (this.phase === 'ended') sub = t('chatEnded');
    else if (this.phase === 'chat') {
      // The server's list of who is chatting now: right after a conference exit or a transfer, and after a reload.
      const live = this.agents.length > 0 && !isOver(this.status) && this.status !== 'queued';
      sub = live ? t('chattingWith', { name: new Intl.ListFormat(this.cfg.lang).format(this.agents) }) : t('waiting');
    }
    this.s.sub.textContent = sub;
  }

  // ---- session ----

  private async start(p: Profile): Promise<void> {
    this.prechat.setBusy(true);
    this.s.alert.hidden = true;
    try {
      const res = await startSession(this.cfg.origin, { ...p, site: this.cfg.site });
      this.session = { token: res.token, conversationId: res.conversationId, open: this.isOpen };
      this.store.save(this.session);
      this.store.saveProfile(p);
      this.customerName = p.name;
      this.status = 'queued';
      this.enterChat();
      this.connect();
      this.composer.focus();
    } catch (e) {
      this.showError(e);
    } finally {
      this.prechat.setBusy(false);
    }
  }

  private async restore(): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      this.applySnapshot(await getSession(this.cfg.origin, session.token));
    } catch (e) {
      if (this.isUnknownSession(e)) return this.reset(this.t('err.PARLEY_ERR_UNKNOWN_SESSION'));
      // Network trouble: the socket below keeps retrying and its `hello` brings the thread.
    }
    if (this.session === session && this.phase === 'chat') this.connect();
  }

  private isUnknownSession(e: unknown): boolean {
    return e instanceof ApiError && (e.code === 'PARLEY_ERR_UNKNOWN_SESSION' || e.status === 404 || e.status === 401);
  }

  /** A socket that keeps failing before `hello` may mean the session is gone: ask REST, which can say so. */
  private async checkSession(): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      await getSession(this.cfg.origin, session.token);
    } catch (e) {
      if (this.session === session && this.isUnknownSession(e)) this.reset(this.t('err.PARLEY_ERR_UNKNOWN_SESSION'));
    }
  }

  private applySnapshot(snap: WebchatSnapshot): void {
    if (snap.limits) {
      this.composer.setMax(snap.limits.maxMessageLength);
      this.maxFileMb = Math.floor(snap.limits.maxAttachmentBytes / 1024 / 1024);
    }
    this.thread.replace(snap.messages, snap.hasMore);
    if (snap.customerName) this.customerName = snap.customerName;
    this.render();
    this.setStatus(snap.status, snap.agents);
    if (this.isOpen && this.list.atTop()) void this.loadOlder();
  }

  /** Fetches the page before the oldest message held, keeping the customer's place in the list. */
  private async loadOlder(): Promise<void> {
    const session = this.session;
    const oldest = this.thread.entries.find((e) => e.message.id)?.message.id;
    if (!session || this.loadingOlder || !this.thread.hasMore || !oldest) return;
    this.loadingOlder = true;
    this.olderBar.hidden = false;
    let loaded = false;
    try {
      const page = await getMessages(this.cfg.origin, session.token, oldest);
      if (this.session !== session) return;
      this.thread.prepend(page.messages, page.hasMore);
      this.list.renderKeepingPosition(this.thread.entries);
      this.updateUnread();
      loaded = true;
    } catch (e) {
      if (this.session === session) this.showError(e);
    } finally {
      this.loadingOlder = false;
      this.olderBar.hidden = true;
    }
    // A page too short to scroll: the customer is still at the top, so keep going.
    if (loaded && this.list.atTop()) void this.loadOlder();
  }

  private setStatus(status: ConversationStatus, agents?: string[]): void {
    this.status = status;
    if (agents) this.agents = agents;
    if (isOver(status)) this.enterEnded();
    this.updateHeader();
  }

  // ---- socket ----

  private connect(): void {
    const session = this.session;
    if (!session) return;
    this.socket?.stop();
    const url = `${this.cfg.origin.replace(/^http/, 'ws')}/webchat/ws?token=${encodeURIComponent(session.token)}`;
    const socket = new ChatSocket(url, {
      onFrame: (f) => this.onFrame(f),
      onConnection: (up, ever) => this.onConnection(socket, up, ever),
      onFailedAttempt: () => void this.checkSession(),
      onSessionEnded: () => {
        if (this.socket === socket) this.reset(this.t('err.PARLEY_ERR_UNKNOWN_SESSION'));
      },
    });
    this.socket = socket;
    this.onConnection(socket, false, false);
    socket.start();
  }

  private onConnection(socket: ChatSocket, up: boolean, ever: boolean): void {
    clearTimeout(this.connTimer);
    if (up || this.phase !== 'chat') {
      this.s.conn.hidden = true;
      // Nothing more will come on a finished chat: let the socket go instead of reconnecting.
      if (!up && this.phase === 'ended') socket.stop();
      return;
    }
    this.typing.forget();
    this.s.conn.textContent = ever ? this.t('reconnecting') : this.t('connecting');
    // A short grace period so a fast connect does not flash the bar.
    this.connTimer = setTimeout(() => (this.s.conn.hidden = this.socket?.connected !== false), CONNECTING_GRACE_MS);
  }

  private onFrame(f: WebchatServerFrame): void {
    switch (f.type) {
      case 'hello':
        if (this.refusedAsExtraWindow) this.s.alert.hidden = true;
        this.refusedAsExtraWindow = false;
        this.applySnapshot(f.snapshot);
        for (const e of this.thread.sending()) this.transmit(e);
        this.markRead();
        break;
      case 'message': {
        const m = f.message;
        this.thread.upsert(m);
        if (m.authorType === 'agent') this.setRemoteTyping(false, '');
        this.render();
        this.markRead();
        // Notices can arrive without a separate status frame; these always mean the end.
        if (m.notice && ENDING_NOTICES.has(m.notice.code)) this.setStatus('ended');
        else this.updateHeader();
        break;
      }
      case 'ack':
        clearTimeout(this.ackTimers.get(f.clientId));
        this.ackTimers.delete(f.clientId);
        this.thread.upsert(f.message);
        this.render();
        break;
      case 'typing':
        this.setRemoteTyping(f.typing, f.name);
        break;
      case 'status':
        this.setStatus(f.status, f.agents);
        break;
      case 'error':
        this.onServerError(f.code, f.message, f.clientId);
        break;
      default:
        break;
    }
  }

  private onServerError(code: string, message: string, clientId?: string): void {
    if (code === 'PARLEY_ERR_UNKNOWN_SESSION') return this.reset(errorText(this.t, code));
    const text = errorText(this.t, code, message);
    // The socket keeps retrying (with back-off) and gets in once another window closes.
    if (code === 'PARLEY_ERR_TOO_MANY_CONNECTIONS') this.refusedAsExtraWindow = true;
    if (clientId) {
      clearTimeout(this.ackTimers.get(clientId));
      this.ackTimers.delete(clientId);
      this.thread.setLocal(clientId, 'failed', text);
      this.render();
    } else this.showAlert(text);
  }

  private render(): void {
    this.list.render(this.thread.entries);
    this.updateUnread();
  }

  // ---- sending ----

  private sendText(text: string): void {
    this.typing.stop();
    this.transmit(this.thread.addLocal(newClientId(), text, [], this.customerName));
    this.render();
  }

  /** Sends (or re-sends, idempotent on clientId) a local message; offline ones wait for `hello`. */
  private transmit(e: Entry): void {
    const m = e.message;
    const clientId = m.clientId ?? '';
    const attachmentIds = m.attachments.map((a) => a.id);
    const sent = this.socket?.send({ type: 'message', clientId, text: m.text, ...(attachmentIds.length ? { attachmentIds } : {}) });
    if (!sent) return;
    clearTimeout(this.ackTimers.get(clientId));
    this.ackTimers.set(
      clientId,
      setTimeout(() => {
        this.ackTimers.delete(clientId);
        this.thread.setLocal(clientId, 'failed');
        this.render();
      }, ACK_TIMEOUT_MS),
    );
  }

  private retry(clientId: string): void {
    const e = this.thread.find(clientId);
    if (!e) return;
    this.thread.setLocal(clientId, 'sending');
    this.transmit(e);
    this.render();
  }

  private async sendFile(file: File): Promise<void> {
    const session = this.session;
    if (!session || this.phase !== 'chat') return;
    if (file.size > this.maxFileMb * 1024 * 1024) return this.showAlert(this.t('fileTooLarge', { mb: this.maxFileMb }));
    this.s.alert.hidden = true;
    this.composer.progress(file.name, 0);
    try {
      const att = await upload(this.cfg.origin, session.token, file, (pct) => this.composer.progress(file.name, pct));
      if (this.session !== session) return;
      this.transmit(this.thread.addLocal(newClientId(), '', [att], this.customerName));
      this.render();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'PARLEY_ERR_UNKNOWN_SESSION') return this.reset(errorText(this.t, e.code));
      this.showError(e);
    } finally {
      this.composer.progress(null);
    }
  }

  private cancelEnd(): void {
    this.s.confirm.hidden = true;
    this.s.endBtn.focus();
  }

  private endChat(): void {
    if (!this.socket?.send({ type: 'end' })) return this.showAlert(this.t('err.network'));
    // The customer's intent is final; the server's notice and status follow on the socket.
    this.enterEnded();
    this.s.startNew.focus();
  }

  // ---- typing and read receipts ----

  private setRemoteTyping(on: boolean, name: string): void {
    clearTimeout(this.remoteTyping);
    const text = on ? this.t('typing', { name: name || this.agents[0] || this.t('agent') }) : '';
    if (this.s.typing.textContent !== text) this.s.typing.textContent = text;
    if (on) this.remoteTyping = setTimeout(() => this.setRemoteTyping(false, ''), REMOTE_TYPING_TTL_MS);
  }

  private markRead(): void {
    if (!this.isOpen || document.hidden || !this.socket?.connected) return;
    const ids: string[] = [];
    for (const { message: m } of this.thread.entries) {
      if (m.authorType === 'agent' && m.id && m.status !== 'read' && !this.readSent.has(m.id)) ids.push(m.id);
    }
    if (!ids.length) return;
    ids.forEach((id) => this.readSent.add(id));
    this.socket.send({ type: 'read', messageIds: ids });
  }
}
