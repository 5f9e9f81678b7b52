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

/** Ends every session of an agent but `keep` (the caller's own); returns the token hashes ended. */
export async function deleteSessionsOfAgent(ex: Executor, agentId: string, keep?: string): Promise<string[]> {
  let q = ex.deleteFrom('sessions').where('agent_id', '=', agentId);
  if (keep !== undefined) q = q.where('token_hash', '!=', keep);
  const rows = await q.returning('token_hash').execute();
  return rows.map((r) => r.token_hash);
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

/** A customer token stops working `ttlMs` after its conversation closed. */
export interface WebchatSessionFound extends WebchatSessionRecord {
  /** When the token stops working (its conversation's close + ttl); null while the chat is open. */
  expiresAt: number | null;
}

/** Null when unknown, or expired at `now` (`ttlMs` after its conversation closed). */
export async function findWebchatSession(ex: Executor, tokenHash: string, now: number, ttlMs: number): Promise<WebchatSessionFound | null> {
  const row = await ex
    .selectFrom('webchat_sessions as s')
    .leftJoin('conversations as c', 'c.id', 's.conversation_id')
    .select(['s.token_hash', 's.conversation_id', 's.customer_id', 's.created_at', 'c.closed_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  const expiresAt = row.closed_at === null || row.closed_at === undefined ? null : Number(row.closed_at) + ttlMs;
  if (expiresAt !== null && expiresAt <= now) return null;
  return {
    tokenHash: row.token_hash,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    createdAt: Number(row.created_at),
    expiresAt,
  };
}

/** Deletes customer tokens whose conversation closed at or before `closedBy`; returns how many. */
export async function deleteExpiredWebchatSessions(ex: Executor, closedBy: number): Promise<number> {
  const res = await ex
    .deleteFrom('webchat_sessions')
    .where('conversation_id', 'in', (eb) =>
      eb.selectFrom('conversations').select('id').where('closed_at', 'is not', null).where('closed_at', '<=', closedBy),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
