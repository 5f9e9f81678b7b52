import type { Selectable } from 'kysely';
import type { AttachmentsTable } from '../schema';
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
  /** Who uploaded it: `agent:<agentId>` or `chat:<conversationId>` (null: uploaded before this was recorded). */
  uploadedBy: string | null;
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
      uploaded_by: rec.uploadedBy,
    })
    .execute();
}

function toRecord(row: Selectable<AttachmentsTable>): AttachmentRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    name: row.name,
    mimeType: row.mime_type,
    size: row.size,
    sha256: row.sha256,
    storageKey: row.storage_key,
    createdAt: row.created_at,
    uploadedBy: row.uploaded_by ?? null,
  };
}

export async function getAttachment(ex: Executor, id: string): Promise<AttachmentRecord | null> {
  const row = await ex.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Uploads never sent in any conversation, older than `createdBefore` (oldest first). */
export async function listUnsentAttachments(ex: Executor, createdBefore: number, limit: number): Promise<AttachmentRecord[]> {
  const rows = await ex
    .selectFrom('attachments')
    .selectAll()
    .where('conversation_id', 'is', null)
    .where('created_at', '<', createdBefore)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

export async function deleteAttachment(ex: Executor, id: string): Promise<boolean> {
  const res = await ex.deleteFrom('attachments').where('id', '=', id).executeTakeFirst();
  return res.numDeletedRows > 0n;
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
