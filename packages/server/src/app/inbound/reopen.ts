import type { ConversationState } from '@parley/core';
import { DomainError } from '@parley/core';
import type { ConversationRecord } from '@parley/storage';
import type { AppCore } from '../core';
import { loadMeta } from '../conversation-meta';

/** A conversation a reply continues; `reopened` when the reply brought it back into a queue. */
export interface Continued {
  conversation: ConversationState;
  reopened: boolean;
}

/**
 * The stored conversation a customer's reply continues (email threading): the live one while it is
 * open; reopened when it was closed (ADR 0003, "Reopening"). Undefined while it is ended but an agent
 * still wraps it up (the reply then starts a new conversation rather than wait unrouted).
 */
export async function continueConversation(core: AppCore, rec: ConversationRecord, opts: { reopen: boolean }): Promise<Continued | undefined> {
  const live = core.engine.getConversation(rec.id);
  if (live) return live.status === 'ended' || live.status === 'closed' ? undefined : { conversation: live, reopened: false };
  if (rec.status !== 'closed' || !opts.reopen) return undefined;
  const conversation = await reopen(core, rec);
  return conversation && { conversation, reopened: true };
}

/**
 * Back in routing: its last queue (the entry point's when that queue is gone), offered first to its
 * last agent when the queue says `reopenTo: lastAgent`. Stored and routed before the reply is stored,
 * like a new conversation: a crash in between leaves it open and the sender's retry lands in it.
 */
async function reopen(core: AppCore, rec: ConversationRecord): Promise<ConversationState | undefined> {
  const state = rec.state as ConversationState;
  const queueId = core.engine.getQueue(state.queueId) ? state.queueId : core.directory.entryPoints.get(rec.entryPointId)?.queueId;
  const meta = await loadMeta(core.deps.db.kysely, rec);
  if (!queueId || !meta) return undefined;
  let outcome: ReturnType<typeof core.engine.reopen>;
  try {
    outcome = core.engine.reopen(state, queueId, core.now);
  } catch (err) {
    if (err instanceof DomainError) return undefined; // e.g. the entry point's queue changed channel: a new conversation instead
    throw err;
  }
  core.meta.set(rec.id, meta);
  core.openConversations.set(rec.entryPointId, meta.customer.id, rec.id);
  await core.apply(outcome);
  return core.engine.getConversation(rec.id);
}
