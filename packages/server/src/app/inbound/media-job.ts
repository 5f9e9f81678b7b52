import type { MediaRef, SendFailure } from '@parley/channels';
import * as store from '@parley/storage';
import type { MessageRecord, OutboxEnqueue } from '@parley/storage';
import type { AgentEvent } from '@parley/protocol';
import type { AppCore } from '../core';
import { providerContext } from '../channels/provider-context';
import { messageDto } from '../dto';
import type { JobHandler } from '../outbox/handlers';
import { audienceOf } from '../publish/message-status';
import { commitWithEvents } from '../publish/commit-events';

export const MEDIA_FETCH_JOB = 'media_fetch';

/** What a customer may send us, at most (WhatsApp documents reach 100 MB). */
const MAX_INBOUND_MEDIA_BYTES = 100 * 1024 * 1024;

/** The download of a message's media, stored with the message: a retried webhook downloads nothing twice. */
export function mediaJobFor(rec: MessageRecord, entryPointId: string, media: MediaRef[]): OutboxEnqueue | undefined {
  if (media.length === 0) return undefined;
  return {
    id: `${rec.id}:media`,
    kind: MEDIA_FETCH_JOB,
    channel: rec.channel,
    // Its own order group: a slow or failing download must not hold the agent's replies back.
    conversationId: `${rec.conversationId}/media`,
    messageId: rec.id,
    entryPointId,
    payload: { media },
    nextAttemptAt: rec.createdAt,
    createdAt: rec.createdAt,
  };
}

function baseType(mimeType: string): string {
  return mimeType.split(';')[0]!.trim().toLowerCase();
}

function fileName(ref: MediaRef, mimeType: string, index: number): string {
  const given = ref.kind === 'whatsapp_media' ? ref.filename : undefined;
  if (given) return given.replace(/[\\/\0]/g, '_').slice(0, 200);
  const [kind, sub] = mimeType.split('/');
  return `${kind ?? 'file'}-${index + 1}.${(sub ?? 'bin').replace(/[^a-z0-9]/gi, '').slice(0, 8) || 'bin'}`;
}

/**
 * Downloads every media item of a message through its channel's adapter into attachment storage, then
 * shows them on the message. A type we don't keep (never HTML or SVG) or an oversized file is named
 * in the message's text instead; a provider error is retried by the outbox, then reported in the thread.
 */
export function mediaFetchHandler(core: AppCore): JobHandler {
  return {
    async perform(job, signal) {
      const adapter = core.deps.channels.get(job.channel);
      const fetchMedia = adapter?.fetchMedia;
      const m = job.messageId ? await store.getMessage(core.deps.db.kysely, job.messageId) : null;
      if (!fetchMedia || !m) return { ok: false, retryable: false, code: 'media', reason: 'the message or its channel is gone' };
      const ctx = providerContext(core, job.entryPointId, signal);
      if ('ok' in ctx) return ctx;
      const refs = (job.payload as { media: MediaRef[] }).media;
      const attachments: { id: string; name: string; mimeType: string; size: number }[] = [];
      const refused: string[] = [];
      const saved: string[] = [];
      for (const [i, ref] of refs.entries()) {
        const got = await fetchMedia(ref, ctx);
        if (!got.ok) {
          for (const key of saved) await core.deps.files.discard(key);
          return got;
        }
        const declared = baseType(got.mimeType);
        // The type is read from the bytes (save): what the provider says is only a hint.
        const file = got.bytes.byteLength > MAX_INBOUND_MEDIA_BYTES || got.bytes.byteLength === 0 ? undefined : await core.deps.files.save(Buffer.from(got.bytes), declared).catch(() => undefined);
        if (!file) {
          refused.push(`${declared || 'unknown type'}, ${got.bytes.byteLength} bytes`);
          continue;
        }
        const mimeType = file.mimeType;
        saved.push(file.storageKey);
        const name = got.filename ?? fileName(ref, mimeType, i);
        attachments.push({ id: file.id, name, mimeType, size: got.bytes.byteLength });
        await core.deps.committer.run((trx) =>
          store.insertAttachment(trx, { id: file.id, conversationId: m.conversationId, name, mimeType, size: got.bytes.byteLength, sha256: file.sha256, storageKey: file.storageKey, createdAt: core.now, uploadedBy: 'provider' }),
        );
      }
      const note = refused.length ? `[${refused.length} file(s) not kept: ${refused.join('; ')}]` : '';
      await showOnMessage(core, m, attachments, note);
      return { ok: true, providerId: '' };
    },
    async settle(job, outcome) {
      if (outcome.status !== 'failed' || !job.messageId) return;
      const m = await store.getMessage(core.deps.db.kysely, job.messageId);
      if (m) await showOnMessage(core, m, [], `[media could not be downloaded: ${describe(outcome.failure)}]`);
    },
  };
}

function describe(f: SendFailure): string {
  return f.providerCode ? `${f.providerCode}: ${f.reason}` : f.reason;
}

/** Adds attachments (and a note) to a stored message and shows the agents the updated message. */
async function showOnMessage(core: AppCore, m: MessageRecord, attachments: unknown[], note: string): Promise<void> {
  const updated: MessageRecord = {
    ...m,
    attachments: [...m.attachments, ...attachments],
    text: note ? (m.text ? `${m.text}\n${note}` : note) : m.text,
  };
  const dto = messageDto(updated, core.deps.fileUrl);
  const audience = await audienceOf(core, m.conversationId);
  const event: AgentEvent = { type: 'message.created', message: dto };
  await commitWithEvents(core, audience.map((agentId) => ({ agentId, conversationId: m.conversationId, event })), async (trx) => {
    await store.setMessageAttachments(trx, m.id, updated.attachments);
    if (note) await store.setMessageText(trx, m.id, updated.text);
  });
  core.supervision.conversationEvent(m.conversationId, { type: 'message.created', message: dto });
}
