import type { MessageDto } from '@parley/protocol';
import { countChars } from '@parley/protocol';
import { DomainError } from '@parley/core';
import * as store from '@parley/storage';
import type { AppCore } from '../core';
import { messageDto } from '../dto';
import { checkMessageText } from '../message-text';
import { resolveAttachments } from '../messages/attachments';
import { messageRecord } from '../messages/message-record';
import { uploader } from '../uploader';
import { applyMessageStatus } from '../publish/message-status';

/**
 * What a customer does in an open conversation: send a message, type, read the agent's replies,
 * leave (end), and come and go (presence, which starts and stops the abandon clock).
 */
export class CustomerActions {
  constructor(private readonly core: AppCore) {}

  /** A customer's chat message: stored (deduplicated on clientId), then shown to the agents. */
  async customerMessage(conversationId: string, input: { clientId: string; text: string; attachmentIds?: string[] }): Promise<MessageDto> {
    const received = performance.now();
    const { core } = this;
    const c = core.engine.getConversation(conversationId);
    if (!c || c.status === 'ended') throw new DomainError('PARLEY_ERR_INVALID_STATE', 'This chat has ended');
    const rules = core.directory.rules(c.channel);
    if (countChars(input.text) > rules.maxMessageLength) {
      throw new DomainError('PARLEY_ERR_MESSAGE_TOO_LONG', `A message can have at most ${rules.maxMessageLength} characters`);
    }
    const attachments = await resolveAttachments(core, c, input.attachmentIds ?? [], uploader.chat(conversationId));
    checkMessageText(input.text, attachments.length > 0);
    const customer = core.meta.get(conversationId)?.customer;
    const rec = messageRecord(c, {
      direction: 'inbound',
      author: { type: 'customer', id: customer?.id ?? null, name: customer?.name ?? 'Customer' },
      text: input.text,
      attachments,
      clientId: input.clientId,
      status: 'received',
      createdAt: core.now,
    });
    const stored = await core.storeMessage(c, rec);
    core.deps.metrics.messageLatency.observe((performance.now() - received) / 1000);
    return messageDto(stored.message, core.deps.fileUrl);
  }

  customerTyping(conversationId: string, typing: boolean): void {
    const { core } = this;
    const c = core.engine.getConversation(conversationId);
    if (!c) return;
    for (const id of core.audience(c)) core.hub.publish(id, { type: 'typing', conversationId, typing, seq: 0, at: core.now });
  }

  /** A web chat customer's first socket opened (present) or last one closed: the abandon clock stops or starts. */
  async customerPresence(conversationId: string, present: boolean): Promise<void> {
    const { core } = this;
    if (!core.engine.getConversation(conversationId)) return;
    const now = core.now;
    await core.apply(present ? core.engine.customerBack(conversationId, now) : core.engine.customersAway([conversationId], now));
  }

  async customerEnd(conversationId: string): Promise<void> {
    if (!this.core.engine.getConversation(conversationId)) return;
    await this.core.apply(this.core.engine.endByCustomer(conversationId, this.core.now));
  }

  /** Marks the agent's replies among `messageIds` read (at most 50 a frame), telling the agents. */
  async customerRead(conversationId: string, messageIds: string[]): Promise<void> {
    const { core } = this;
    const c = core.engine.getConversation(conversationId);
    if (!c) return;
    for (const id of messageIds.slice(0, 50)) {
      const m = await store.getMessage(core.deps.db.kysely, id);
      if (m && m.conversationId === conversationId && m.direction === 'outbound' && m.authorType === 'agent') {
        await applyMessageStatus(core, id, { status: 'read' });
      }
    }
  }
}
