import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AttachmentDto, ChannelType } from '@parley/protocol';
import { DomainError } from '@parley/core';
import * as store from '@parley/storage';
import type { GroupCommitter } from '@parley/storage';
import type { Directory } from '../app/directory';
import type { FileStore } from '../app/files';

/** `uploadedBy`: who may attach it (see app/uploader.ts). */
export type UploadHandler = (
  req: FastifyRequest,
  reply: FastifyReply,
  channel: ChannelType | null,
  conversationId: string | null,
  uploadedBy: string,
) => Promise<AttachmentDto>;

/** One multipart `file`, checked against the channel's size limit and the accepted types, stored, then recorded. */
export function createUploadHandler(files: FileStore, committer: GroupCommitter, dir: Directory, now: () => number): UploadHandler {
  return async (req, _reply, channel, conversationId, uploadedBy) => {
    if (!req.isMultipart()) throw new DomainError('PARLEY_ERR_VALIDATION', 'Send the file as multipart/form-data, field "file"');
    const part = await req.file();
    if (!part) throw new DomainError('PARLEY_ERR_VALIDATION', 'No file in the request');
    const limit = channel ? dir.rules(channel).maxAttachmentBytes : Math.max(...Object.values(dir.channelRules).map((r) => r.maxAttachmentBytes));
    if (channel && !dir.rules(channel).attachments) throw new DomainError('PARLEY_ERR_CHANNEL_RULE', `${channel} takes no attachments`);
    const bytes = await part.toBuffer();
    if (part.file.truncated || bytes.length > limit) {
      throw new DomainError('PARLEY_ERR_PAYLOAD_TOO_LARGE', `A file can be at most ${Math.floor(limit / 1024 / 1024)} MB`);
    }
    if (bytes.length === 0) throw new DomainError('PARLEY_ERR_VALIDATION', 'The file is empty');
    const saved = await files.save(bytes, part.mimetype);
    const name = (part.filename || 'file').replace(/[\\/\0]/g, '_').slice(0, 200);
    const rec = { id: saved.id, conversationId, name, mimeType: part.mimetype, size: bytes.length, sha256: saved.sha256, storageKey: saved.storageKey, createdAt: now(), uploadedBy };
    try {
      await committer.run((trx) => store.insertAttachment(trx, rec));
    } catch (err) {
      await files.discard(saved.storageKey);
      throw err;
    }
    return { id: rec.id, name, mimeType: rec.mimeType, size: rec.size, url: files.url(rec.id, now()) };
  };
}
