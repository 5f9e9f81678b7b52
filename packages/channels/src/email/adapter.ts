import { DEFAULT_CHANNEL_RULES } from '@parley/protocol';
import type { ChannelAdapter, SendContext, SmtpRelayConfig } from '../contract';
import type { OutboundMessage, SendResult } from '../pipeline/outbound';
import { invalidRequest } from '../pipeline/outbound';
import { CHANNEL_SETTINGS } from '../settings/registry';
import { type ComposeAttachment, composeEmail, DkimKeyError, ourMessageId } from './compose';
import { conversationThreadToken } from './conversation-token';
import type { EmailSettings } from './settings';

/** Settings as the adapter gets them: secrets resolved to strings (unset optional ones stay unset). */
type Settings = Omit<EmailSettings, 'imapPassword' | 'smtpPassword' | 'dkimPrivateKey'> & {
  imapPassword?: string;
  smtpPassword?: string;
  dkimPrivateKey?: string;
};

function relayOf(s: Settings): SmtpRelayConfig {
  return {
    host: s.smtpHost,
    port: s.smtpPort,
    secure: s.smtpSecure ?? s.smtpPort === 465,
    ...(s.smtpUser && s.smtpPassword ? { auth: { user: s.smtpUser, pass: s.smtpPassword } } : {}),
  };
}

/**
 * Our stored attachments as bytes (the relay can't fetch our private links); a missing one fails the
 * send. The HTML's inline images carry their Content-ID, so they go as related parts.
 */
async function attachmentsOf(msg: OutboundMessage, ctx: SendContext<Settings>): Promise<ComposeAttachment[] | undefined> {
  const cidOf = new Map((msg.email?.inline ?? []).map((i) => [i.attachmentId, i.cid]));
  const out: ComposeAttachment[] = [];
  for (const m of msg.media ?? []) {
    if (!m.attachmentId) return undefined;
    const file = await ctx.readAttachment(m.attachmentId);
    if (!file) return undefined;
    const cid = cidOf.get(m.attachmentId);
    out.push({ filename: file.filename, contentType: file.mimeType, content: Buffer.from(file.bytes), ...(cid ? { cid } : {}) });
  }
  return out;
}

/**
 * Email (ADR 0003): no webhook (the SMTP listener and IMAP pollers call the server's `receiveEmail`);
 * `send` composes the mail and hands the bytes to the server's SMTP edge. The provider id is the
 * Message-ID we generate, the same on every retry.
 */
export const emailAdapter: ChannelAdapter<Settings> = {
  channel: 'email',
  rules: DEFAULT_CHANNEL_RULES.email,
  settings: CHANNEL_SETTINGS.email,
  outboundProviderId: (messageId, settings) => (typeof settings.address === 'string' ? ourMessageId(messageId, settings.address) : undefined),
  async send(msg, ctx): Promise<SendResult> {
    if (!ctx.smtp) return invalidRequest('this server has no SMTP sender');
    const s = ctx.settings;
    const e = msg.email ?? { kind: 'new' as const, to: [msg.to], cc: [] };
    if (!e.to.length) return invalidRequest('an email needs at least one recipient');
    const attachments = await attachmentsOf(msg, ctx);
    if (!attachments) return invalidRequest('an attachment of this email is gone');
    const dkim = s.dkimDomain && s.dkimSelector && s.dkimPrivateKey ? { domainName: s.dkimDomain, keySelector: s.dkimSelector, privateKey: s.dkimPrivateKey } : undefined;
    let composed: Awaited<ReturnType<typeof composeEmail>>;
    try {
      composed = await composeEmail({
        mailbox: { address: s.address },
        to: e.to.map((address) => ({ address })),
        cc: e.cc.map((address) => ({ address })),
        subject: e.subject,
        parent: e.parent && {
          messageId: e.parent.messageId,
          references: e.parent.references,
          subject: e.parent.subject,
          headers: e.parent.threadIndex ? { 'thread-index': e.parent.threadIndex } : undefined,
        },
        kind: e.parent ? e.kind : 'new',
        id: msg.messageId,
        at: ctx.now(),
        text: msg.text ?? '',
        // The email pane writes its own HTML; a plain reply sends the authored text's HTML rendering.
        html: e.html ?? msg.html,
        attachments,
        threadToken: conversationThreadToken(ctx.conversationId),
        autoReply: e.autoReply,
        dkim,
      });
    } catch (err) {
      if (err instanceof DkimKeyError) return { ok: false, retryable: false, code: 'auth', reason: err.message };
      return invalidRequest(`the email could not be composed: ${err instanceof Error ? err.message : String(err)}`);
    }
    const result = await ctx.smtp(relayOf(s), { from: s.address, to: [...e.to, ...e.cc] }, composed.raw, ctx.signal);
    return result.ok ? { ok: true, providerId: composed.messageId } : result;
  },
};
