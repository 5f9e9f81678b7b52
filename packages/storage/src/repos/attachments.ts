import type { Executor } from './executor';

export interface AttachmentRecord {
  id: string;
  /** Null while uploaded but not yet sent in a message. */
  conversationId: string | null;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  /** Where the blob store keeps the bytes (a relative path for the file store). */
  storageKey: string;
  createdAt: number;
}

export async function insertAttachment(ex: Executor, rec: AttachmentRecord): Promise<void> {
  await ex
    .insertInto('attachments')
    .values({
      id: rec.id,
      conversation_id: rec.conversationId,
      name: rec.name,
      mime_type: rec.mimeType,
      size: rec.size,
      sha256: rec.sha256,
      storage_key: rec.storageKey,
      created_at: rec.createdAt,
    })
    .execute();
}

export async function getAttachment(ex: Executor, id: string): Promise<AttachmentRecord | null> {
  const row = await ex.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    name: row.name,
    mimeType: row.mime_type,
    size: row.size,
    sha256: row.sha256,
    storageKey: row.storage_key,
    createdAt: row.created_at,
  };
}

/** Binds an uploaded attachment to the conversation it was sent in. */
export async function setAttachmentConversation(ex: Executor, id: string, conversationId: string): Promise<boolean> {
  const res = await ex
    .updateTable('attachments')
    .set({ conversation_id: conversationId })
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
