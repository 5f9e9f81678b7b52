import { randomUUID } from 'node:crypto';
import type { AgentDto, ConversationDto } from '@parley/protocol';
import { DomainError } from '@parley/core';
import * as store from '@parley/storage';
import type { AppCore } from '../core';
import { wrapupFacts } from '../reports/facts';

/**
 * What an agent does to their state and their conversations: ready/idle/offline, accept an
 * offer, transfer, conference (invite, exit), end, wrap-up. Each asks the routing engine, which
 * refuses with a DomainError or returns an outcome the core stores and then publishes.
 */
export class AgentCommands {
  constructor(private readonly core: AppCore) {}

  async setState(agentId: string, state: 'available' | 'idle' | 'offline', idleReasonId: string | null): Promise<AgentDto> {
    const { core } = this;
    if (state === 'idle' && idleReasonId && !core.directory.idleReasons.some((r) => r.id === idleReasonId)) {
      throw new DomainError('PARLEY_ERR_VALIDATION', 'Unknown idle reason');
    }
    await core.apply(core.engine.setAgentState(agentId, state, idleReasonId, core.now));
    return core.agentDto(agentId)!;
  }

  async accept(agentId: string, conversationId: string): Promise<ConversationDto> {
    const { core } = this;
    // A chat that closed while offered (the customer left) is an offer that is gone, not a missing resource.
    if (!core.engine.getConversation(conversationId)) throw new DomainError('PARLEY_ERR_NO_OFFER', 'There is no pending offer for you on this conversation');
    await core.apply(core.engine.accept(conversationId, agentId, core.now));
    return core.conversationDto(core.engine.getConversation(conversationId)!)!;
  }

  /** Null when the conversation left the router (e.g. a transfer with no one to take it ended it). */
  async transfer(agentId: string, conversationId: string, target: { queueId?: string; agentId?: string }): Promise<ConversationDto | null> {
    const { core } = this;
    const now = core.now;
    const outcome = target.queueId
      ? core.engine.transferToQueue(conversationId, agentId, target.queueId, now)
      : core.engine.transferToAgent(conversationId, agentId, target.agentId!, now);
    await core.apply(outcome);
    const c = core.engine.getConversation(conversationId);
    return c ? core.conversationDto(c) : null;
  }

  /** Invites one agent, or asks a queue (its first agent able to take it, now or once one is). */
  async conference(agentId: string, conversationId: string, target: { agentId: string } | { queueId: string }): Promise<ConversationDto> {
    const { core } = this;
    const now = core.now;
    const outcome =
      'queueId' in target
        ? core.engine.inviteQueueToConference(conversationId, agentId, target.queueId, now)
        : core.engine.inviteToConference(conversationId, agentId, target.agentId, now);
    await core.apply(outcome);
    return core.conversationDto(core.engine.getConversation(conversationId)!)!;
  }

  /** The owner withdraws a pending conference request. */
  async cancelConference(agentId: string, conversationId: string): Promise<ConversationDto> {
    const { core } = this;
    await core.apply(core.engine.cancelConference(conversationId, agentId, core.now));
    return core.conversationDto(core.engine.getConversation(conversationId)!)!;
  }

  async exitConference(agentId: string, conversationId: string): Promise<void> {
    await this.core.apply(this.core.engine.exitConference(conversationId, agentId, this.core.now));
  }

  async end(agentId: string, conversationId: string): Promise<void> {
    await this.core.apply(this.core.engine.endByAgent(conversationId, agentId, this.core.now));
  }

  /** Wrap-up reasons must be known; a channel without `multiWrapup` takes one. */
  async wrapup(agentId: string, conversationId: string, reasonIds: string[]): Promise<void> {
    const { core } = this;
    const c = core.engine.getConversation(conversationId);
    if (!c) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such open conversation');
    const known = new Set(core.directory.wrapupReasons.map((r) => r.id));
    const unknown = reasonIds.filter((r) => !known.has(r));
    if (unknown.length) throw new DomainError('PARLEY_ERR_VALIDATION', `Unknown wrap-up reason: ${unknown.join(', ')}`);
    if (new Set(reasonIds).size > 1 && !core.directory.rules(c.channel).multiWrapup) {
      throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `${c.channel} takes one wrap-up reason`);
    }
    const now = core.now;
    const outcome = core.engine.submitWrapup(conversationId, agentId, now);
    const rec = { id: randomUUID(), conversationId, agentId, reasonIds: [...new Set(reasonIds)], createdAt: now };
    const conv = { id: c.id, channel: c.channel, queueId: c.queueId };
    await core.apply(outcome, async (trx) => {
      await store.insertWrapup(trx, rec);
      // Counted where the agent handled it (a transfer moved the conversation on since).
      conv.queueId = (await store.lastHandledQueue(trx, conversationId, agentId)) ?? conv.queueId;
      await store.insertReportFacts(trx, wrapupFacts(conv, agentId, rec.reasonIds, now));
    });
  }
}
