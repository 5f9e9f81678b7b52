import type { ConversationState } from '@parley/core';
import { HISTORY_MESSAGES_PER_CONVERSATION } from '@parley/protocol/api';
import type { ConversationHistoryPage, HistoryConversationDto } from '@parley/protocol';
import * as store from '@parley/storage';
import type { AppCore } from '../core';
import type { AuthedAgent } from '../auth/sessions';
import { messageDto } from '../dto';
import type { ConversationReads } from './conversations';

/**
 * The customer's earlier conversations, for whoever may see the conversation they are asked
 * about (the same rule as reading it: a plain agent who is or was in it, or is offered it).
 * Read from storage, where every conversation is committed before it is published.
 */
export class CustomerHistory {
  constructor(
    private readonly core: AppCore,
    private readonly conversations: Pick<ConversationReads, 'getConversation'>,
  ) {}

  async list(viewer: AuthedAgent, id: string, beforeId: string | undefined, limit: number): Promise<ConversationHistoryPage> {
    await this.conversations.getConversation(viewer, id);
    const page = await store.listCustomerHistory(this.core.deps.db.kysely, {
      of: id,
      ...(beforeId !== undefined && { beforeId }),
      limit,
      messagesPerConversation: HISTORY_MESSAGES_PER_CONVERSATION,
    });
    return { conversations: page.items.map((e) => this.entryDto(e)), hasMore: page.hasMore, total: page.total };
  }

  private entryDto({ conversation: c, messages, hasMoreMessages }: store.HistoryEntry): HistoryConversationDto {
    const dir = this.core.directory;
    // The routing state as stored with the row, in the same transaction as its columns.
    const state = c.state as Partial<ConversationState>;
    const agentIds = [...new Set((state.participants ?? []).map((p) => p.agentId))];
    return {
      id: c.id,
      channel: c.channel as HistoryConversationDto['channel'],
      entryPointId: c.entryPointId,
      entryPointName: dir.entryPoints.get(c.entryPointId)?.name ?? c.entryPointId,
      queueId: c.queueId,
      queueName: dir.queueName(c.queueId),
      status: c.status as HistoryConversationDto['status'],
      createdAt: c.createdAt,
      endedAt: state.endedAt ?? null,
      agents: agentIds.map((agentId) => ({ id: agentId, name: dir.agents.get(agentId)?.displayName ?? null })),
      messages: messages.map((m) => messageDto(m, this.core.deps.fileUrl)),
      hasMoreMessages,
    };
  }
}
