import type { ConversationState } from '@parley/core';
import type { SupervisorConversationDto, SupervisorMessageDto } from '@parley/protocol';
import type { MessageRecord, SupervisedConversation } from '@parley/storage';
import type { Directory } from '../directory';

const PREVIEW_CHARS = 200;

/** The supervisor's view of a stored conversation; names come from the configuration as it is now. */
export function supervisorConversationDto(dir: Directory, s: SupervisedConversation): SupervisorConversationDto {
  const { conversation: c, customer, lastMessage } = s;
  // The routing state as stored with the row, in the same transaction as its columns.
  const state = c.state as ConversationState;
  const ep = dir.entryPoints.get(c.entryPointId);
  const agentName = (id: string) => dir.agents.get(id)?.displayName ?? null;
  return {
    id: c.id,
    channel: c.channel as SupervisorConversationDto['channel'],
    entryPoint: { id: c.entryPointId, name: ep?.name ?? null, address: ep ? dir.entryPointAddress(ep) : null },
    queue: { id: c.queueId, name: dir.queues.get(c.queueId)?.name ?? null },
    customer: {
      id: customer.id,
      channel: customer.channel as SupervisorConversationDto['channel'],
      externalId: customer.externalId,
      name: customer.name,
      email: customer.email,
      phone: customer.phone,
    },
    status: c.status as SupervisorConversationDto['status'],
    owner: c.ownerAgentId ? { id: c.ownerAgentId, name: agentName(c.ownerAgentId) } : null,
    participants: (state.participants ?? []).map((p) => ({
      agentId: p.agentId,
      agentName: agentName(p.agentId),
      role: p.role,
      status: p.status,
      joinedAt: p.joinedAt,
      leftAt: p.leftAt ?? null,
    })),
    offer: state.offer
      ? { agentId: state.offer.agentId, kind: state.offer.kind, offeredAt: state.offer.offeredAt, deadline: state.offer.deadline }
      : null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    queuedAt: state.queuedAt ?? c.createdAt,
    acceptedAt: state.acceptedAt ?? null,
    endedAt: state.endedAt ?? null,
    endedBy: state.endedBy ?? null,
    closedAt: c.closedAt,
    lastMessage: lastMessage && {
      id: lastMessage.id,
      direction: lastMessage.direction,
      authorType: lastMessage.authorType,
      authorName: lastMessage.authorName,
      text: preview(lastMessage.text),
      attachmentCount: lastMessage.attachments.length,
      createdAt: lastMessage.createdAt,
    },
  };
}

/** Cut by code points, so a preview never ends in half a surrogate pair. */
function preview(text: string): string {
  const chars = Array.from(text);
  return chars.length <= PREVIEW_CHARS ? text : `${chars.slice(0, PREVIEW_CHARS).join('')}…`;
}

type StoredAttachment = { id: string; name: string; mimeType: string; size: number };

export function supervisorMessageDto(m: MessageRecord, fileUrl: (attachmentId: string) => string): SupervisorMessageDto {
  return {
    id: m.id,
    conversationId: m.conversationId,
    channel: m.channel as SupervisorMessageDto['channel'],
    direction: m.direction as SupervisorMessageDto['direction'],
    authorType: m.authorType as SupervisorMessageDto['authorType'],
    authorId: m.authorId,
    authorName: m.authorName,
    text: m.text,
    notice: (m.notice as SupervisorMessageDto['notice']) ?? null,
    attachments: (m.attachments as StoredAttachment[]).map((a) => ({ id: a.id, name: a.name, mimeType: a.mimeType, size: a.size, url: fileUrl(a.id) })),
    providerId: m.providerId,
    status: m.status as SupervisorMessageDto['status'],
    statusReason: m.statusReason,
    clientId: m.clientId,
    createdAt: m.createdAt,
    // No channel stores type-specific content yet (see SupervisorMessageDto.content).
    content: null,
  };
}
