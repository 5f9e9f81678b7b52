/** Agent login sessions and web chat customer sessions, both keyed by a token hash. */
import type { Executor } from './executor';

export interface SessionRecord {
  tokenHash: string;
  agentId: string;
  createdAt: number;
  expiresAt: number;
}

export interface WebchatSessionRecord {
  tokenHash: string;
  conversationId: string;
  customerId: string;
  createdAt: number;
}

export async function createSession(ex: Executor, rec: SessionRecord): Promise<void> {
  await ex
    .insertInto('sessions')
    .values({ token_hash: rec.tokenHash, agent_id: rec.agentId, created_at: rec.createdAt, expires_at: rec.expiresAt })
    .execute();
}

/** Null when unknown or expired at `now` (expiry is exclusive: a session ends at expiresAt). */
export async function findSession(ex: Executor, tokenHash: string, now: number): Promise<SessionRecord | null> {
  const row = await ex
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  return { tokenHash: row.token_hash, agentId: row.agent_id, createdAt: row.created_at, expiresAt: row.expires_at };
}

export async function deleteSession(ex: Executor, tokenHash: string): Promise<boolean> {
  const res = await ex.deleteFrom('sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

export async function deleteExpiredSessions(ex: Executor, now: number): Promise<number> {
  const res = await ex.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function createWebchatSession(ex: Executor, rec: WebchatSessionRecord): Promise<void> {
  await ex
    .insertInto('webchat_sessions')
    .values({
      token_hash: rec.tokenHash,
      conversation_id: rec.conversationId,
      customer_id: rec.customerId,
      created_at: rec.createdAt,
    })
    .execute();
}

export async function findWebchatSession(ex: Executor, tokenHash: string): Promise<WebchatSessionRecord | null> {
  const row = await ex.selectFrom('webchat_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row) return null;
  return {
    tokenHash: row.token_hash,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    createdAt: row.created_at,
  };
}
