import { isOpen } from '@parley/core';
import type { ConversationState } from '@parley/core';
import type { AppCore } from '../core';
import { messageRecord } from '../messages/message-record';
import { emailReplyOf } from '../outbound/email-reply';
import { sendJobFor } from '../outbound/send-job';

/**
 * The out-of-hours answer (docs/configuration.md, queue `hours`): a customer whose conversation has
 * just entered a queue (new, or reopened by their reply) while that queue is closed receives the
 * queue's closed message, as a system message through the channel's normal outbound path (stored
 * with its send job in one write, so it is sent once). The conversation still waits in the queue.
 * Called once per entry by the use case that opened the conversation, after the customer's own
 * message is stored (an email answer threads on it); a transfer or overflow sends nothing.
 */
export async function answerIfClosed(core: AppCore, c: ConversationState): Promise<void> {
  const hours = core.directory.queues.get(c.queueId)?.hours;
  if (!hours || isOpen(hours, core.now)) return;
  try {
    await answer(core, c, hours.closedMessage);
  } catch (err) {
    // A courtesy: the customer's message is stored and queued already; a retry of the whole delivery would not send it.
    core.deps.log.warn({ err, conversationId: c.id, queueId: c.queueId }, 'out of hours: the closed message could not be stored');
  }
}

async function answer(core: AppCore, c: ConversationState, text: string): Promise<void> {
  const meta = core.meta.get(c.id);
  const ep = meta ? core.directory.entryPoints.get(meta.entryPointId) : undefined;
  if (!meta || !ep) return;
  const rec = messageRecord(c, {
    direction: 'outbound',
    author: { type: 'system', id: null, name: 'System' },
    text,
    status: 'pending',
    createdAt: core.now,
  });
  // As an agent's reply: the provider id known before sending (email: our Message-ID), the mail answered.
  const providerId = core.deps.channels.get(c.channel)?.outboundProviderId?.(rec.id, ep.settings);
  if (providerId) rec.providerId = providerId;
  const email = await emailReplyOf(core, c, undefined, String(ep.settings.address ?? ''), meta.externalId);
  if (email) rec.details = { email: { ...email.details, messageId: providerId ?? '' } };
  await core.storeMessage(c, rec, sendJobFor(core, rec, email ? { email: { ...email.payload, autoReply: true } } : {}));
}
