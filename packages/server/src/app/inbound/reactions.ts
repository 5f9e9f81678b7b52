import type { ChannelAdapter, ReactionEvent } from '@parley/channels';
import type { AgentEvent, ReactionDto } from '@parley/protocol';
import * as store from '@parley/storage';
import type { AppCore } from '../core';
import { audienceOf } from '../publish/message-status';
import { commitWithEvents } from '../publish/commit-events';

/**
 * A customer's reaction on a message: never a new message. It replaces their earlier reaction on that
 * message, or removes it (`emoji: null`); a reaction on a message we don't have is ignored.
 */
export async function receiveReaction(core: AppCore, adapter: ChannelAdapter, e: ReactionEvent): Promise<void> {
  const db = core.deps.db.kysely;
  const m = await store.getMessageByProviderId(db, adapter.channel, e.targetProviderId);
  if (!m) return;
  const others = (m.details?.reactions ?? []).filter((r) => r.by !== 'customer');
  const mine = (m.details?.reactions ?? []).find((r) => r.by === 'customer');
  if ((mine?.emoji ?? null) === e.emoji) return;
  const reactions: ReactionDto[] = e.emoji ? [...others, { emoji: e.emoji, by: 'customer', at: e.at ?? core.now }] : others;
  const event: AgentEvent = { type: 'message.reactions', conversationId: m.conversationId, messageId: m.id, reactions };
  const audience = await audienceOf(core, m.conversationId);
  await commitWithEvents(core, audience.map((agentId) => ({ agentId, conversationId: m.conversationId, event })), (trx) =>
    store.setMessageDetails(trx, m.id, { ...m.details, reactions }),
  );
  core.supervision.conversationEvent(m.conversationId, { type: 'message.reactions', conversationId: m.conversationId, messageId: m.id, reactions });
}
