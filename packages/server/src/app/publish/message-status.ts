import type { AgentEvent, MessageStatus } from '@parley/protocol';
import { nextMessageStatus, type ConversationState } from '@parley/core';
import * as store from '@parley/storage';
import type { AppCore } from '../core';
import { commitWithEvents } from './commit-events';

/** Who hears about a message of a conversation that may already be closed (then: everyone who was in it). */
export async function audienceOf(core: AppCore, conversationId: string): Promise<string[]> {
  const open = core.engine.getConversation(conversationId);
  if (open) return core.audience(open);
  const rec = await store.getConversation(core.deps.db.kysely, conversationId);
  const state = rec?.state as ConversationState | undefined;
  return state ? [...new Set(state.participants.map((p) => p.agentId))] : [];
}

export interface StatusUpdate {
  status: MessageStatus;
  reason?: string | null;
  /** The provider's id, learnt when the send was accepted. */
  providerId?: string | null;
}

/**
 * Applies a receipt or a send's outcome to a message: only forward (`nextMessageStatus`), as a
 * compare-and-set so racing receipts can't move it back, then tells the agents who see it. False
 * when nothing changed (unknown message, late or repeated receipt).
 */
export async function applyMessageStatus(core: AppCore, messageId: string, update: StatusUpdate): Promise<boolean> {
  const db = core.deps.db.kysely;
  for (let attempt = 0; attempt < 4; attempt++) {
    const m = await store.getMessage(db, messageId);
    if (!m) return false;
    const next = nextMessageStatus(m.status as MessageStatus, update.status);
    const newId = update.providerId && update.providerId !== m.providerId ? update.providerId : null;
    if (!next && !newId) return false;
    const status = next ?? (m.status as MessageStatus);
    const reason = status === 'failed' ? (update.reason ?? m.statusReason) : null;
    const audience = await audienceOf(core, m.conversationId);
    const event: AgentEvent = { type: 'message.status', conversationId: m.conversationId, messageId, status, reason, providerId: newId ?? m.providerId };
    const items = audience.map((agentId) => ({ agentId, conversationId: m.conversationId, event }));
    if (await commitWithEvents(core, items, (trx) => store.transitionMessageStatus(trx, messageId, m.status, status, reason, newId))) {
      core.supervision.conversationEvent(m.conversationId, event as Extract<AgentEvent, { type: 'message.status' }>);
      return true;
    }
    // Another receipt moved it first: decide again from what is stored now.
  }
  return false;
}
