import type { OutboundEmail, OutboundMessage, SendResult, WhatsAppTemplateRef } from '@parley/channels';
import * as store from '@parley/storage';
import type { MessageRecord, OutboxEnqueue, OutboxJob } from '@parley/storage';
import type { AppCore } from '../core';
import { providerContext } from '../channels/provider-context';
import { attachmentBytes } from './attachment-bytes';
import { messageDto } from '../dto';
import { renderForChannel, withCustomerHtml } from '../messages/rendered-text';
import { applyMessageStatus } from '../publish/message-status';
import type { OutboxOutcome } from '../outbox/outcome';
import type { JobHandler } from '../outbox/handlers';

export const SEND_JOB = 'send';

interface SendPayload {
  /** The customer's address on the channel (wa_id, PSID, phone number). */
  to: string;
  /** Messenger: past the 24 h window, as a human agent's reply (MESSAGE_TAG + HUMAN_AGENT). */
  humanAgentTag?: boolean;
  /** WhatsApp: past the 24 h window, the approved template this message is sent as. */
  template?: WhatsAppTemplateRef;
  replyToProviderId?: string;
  /** Email: recipients, subject, HTML and the mail answered. */
  email?: OutboundEmail;
}

/**
 * The outbox job that sends a customer-visible message, written in the same transaction as the
 * message. Its id is the idempotency key: one message, one send, however often it is stored.
 */
export function sendJobFor(core: AppCore, rec: MessageRecord, extra: Omit<SendPayload, 'to'> = {}): OutboxEnqueue | undefined {
  if (rec.direction !== 'outbound' || rec.details?.external) return undefined;
  const meta = core.meta.get(rec.conversationId);
  if (!meta) return undefined;
  const payload: SendPayload = { to: meta.externalId, ...extra };
  return {
    id: `${rec.id}:send`,
    kind: SEND_JOB,
    channel: rec.channel,
    conversationId: rec.conversationId,
    messageId: rec.id,
    entryPointId: meta.entryPointId,
    payload,
    nextAttemptAt: rec.createdAt,
    createdAt: rec.createdAt,
  };
}

function absolute(url: string, core: AppCore): string {
  const base = core.deps.publicUrl?.();
  return base && url.startsWith('/') ? `${base}${url}` : url;
}

function permanent(reason: string): SendResult {
  return { ok: false, retryable: false, code: 'invalid_request', reason };
}

/** Sends one message on its channel, through the adapter; every failure is a result, never a throw. */
export function sendHandler(core: AppCore): JobHandler {
  return {
    async perform(job: OutboxJob, signal: AbortSignal): Promise<SendResult> {
      const adapter = core.deps.channels.get(job.channel);
      if (!adapter) return permanent(`No ${job.channel} channel is configured on this server`);
      const m = job.messageId ? await store.getMessage(core.deps.db.kysely, job.messageId) : null;
      if (!m) return permanent('the message to send is gone');
      const ctx = providerContext(core, job.entryPointId, signal);
      if ('ok' in ctx) return ctx;
      const payload = job.payload as SendPayload;
      // What goes out is the authored text rendered for the channel; the email pane's own HTML goes as written.
      const out = payload.email?.html ? { text: m.text } : renderForChannel(core, m.text, adapter.channel);
      const dto = withCustomerHtml(messageDto(m, core.deps.fileUrl), out.html);
      const msg: OutboundMessage = {
        messageId: m.id,
        to: payload.to,
        text: out.text || undefined,
        html: out.html,
        // WhatsApp and Messenger upload the bytes first (readAttachment); SMS sends the link, which
        // Twilio fetches from Parley's public address (signed, expiring).
        media: dto.attachments.map((a) => ({ url: absolute(a.url, core), attachmentId: a.id, mimeType: a.mimeType, filename: a.name, sizeBytes: a.size })),
        replyToProviderId: payload.replyToProviderId,
        humanAgentTag: payload.humanAgentTag,
        template: payload.template,
        email: payload.email,
      };
      const readAttachment = (id: string) => attachmentBytes(core, job.conversationId, id);
      return adapter.send(msg, { ...ctx, conversationId: job.conversationId, message: dto, readAttachment });
    },
    async settle(job: OutboxJob, outcome: OutboxOutcome): Promise<void> {
      if (!job.messageId) return;
      if (outcome.status === 'sent') {
        await applyMessageStatus(core, job.messageId, { status: outcome.delivered ? 'delivered' : 'sent', providerId: outcome.providerId || null });
      } else if (outcome.status === 'failed') {
        const f = outcome.failure;
        await applyMessageStatus(core, job.messageId, { status: 'failed', reason: f.providerCode ? `${f.providerCode}: ${f.reason}` : f.reason });
      }
    },
  };
}
