import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttachmentDto, ChannelRules } from '@parley/protocol';
import { api } from '../../../api/endpoints';
import { useI18n } from '../../i18n/i18n';
import { asMediaFile, checkAttachments } from './attachment-check';
import { takeDroppedFiles } from './drop-files';

/** One file in the composer: uploading, ready (the server's record) or refused by the server. */
export interface DraftFile {
  key: string;
  name: string;
  size: number;
  mimeType: string;
  /** A local preview of an image, before and after the upload. */
  previewUrl: string | null;
  status: 'uploading' | 'ready' | 'failed';
  attachment?: AttachmentDto;
}

let seq = 0;

/**
 * The files the agent is attaching to the next message of a conversation: checked against the channel's
 * limits first (a clear message, nothing uploaded), then uploaded for that conversation. Cleared on
 * send and when the conversation changes.
 */
export function useAttachments(conversationId: string, rules: ChannelRules) {
  const { t } = useI18n();
  const [files, setFiles] = useState<DraftFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const live = useRef(files);
  live.current = files;

  const clear = useCallback(() => {
    for (const f of live.current) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
    setFiles([]);
    setError(null);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new conversation starts with no files
  useEffect(() => clear, [conversationId, clear]);

  const add = useCallback(
    (picked: readonly File[]) => {
      if (picked.length === 0) return;
      const kept = live.current.filter((f) => f.status !== 'failed');
      const refusal = checkAttachments(rules, kept.map((f) => ({ name: f.name, mimeType: f.mimeType, size: f.size })), picked.map(asMediaFile));
      if (refusal) {
        setError(t(refusal.key, refusal.params));
        return;
      }
      setError(null);
      const drafts = picked.map((file): DraftFile => ({
        key: `f${++seq}`,
        name: file.name,
        size: file.size,
        mimeType: file.type,
        previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
        status: 'uploading',
      }));
      setFiles([...kept, ...drafts]);
      drafts.forEach((d, i) => {
        api.upload(picked[i]!, conversationId).then(
          (attachment) => setFiles((l) => l.map((f) => (f.key === d.key ? { ...f, status: 'ready', attachment, mimeType: attachment.mimeType } : f))),
          (e: unknown) => {
            setFiles((l) => l.map((f) => (f.key === d.key ? { ...f, status: 'failed' } : f)));
            setError(t('attach.failed', { name: d.name, message: e instanceof Error ? e.message : String(e) }));
          },
        );
      });
    },
    [conversationId, rules, t],
  );

  // Files dropped on the pane come here, where the channel takes files.
  useEffect(() => (rules.attachments ? takeDroppedFiles(conversationId, add) : undefined), [conversationId, rules.attachments, add]);

  const remove = useCallback((key: string) => {
    setFiles((l) => {
      const gone = l.find((f) => f.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return l.filter((f) => f.key !== key);
    });
    setError(null);
  }, []);

  const ready = files.filter((f) => f.status === 'ready').map((f) => f.attachment!.id);
  const uploading = files.some((f) => f.status === 'uploading');
  return { files, error, add, remove, clear, ids: ready, uploading };
}

/** The files of a drop or a paste (clipboard images arrive as files too). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? Array.from(data.files) : [];
}
