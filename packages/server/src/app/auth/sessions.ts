import type { LoginResult } from '@parley/protocol';
import { DomainError } from '@parley/core';
import * as store from '@parley/storage';
import { verifyPassword } from '../../config/passwords';
import type { AppCore } from '../core';
import type { AgentCommands } from '../agent/commands';
import { newToken, tokenHash } from './tokens';

const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

// A valid scrypt hash of a random password: verifying against it costs what a real check costs.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface AuthedAgent {
  id: string;
  role: 'agent' | 'supervisor' | 'admin';
  /** The session behind the token: its sockets end with it. */
  tokenHash: string;
  expiresAt: number;
}

/**
 * Agent sign-in: login, logout, bearer-token authentication, and ending expired sessions.
 * Sessions are stored by token hash and cached in memory; a login makes an offline agent idle,
 * a logout makes the agent offline and closes every socket the token opened.
 */
export class AgentSessions {
  private sessions = new Map<string, { agentId: string; expiresAt: number }>();

  constructor(
    private readonly core: AppCore,
    private readonly states: Pick<AgentCommands, 'setState'>,
  ) {}

  async login(username: string, password: string): Promise<LoginResult> {
    const { core } = this;
    const a = core.directory.agentByUsername(username);
    // Verify against a dummy hash when the user is unknown, so timing doesn't reveal usernames.
    const ok = await verifyPassword(password, a?.passwordHash ?? DUMMY_HASH);
    if (!a || !ok) throw new DomainError('PARLEY_ERR_BAD_CREDENTIALS', 'Wrong username or password');
    const token = newToken();
    const now = core.now;
    const rec = { tokenHash: tokenHash(token), agentId: a.id, createdAt: now, expiresAt: now + SESSION_TTL_MS };
    await core.deps.committer.run((trx) => store.createSession(trx, rec));
    this.sessions.set(rec.tokenHash, { agentId: a.id, expiresAt: rec.expiresAt });
    if (core.engine.getAgent(a.id)?.state === 'offline') await this.states.setState(a.id, 'idle', null);
    return { token, agent: core.agentDto(a.id)! };
  }

  async logout(token: string): Promise<void> {
    const hash = tokenHash(token);
    const s = this.sessions.get(hash) ?? (await store.findSession(this.core.deps.db.kysely, hash, this.core.now));
    this.sessions.delete(hash);
    await this.core.deps.committer.run((trx) => store.deleteSession(trx, hash));
    // Again: a request may have reloaded it from storage before the delete committed.
    this.sessions.delete(hash);
    this.core.sessionSockets.end(hash, 'signed out');
    if (s) await this.states.setState(s.agentId, 'offline', null);
  }

  async authenticate(token: string | undefined): Promise<AuthedAgent | null> {
    if (!token) return null;
    const hash = tokenHash(token);
    let s = this.sessions.get(hash);
    if (!s) {
      const rec = await store.findSession(this.core.deps.db.kysely, hash, this.core.now);
      if (rec) this.sessions.set(hash, (s = { agentId: rec.agentId, expiresAt: rec.expiresAt }));
    }
    if (!s || s.expiresAt <= this.core.now) return null;
    const a = this.core.directory.agents.get(s.agentId);
    return a ? { id: a.id, role: a.role as AuthedAgent['role'], tokenHash: hash, expiresAt: s.expiresAt } : null;
  }

  /**
   * Ends every session of an agent but `keep` (an admin changing their own password stays signed in):
   * a new password means whoever holds an old token is out, sockets included. With no session left
   * the agent goes offline, as at a logout, so no offer rings on a screen nobody watches.
   */
  async endSessionsOf(agentId: string, reason: string, keep?: string): Promise<void> {
    const ended = await this.core.deps.committer.run((trx) => store.deleteSessionsOfAgent(trx, agentId, keep));
    for (const [hash, s] of this.sessions) if (s.agentId === agentId && hash !== keep) this.sessions.delete(hash);
    for (const hash of ended) this.core.sessionSockets.end(hash, reason);
    if (keep === undefined && this.core.engine.getAgent(agentId)?.state !== 'offline') await this.states.setState(agentId, 'offline', null);
  }

  /** Ends what expired at `now`: closes its sockets and forgets it (run at least every second). */
  sweepSessions(now: number): void {
    for (const [hash, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(hash);
    this.core.sessionSockets.sweep(now);
  }

  /** Deletes expired agent sessions and customer tokens from storage. */
  async pruneSessions(now: number): Promise<void> {
    const ttl = this.core.webchatTokenTtlMs;
    await this.core.deps.committer.run(async (trx) => {
      await store.deleteExpiredSessions(trx, now);
      await store.deleteExpiredWebchatSessions(trx, now - ttl);
    });
  }
}
