import type { UploadFile } from '@parley/channels';
import * as store from '@parley/storage';
import type { AppCore } from '../core';

/**
 * One of our stored attachments as a file to upload to a provider (our `/files/…` links are private:
 * WhatsApp and Messenger can't fetch them). Undefined when the record or its bytes are gone.
 */
export async function attachmentBytes(core: AppCore, conversationId: string, attachmentId: string): Promise<UploadFile | undefined> {
  const a = await store.getAttachment(core.deps.db.kysely, attachmentId);
  // Only a file of the conversation being sent: a job never reads another conversation's files.
  if (!a || (a.conversationId !== null && a.conversationId !== conversationId)) return undefined;
  const bytes = await core.deps.files.read(a.storageKey).catch(() => undefined);
  return bytes ? { bytes: new Uint8Array(bytes), mimeType: a.mimeType, filename: a.name } : undefined;
}
