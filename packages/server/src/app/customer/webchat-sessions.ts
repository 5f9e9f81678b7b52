import type { ChannelType, WebchatMessagePage, WebchatSession, WebchatSnapshot } from '@parley/protocol';
import { DomainError } from '@parley/core';
import * as store from '@parley/storage';
import type { AppCore } from '../core';
import { newToken, tokenHash } from '../auth/tokens';
import { CUSTOMER_PAGE, customerAgents } from '../customer-view';
import { customerDto, messageDto } from '../dto';
import { customerView } from '../messages/rendered-text';
import { orderedId } from '../ordered-id';
import { answerIfClosed } from '../inbound/out-of-hours';

/**
 * A web chat customer's session: starting a chat (queued, with a customer token), the token's
 * check, the widget's snapshot and older pages of the customer-visible thread.
 */
export class WebchatSessions {
  constructor(private readonly core: AppCore) {}

  async startWebchat(input: { name: string; email: string; site?: string }): Promise<WebchatSession> {
    const { core } = this;
    const site = input.site ?? 'web';
    const ep = core.directory.entryPoints.get(site);
    // A site is an entry point of the channel whose customers talk over our own socket (the widget's).
    if (!ep || core.deps.channels.get(ep.channel) !== core.deps.channels.webchat.adapter) {
      throw new DomainError('PARLEY_ERR_NOT_FOUND', `No web chat site "${site}"`);
    }
    const channel = ep.channel as ChannelType;
    if (!core.engine.getQueue(ep.queueId)) throw new DomainError('PARLEY_ERR_NOT_FOUND', `Web chat site "${site}" has no queue`);
    const now = core.now;
    const id = orderedId();
    const token = newToken();
    const email = input.email.trim().toLowerCase();
    const name = input.name.trim();
    const customer = await core.deps.committer.run((trx) =>
      store.upsertCustomer(trx, { channel, externalId: email, name, email, createdAt: now }),
    );
    // Not connected yet: abandoned unless the widget's socket opens in time. The engine decides
    // first, so a refusal leaves nothing behind in memory.
    const outcome = core.engine.enqueue({ id, channel, queueId: ep.queueId, customerConnected: false }, now);
    core.meta.set(id, { customer: { ...customerDto(customer), name }, externalId: customer.externalId, entryPointId: ep.id, subject: null, lastInboundAt: null });
    await core.apply(outcome, (trx) =>
      store.createWebchatSession(trx, { tokenHash: tokenHash(token), conversationId: id, customerId: customer.id, createdAt: now }),
    );
    const started = core.engine.getConversation(id);
    // While the queue is closed the widget opens on its closed message (the chat still waits).
    if (started) await answerIfClosed(core, started);
    return { token, conversationId: id };
  }

  /** A customer's token: valid until `webchatTokenTtlMs` after its conversation closed. */
  async webchatSession(token: string): Promise<{ conversationId: string; customerId: string; tokenHash: string; expiresAt: number | null }> {
    const { core } = this;
    const s = await store.findWebchatSession(core.deps.db.kysely, tokenHash(token), core.now, core.webchatTokenTtlMs);
    if (!s) throw new DomainError('PARLEY_ERR_UNKNOWN_SESSION', 'Unknown or expired chat session');
    return { conversationId: s.conversationId, customerId: s.customerId, tokenHash: s.tokenHash, expiresAt: s.expiresAt };
  }

  async webchatSnapshot(conversationId: string): Promise<WebchatSnapshot> {
    const { core } = this;
    const open = core.engine.getConversation(conversationId);
    const rec = open ? null : await store.getConversation(core.deps.db.kysely, conversationId);
    const status = open?.status ?? (rec?.status as WebchatSnapshot['status']) ?? 'closed';
    const customerName = core.meta.get(conversationId)?.customer.name ?? '';
    const { messages, hasMore } = await this.webchatMessages(conversationId, undefined, CUSTOMER_PAGE);
    const agents = customerAgents(open, (id) => core.directory.agentName(id));
    const rules = core.directory.rules(core.deps.channels.webchat.adapter.channel);
    const limits = { maxMessageLength: rules.maxMessageLength, attachments: rules.attachments, maxAttachmentBytes: rules.maxAttachmentBytes };
    return { conversationId, status, customerName, messages, hasMore, agents, limits };
  }

  /** The customer's thread, a page at a time (newest first page; `beforeId` for older ones). */
  async webchatMessages(conversationId: string, beforeId: string | undefined, limit: number): Promise<WebchatMessagePage> {
    const page = await store.listMessages(this.core.deps.db.kysely, conversationId, { beforeId, limit, customerVisible: true });
    const channel = this.core.deps.channels.webchat.adapter.channel;
    return { messages: page.messages.map((m) => customerView(this.core, messageDto(m, this.core.deps.fileUrl), channel)), hasMore: page.hasMore };
  }

  /** Where a customer's upload goes: the channel of their chat, while it is open. */
  async channelOfOpenConversation(conversationId: string): Promise<ChannelType> {
    const c = this.core.engine.getConversation(conversationId);
    if (!c) throw new DomainError('PARLEY_ERR_INVALID_STATE', 'This chat has ended');
    return c.channel;
  }
}
