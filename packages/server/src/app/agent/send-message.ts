import type { MessageDto, TemplateDto } from '@parley/protocol';
import { textLength } from '@parley/protocol';
import { DomainError, } from '@parley/core';
import type { AppCore } from '../core';
import { messageDto } from '../dto';
import { checkMessageText } from '../message-text';
import { resolveAttachments } from '../messages/attachments';
import { messageRecord } from '../messages/message-record';
import { renderForChannel } from '../messages/rendered-text';
import { uploader } from '../uploader';
import { sendJobFor } from '../outbound/send-job';
import { markReadJobFor } from '../outbound/mark-read-job';
import * as store from '@parley/storage';
import type { OutboxEnqueue } from '@parley/storage';
import { replyWindowCheck } from './reply-window';
import { renderTemplateSend, templatesOffered, type TemplateInput } from './template-send';
import { emailReplyOf } from '../outbound/email-reply';
import type { SendMessageBody } from '@parley/protocol/api';

/**
 * An agent's side of the thread: a reply (checked against the channel's rules and reply window,
 * stored with its outbox job in one transaction; the outbox sends it) and typing indicators.
 */
export class AgentMessages {
  constructor(private readonly core: AppCore) {}

  /** Idempotent on clientId: a resend answers the stored message and is not sent again. */
  async sendAgentMessage(
    agentId: string,
    conversationId: string,
    input: { clientId: string; text: string; attachmentIds?: string[]; template?: TemplateInput; email?: SendMessageBody['email'] },
  ): Promise<MessageDto> {
    const { core } = this;
    const c = core.engine.getConversation(conversationId);
    if (!c) throw new DomainError('PARLEY_ERR_INVALID_STATE', 'The conversation has ended');
    const p = c.participants.find((x) => x.agentId === agentId && x.status === 'active');
    if (!p) throw new DomainError('PARLEY_ERR_NOT_PARTICIPANT', 'You are not handling this conversation');
    const rules = core.directory.rules(c.channel);
    // Rendered here with the one engine: the text of a locked or approved template can't be altered.
    const template = input.template ? renderTemplateSend(core, c, agentId, input.template, input.text) : undefined;
    const window = replyWindowCheck(rules, core.meta.get(c.id)?.lastInboundAt ?? null, core.now, template?.approved);
    const text = template ? template.text : input.text;
    // A locked template by email goes as written too: its HTML is the rendering, not the editor's.
    const emailInput = template?.record.locked && input.email ? { ...input.email, html: renderForChannel(core, text, c.channel).html } : input.email;
    // Counted as the provider counts what goes out: the authored text rendered for the channel.
    const outgoing = emailInput?.html ? text : renderForChannel(core, text, c.channel).text;
    if (textLength(outgoing, rules) > rules.maxMessageLength) {
      throw new DomainError('PARLEY_ERR_MESSAGE_TOO_LONG', `At most ${rules.maxMessageLength} characters on ${c.channel}`);
    }
    const meta = core.meta.get(c.id);
    const ep = meta ? core.directory.entryPoints.get(meta.entryPointId) : undefined;
    // Checked before any attachment is claimed: a refused reply leaves nothing behind.
    const email = await emailReplyOf(core, c, emailInput, String(ep?.settings.address ?? ''), meta?.externalId ?? '', input.attachmentIds);
    const attachments = [...(await resolveAttachments(core, c, input.attachmentIds ?? [], uploader.agent(agentId))), ...(email?.forwarded ?? [])];
    checkMessageText(text, attachments.length > 0);
    if (text) checkMessageText(outgoing, attachments.length > 0);
    const rec = messageRecord(c, {
      direction: 'outbound',
      author: { type: 'agent', id: agentId, name: core.directory.agentName(agentId) },
      text,
      attachments,
      clientId: input.clientId,
      status: 'pending',
      createdAt: core.now,
    });
    // The provider id known before sending (email: our Message-ID), so a quick reply threads on it.
    const providerId = ep ? core.deps.channels.get(c.channel)?.outboundProviderId?.(rec.id, ep.settings) : undefined;
    if (providerId) rec.providerId = providerId;
    if (email) rec.details = { email: { ...email.details, messageId: providerId ?? '' } };
    const stored = await core.storeMessage(c, rec, sendJobFor(core, rec, email ? { ...window, email: email.payload } : window));
    return messageDto(stored.message, core.deps.fileUrl);
  }

  /** The templates this agent may use in this conversation now (GET /api/conversations/:id/templates). */
  templates(agentId: string, conversationId: string): TemplateDto[] {
    const c = this.core.engine.getConversation(conversationId);
    if (!c?.participants.some((p) => p.agentId === agentId && p.status === 'active')) {
      throw new DomainError('PARLEY_ERR_NOT_PARTICIPANT', 'You are not handling this conversation');
    }
    return templatesOffered(this.core, c).map((t) => this.core.directory.templateDto(t));
  }

  /**
   * The agent has seen these customer messages: where the channel shows read receipts to customers
   * (WhatsApp's blue ticks), each is marked read with the provider once, through the outbox.
   */
  async viewed(agentId: string, conversationId: string, messageIds: string[]): Promise<void> {
    const { core } = this;
    const c = core.engine.getConversation(conversationId);
    if (!c?.participants.some((p) => p.agentId === agentId && p.status === 'active')) {
      throw new DomainError('PARLEY_ERR_NOT_PARTICIPANT', 'You are not handling this conversation');
    }
    if (!core.deps.channels.get(c.channel)?.markRead) return;
    const db = core.deps.db.kysely;
    const jobs: OutboxEnqueue[] = [];
    for (const id of new Set(messageIds)) {
      const m = await store.getMessage(db, id);
      if (m?.conversationId !== conversationId || m.direction !== 'inbound' || !m.providerId) continue;
      const job = markReadJobFor(core, { id: m.id, conversationId, channel: m.channel, providerId: m.providerId }, core.now);
      if (job) jobs.push(job);
    }
    if (jobs.length === 0) return;
    await core.deps.committer.run(async (trx) => {
      for (const job of jobs) await store.enqueueOutbox(trx, job);
    });
    core.onEnqueued?.();
  }

  /** `allow`: the rate gate, asked only for a conversation the agent is in (so junk ids cost no memory). */
  typingFromAgent(agentId: string, conversationId: string, typing: boolean, allow: () => boolean = () => true): void {
    const { core } = this;
    const c = core.engine.getConversation(conversationId);
    if (!c?.participants.some((p) => p.agentId === agentId && p.status === 'active')) return;
    if (!allow()) return;
    core.deps.channels.get(c.channel)?.agentTyping?.(conversationId, typing, core.directory.agentName(agentId));
    for (const id of core.audience(c)) {
      if (id !== agentId) core.hub.publish(id, { type: 'typing', conversationId, typing, seq: 0, at: core.now });
    }
  }
}
