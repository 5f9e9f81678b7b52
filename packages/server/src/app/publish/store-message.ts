import type { AgentEvent, MessageDto } from '@parley/protocol';
import type { ConversationState } from '@parley/core';
import * as store from '@parley/storage';
import type { MessageRecord } from '@parley/storage';
import type { AppCore } from '../core';
import { messageDto } from '../dto';
import { publish, stamp } from './stamp';

export type StoredMessage = { message: MessageRecord; duplicate: boolean };

/**
 * Stores a message and one `message.created` event per agent who sees it (a write plan, so a
 * resent clientId is stored once), then publishes those events. A duplicate publishes nothing.
 */
export async function storeMessage(core: AppCore, c: ConversationState, rec: MessageRecord): Promise<StoredMessage> {
  const { db, committer, fileUrl } = core.deps;
  const dto = messageDto(rec, fileUrl);
  const items = core.audience(c).map((agentId) => ({ agentId, conversationId: c.id, event: { type: 'message.created', message: dto } as AgentEvent }));
  const attachmentIds = (rec.attachments as { id: string }[]).map((a) => a.id);
  const { events, done } = await stamp(core.seqs, () => core.now, items, (events) =>
    committer.runPlan(store.insertMessagePlan(db.kysely, rec, events.map((e) => e.record), attachmentIds)),
  );
  const stored = await store.storedMessage(db.kysely, rec, await done);
  // A duplicate's seqs were never stored: harmless gaps (replay reads what exists).
  if (!stored.duplicate) publish(core.hub, events);
  return stored;
}

/** Records a message's delivery status (sent, delivered, read, failed) and tells the agents who see it. */
export async function setMessageStatus(
  core: AppCore,
  c: ConversationState,
  messageId: string,
  status: MessageDto['status'],
  reason: string | null,
): Promise<void> {
  const items = core.audience(c).map((agentId) => ({
    agentId,
    conversationId: c.id,
    event: { type: 'message.status', conversationId: c.id, messageId, status, reason } as AgentEvent,
  }));
  const { events, done } = await stamp(core.seqs, () => core.now, items, (events) =>
    core.deps.committer.run(async (trx) => {
      await store.updateMessageStatus(trx, messageId, status, reason);
      await store.insertEvents(trx, events.map((e) => e.record));
    }),
  );
  await done;
  publish(core.hub, events);
}
