import type { ConversationState } from '@parley/core';
import type { MessageRecord } from '@parley/storage';
import { orderedId } from '../ordered-id';

/** What differs between an agent's reply, a customer's message and a system notice. */
export interface MessageParts {
  direction: 'inbound' | 'outbound' | 'internal';
  author: { type: 'agent' | 'customer' | 'system'; id: string | null; name: string };
  text: string;
  attachments?: unknown[];
  notice?: unknown;
  clientId?: string | null;
  providerId?: string | null;
  status: 'received' | 'sent' | 'pending';
  createdAt: number;
  details?: MessageRecord['details'];
}

/** A new message of conversation `c`, with a fresh time-ordered id, ready to store. */
export function messageRecord(c: ConversationState, m: MessageParts): MessageRecord {
  return {
    id: orderedId(),
    conversationId: c.id,
    direction: m.direction,
    authorType: m.author.type,
    authorId: m.author.id,
    authorName: m.author.name,
    text: m.text,
    attachments: m.attachments ?? [],
    notice: m.notice ?? null,
    clientId: m.clientId ?? null,
    providerId: m.providerId ?? null,
    channel: c.channel,
    status: m.status,
    statusReason: null,
    createdAt: m.createdAt,
    details: m.details ?? null,
  };
}
