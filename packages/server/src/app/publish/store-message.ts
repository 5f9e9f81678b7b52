import type { AgentEvent } from '@parley/protocol';
import type { ConversationState } from '@parley/core';
import * as store from '@parley/storage';
import type { MessageRecord, OutboxEnqueue } from '@parley/storage';
import type { AppCore } from '../core';
import { messageDto } from '../dto';
import { publish, stamp } from './stamp';

export type StoredMessage = { message: MessageRecord; duplicate: boolean };

/**
 * Stores a message and one `message.created` event per agent who sees it, with its outbox job when it
 * goes to the customer (one write plan, so a resent clientId or provider id is stored and sent once),
 * then publishes those events. A duplicate publishes nothing.
 */
export async function storeMessage(core: AppCore, c: ConversationState, rec: MessageRecord, outbox?: OutboxEnqueue): Promise<StoredMessage> {
  const { db, committer, fileUrl } = core.deps;
  const dto = messageDto(rec, fileUrl);
  const items = core.audience(c).map((agentId) => ({ agentId, conversationId: c.id, event: { type: 'message.created', message: dto } as AgentEvent }));
  const attachmentIds = (rec.attachments as { id: string }[]).map((a) => a.id);
  const { events, done } = await stamp(core, () => core.now, items, (events) =>
    committer.runPlan(store.insertMessagePlan(db.kysely, rec, events.map((e) => e.record), attachmentIds, outbox)),
  );
  const stored = await store.storedMessage(db.kysely, rec, await done);
  // A duplicate's seqs were never stored: harmless gaps (replay reads what exists).
  if (!stored.duplicate) {
    publish(core.hub, events);
    core.supervision.conversationEvent(c.id, { type: 'message.created', message: dto });
    if (outbox) core.onEnqueued?.();
  }
  return stored;
}
