import type { NoticeDto } from '@parley/protocol';
import type { ConversationState } from '@parley/core';
import type { MessageRecord } from '@parley/storage';
import { CUSTOMER_NOTICES } from '../customer-view';
import type { Directory } from '../directory';
import { messageRecord } from '../messages/message-record';

/** A system notice in a conversation's thread; the customer sees only CUSTOMER_NOTICES. */
export function noticeRecord(
  dir: Directory,
  c: ConversationState,
  code: NoticeDto['code'],
  who: { agentId?: string; queueId?: string },
  now: number,
  detail?: string,
): MessageRecord {
  const notice: NoticeDto = { code };
  if (detail) notice.detail = detail;
  if (who.agentId) notice.agentName = dir.agentName(who.agentId);
  if (who.queueId) notice.queueName = dir.queueName(who.queueId);
  const toCustomer = CUSTOMER_NOTICES.has(code) && dir.rules(c.channel).customerNotices;
  return messageRecord(c, {
    direction: toCustomer ? 'outbound' : 'internal',
    author: { type: 'system', id: null, name: 'System' },
    text: noticeText(notice),
    notice,
    // A customer-visible notice waits for its send like any outbound message.
    status: toCustomer ? 'pending' : 'sent',
    createdAt: now,
  });
}

/** English fallback text for a notice (clients translate by code). */
export function noticeText(n: NoticeDto): string {
  const who = n.agentName ?? 'An agent';
  switch (n.code) {
    case 'agent_joined': return `${who} joined the chat`;
    case 'agent_left': return `${who} left the chat`;
    case 'customer_left': return 'The customer left the chat';
    case 'transferred': return n.queueName ? `Transferred to ${n.queueName}` : `Transferred to ${who}`;
    case 'conference_requested': return `Conference requested with ${n.queueName ?? who}`;
    case 'conference_joined': return `${who} joined the conversation`;
    case 'conference_left': return `${who} left the conversation`;
    case 'conference_ended': return 'The conference ended';
    case 'conference_declined': return `${who} did not accept the conference request`;
    case 'conference_cancelled': return 'The conference request was cancelled';
    case 'transfer_failed': return 'The transfer was not accepted';
    case 'no_agent_available': return 'No agent is available right now';
    case 'conversation_closed': return 'The conversation is closed';
    case 'abandoned': return 'The customer left before an agent answered';
    case 'unsupported_content': return `The customer sent something this channel can't show here${n.detail ? `: ${n.detail}` : ''}`;
    case 'customer_identity_changed': return n.detail ?? 'The customer changed their number';
    case 'provider_error': return `The provider reported a problem${n.detail ? `: ${n.detail}` : ''}`;
    case 'reopened': return n.queueName ? `The customer replied: reopened in ${n.queueName}` : 'The customer replied: reopened';
  }
}
