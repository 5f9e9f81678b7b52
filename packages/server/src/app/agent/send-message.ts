import type { MessageDto } from '@parley/protocol';
import { countChars } from '@parley/protocol';
import { DomainError, type ConversationState } from '@parley/core';
import type { AppCore } from '../core';
import { messageDto } from '../dto';
import { checkMessageText } from '../message-text';
import { resolveAttachments } from '../messages/attachments';
import { messageRecord } from '../messages/message-record';
import { uploader } from '../uploader';

/**
 * An agent's side of the thread: a reply (checked against the channel's rules, stored, then
 * delivered on the channel, its delivery status recorded) and typing indicators.
 */
export class AgentMessages {
  constructor(private readonly core: AppCore) {}

  /** Idempotent on clientId: a resend answers the stored message and is not delivered again. */
  async sendAgentMessage(
    agentId: string,
    conversationId: string,
    input: { clientId: string; text: string; attachmentIds?: string[] },
  ): Promise<MessageDto> {
    const { core } = this;
    const c = core.engine.getConversation(conversationId);
    if (!c) throw new DomainError('PARLEY_ERR_INVALID_STATE', 'The conversation has ended');
    const p = c.participants.find((x) => x.agentId === agentId && x.status === 'active');
    if (!p) throw new DomainError('PARLEY_ERR_NOT_PARTICIPANT', 'You are not handling this conversation');
    const rules = core.directory.rules(c.channel);
    const text = input.text;
    if (countChars(text) > rules.maxMessageLength) {
      throw new DomainError('PARLEY_ERR_MESSAGE_TOO_LONG', `At most ${rules.maxMessageLength} characters on ${c.channel}`);
    }
    const attachments = await resolveAttachments(core, c, input.attachmentIds ?? [], uploader.agent(agentId));
    checkMessageText(text, attachments.length > 0);
    const rec = messageRecord(c, {
      direction: 'outbound',
      author: { type: 'agent', id: agentId, name: core.directory.agentName(agentId) },
      text,
      attachments,
      clientId: input.clientId,
      status: 'sent',
      createdAt: core.now,
    });
    const stored = await core.storeMessage(c, rec);
    const dto = messageDto(stored.message, core.deps.fileUrl);
    if (!stored.duplicate) void this.deliver(c, dto);
    return dto;
  }

  /** `allow`: the rate gate, asked only for a conversation the agent is in (so junk ids cost no memory). */
  typingFromAgent(agentId: string, conversationId: string, typing: boolean, allow: () => boolean = () => true): void {
    const { core } = this;
    const c = core.engine.getConversation(conversationId);
    if (!c?.participants.some((p) => p.agentId === agentId && p.status === 'active')) return;
    if (!allow()) return;
    core.deps.adapters.byChannel.get(c.channel)?.agentTyping(conversationId, typing, core.directory.agentName(agentId));
    for (const id of core.audience(c)) {
      if (id !== agentId) core.hub.publish(id, { type: 'typing', conversationId, typing, seq: 0, at: core.now });
    }
  }

  /** Delivers an outbound message on its channel and records the status it reached. */
  private async deliver(c: ConversationState, message: MessageDto): Promise<void> {
    const adapter = this.core.deps.adapters.byChannel.get(c.channel);
    const result = adapter
      ? await adapter.deliver(c.id, message)
      : ({ status: 'failed', reason: `No ${c.channel} channel is configured on this server` } as const);
    if (result.status === 'sent') return; // already stored as sent
    const reason = result.status === 'failed' ? result.reason : null;
    await this.core.setMessageStatus(c, message.id, result.status, reason);
  }
}
