import { DomainError } from '@parley/core';
import type { SupervisorConversationDto, SupervisorConversationPage, SupervisorMessagePage } from '@parley/protocol';
import type { SupervisorConversationsQuery } from '@parley/protocol/api';
import * as store from '@parley/storage';
import type { Executor } from '@parley/storage';
import type { Directory } from '../directory';
import { encodeCursor } from './cursor';
import { supervisorConversationDto, supervisorMessageDto } from './dto';
import { conversationListRequest } from './query';

/**
 * The supervisor's read use cases: any conversation, open or closed, of any channel, read from
 * storage (where every routing outcome is committed before it is published), never from the router.
 */
export class SupervisorReads {
  constructor(
    private readonly db: Executor,
    private readonly directory: Directory,
    private readonly fileUrl: (attachmentId: string) => string,
  ) {}

  async listConversations(query: SupervisorConversationsQuery): Promise<SupervisorConversationPage> {
    const { filter, after, limit } = conversationListRequest(query);
    const page = await store.listSupervisedConversations(this.db, filter, { ...(after && { after }), limit });
    return {
      conversations: page.items.map((s) => supervisorConversationDto(this.directory, s)),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
  }

  async getConversation(id: string): Promise<SupervisorConversationDto> {
    const found = await store.getSupervisedConversation(this.db, id);
    if (!found) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such conversation');
    return supervisorConversationDto(this.directory, found);
  }

  /** The whole thread, internal notices included, oldest first; `beforeId` unknown → an empty page. */
  async listMessages(conversationId: string, beforeId: string | undefined, limit: number): Promise<SupervisorMessagePage> {
    const exists = await store.getConversation(this.db, conversationId);
    if (!exists) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such conversation');
    const page = await store.listMessages(this.db, conversationId, { ...(beforeId !== undefined && { beforeId }), limit });
    return { messages: page.messages.map((m) => supervisorMessageDto(m, this.fileUrl)), hasMore: page.hasMore };
  }
}
