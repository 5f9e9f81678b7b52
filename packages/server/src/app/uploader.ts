import { DomainError } from '@parley/core';
import type { AttachmentRecord } from '@parley/storage';

/** Who uploads: an agent, or the customer of one web chat session. Stored as `attachments.uploaded_by`. */
export const uploader = {
  agent: (agentId: string) => `agent:${agentId}`,
  chat: (conversationId: string) => `chat:${conversationId}`,
};

/**
 * An upload belongs to whoever uploaded it: only they may attach it, and only in the conversation
 * it is bound to once sent (a customer's is bound to their chat from the start). Rows from before
 * uploaders were recorded may be attached only where they are already bound.
 */
export function checkMayAttach(a: AttachmentRecord | null, id: string, conversationId: string, by: string): AttachmentRecord {
  if (!a) throw new DomainError('PARLEY_ERR_VALIDATION', `Unknown attachment ${id}`);
  const elsewhere = a.conversationId !== null && a.conversationId !== conversationId;
  const notYours = a.uploadedBy === null ? a.conversationId === null : a.uploadedBy !== by;
  if (elsewhere || notYours) throw new DomainError('PARLEY_ERR_FORBIDDEN', `Attachment ${id} was uploaded by someone else: attach only files you uploaded`);
  return a;
}
