import type { ConversationDto, MessageDto } from '@parley/protocol';
import { DomainError, type ConversationState } from '@parley/core';
import * as store from '@parley/storage';
import type { AppCore } from '../core';
import type { AuthedAgent } from '../auth/sessions';
import { conversationDto, messageDto } from '../dto';
import { loadMeta } from '../conversation-meta';

/**
 * One conversation and its messages, open or closed, for whoever may see it: a plain agent sees
 * only conversations they are or were in, or are offered; supervisors and admins see all.
 */
export class ConversationReads {
  constructor(private readonly core: AppCore) {}

  async getConversation(viewer: AuthedAgent, id: string): Promise<ConversationDto> {
    const { core } = this;
    const open = core.engine.getConversation(id);
    let state = open;
    let meta = open && core.meta.get(id);
    if (!state || !meta) {
      const rec = await store.getConversation(core.deps.db.kysely, id);
      const loaded = rec && (await loadMeta(core.deps.db.kysely, rec));
      if (!rec || !loaded) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such conversation');
      state = rec.state as ConversationState;
      meta = loaded;
    }
    requireVisible(viewer, state);
    return conversationDto(core.directory, state, meta);
  }

  async listMessages(viewer: AuthedAgent, id: string, beforeId: string | undefined, limit: number): Promise<{ messages: MessageDto[]; hasMore: boolean }> {
    await this.getConversation(viewer, id);
    const page = await store.listMessages(this.core.deps.db.kysely, id, { beforeId, limit });
    return { messages: page.messages.map((m) => messageDto(m, this.core.deps.fileUrl)), hasMore: page.hasMore };
  }
}

function requireVisible(viewer: AuthedAgent, c: ConversationState): void {
  if (viewer.role !== 'agent') return;
  if (c.offer?.agentId === viewer.id) return;
  if (c.participants.some((p) => p.agentId === viewer.id)) return;
  throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such conversation');
}
