import type { ConversationRecord, MessageRecord } from '../src/index';

export function conversation(over: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    id: 'c1',
    channel: 'webchat',
    entryPointId: 'ep1',
    queueId: 'q1',
    customerId: 'cu1',
    status: 'queued',
    ownerAgentId: null,
    state: { participants: [], offer: null },
    offerDeadline: null,
    maxWaitDeadline: null,
    createdAt: 1_000,
    updatedAt: 1_000,
    closedAt: null,
    ...over,
  };
}

export function message(over: Partial<MessageRecord> = {}): MessageRecord {
  return {
    id: 'm1',
    conversationId: 'c1',
    direction: 'inbound',
    authorType: 'customer',
    authorId: null,
    authorName: 'Ada',
    text: 'hello',
    attachments: [],
    notice: null,
    clientId: null,
    providerId: null,
    channel: 'webchat',
    status: 'received',
    statusReason: null,
    createdAt: 1_000,
    ...over,
  };
}
