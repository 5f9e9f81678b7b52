import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AttachmentDto, type ChannelType, mediaProblem } from '@parley/protocol';
import { DomainError } from '@parley/core';
import * as store from '@parley/storage';
import type { GroupCommitter } from '@parley/storage';
import { Type } from '@sinclair/typebox';
import type { AppCore } from '../app/core';
import type { Directory } from '../app/directory';
import type { Files } from '../app/files';
import { mediaProblemError } from '../app/messages/media-problem';
import { checkEntryPointCarriesMedia } from '../app/messages/attachments';

export const UploadQuery = Type.Object({ conversationId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false });

/** The channel of a conversation the agent is handling, whose limits an upload for it must meet. */
export function uploadChannel(core: AppCore, conversationId: string | undefined, agentId: string): ChannelType | null {
  if (!conversationId) return null;
  const c = core.engine.getConversation(conversationId);
  if (!c?.participants.some((p) => p.agentId === agentId && p.status === 'active')) {
    throw new DomainError('PARLEY_ERR_NOT_PARTICIPANT', 'You are not handling this conversation');
  }
  checkEntryPointCarriesMedia(core, c);
  return c.channel;
}

/** `uploadedBy`: who may attach it (see app/uploader.ts). */
export type UploadHandler = (
  req: FastifyRequest,
  reply: FastifyReply,
  channel: ChannelType | null,
  conversationId: string | null,
  uploadedBy: string,
) => Promise<AttachmentDto>;

/**
 * One multipart `file`: its type read from the bytes (a PNG name on HTML bytes is refused), checked
 * against the channel's limits for that kind of file when the channel is known (the send checks again),
 * stored, then recorded.
 */
export function createUploadHandler(files: Files, committer: GroupCommitter, dir: Directory, now: () => number): UploadHandler {
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
    const name = (part.filename || 'file').replace(/[\\/\0]/g, '_').slice(0, 200);
    const saved = await files.save(bytes, part.mimetype);
    const problem = channel ? mediaProblem(dir.rules(channel), [{ name, mimeType: saved.mimeType, size: bytes.length }]) : null;
    if (problem) {
      await files.discard(saved.storageKey);
      throw mediaProblemError(problem, channel!);
    }
    const rec = { id: saved.id, conversationId, name, mimeType: saved.mimeType, size: bytes.length, sha256: saved.sha256, storageKey: saved.storageKey, createdAt: now(), uploadedBy };
    try {
      await committer.run((trx) => store.insertAttachment(trx, rec));
    } catch (err) {
      await files.discard(saved.storageKey);
      throw err;
    }
    return { id: rec.id, name, mimeType: rec.mimeType, size: rec.size, url: files.url(rec.id, now()) };
  };
}
