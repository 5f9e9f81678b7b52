import { useCallback, useEffect, useState } from 'react';
import type { AttachmentDto, ChannelRules } from '@parley/protocol';
import { api } from '../../../api/endpoints';
import { observable, useObservable } from '../../../state/external';
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

/**
 * The files attached so far, per conversation: kept while the agent switches tasks (like the text
 * draft), and updated by uploads that finish while another task is shown.
 */
const attached = observable<Readonly<Record<string, readonly DraftFile[]>>>({});
const NONE: readonly DraftFile[] = [];

function update(conversationId: string, change: (files: readonly DraftFile[]) => readonly DraftFile[]): void {
  attached.set((all) => {
    const next = change(all[conversationId] ?? NONE);
    const { [conversationId]: _, ...rest } = all;
    return next.length ? { ...rest, [conversationId]: next } : rest;
  });
}

function revoke(files: readonly DraftFile[]): void {
  for (const f of files) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
}

/** Forgets every conversation's files (signing out). */
export function forgetAttachedFiles(): void {
  for (const files of Object.values(attached.get())) revoke(files);
  attached.set({});
}

let seq = 0;

/**
 * The files the agent is attaching to the next message of a conversation: checked against the channel's
 * limits first (a clear message, nothing uploaded), then uploaded for that conversation. Cleared on send.
 */
export function useAttachments(conversationId: string, rules: ChannelRules) {
  const { t } = useI18n();
  const files = useObservable(attached)[conversationId] ?? NONE;
  const [error, setError] = useState<string | null>(null);

  const clear = useCallback(() => {
    update(conversationId, (l) => {
      revoke(l);
      return NONE;
    });
    setError(null);
  }, [conversationId]);

  const add = useCallback(
    (picked: readonly File[]) => {
      if (picked.length === 0) return;
      const kept = (attached.get()[conversationId] ?? NONE).filter((f) => f.status !== 'failed');
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
      update(conversationId, (l) => {
        revoke(l.filter((f) => f.status === 'failed'));
        return [...l.filter((f) => f.status !== 'failed'), ...drafts];
      });
      const settle = (key: string, patch: Partial<DraftFile>) => update(conversationId, (l) => l.map((f) => (f.key === key ? { ...f, ...patch } : f)));
      drafts.forEach((d, i) => {
        api.upload(picked[i]!, conversationId).then(
          (attachment) => settle(d.key, { status: 'ready', attachment, mimeType: attachment.mimeType }),
          (e: unknown) => {
            settle(d.key, { status: 'failed' });
            setError(t('attach.failed', { name: d.name, message: e instanceof Error ? e.message : String(e) }));
          },
        );
      });
    },
    [conversationId, rules, t],
  );

  // Files dropped on the pane come here, where the channel takes files.
  useEffect(() => (rules.attachments ? takeDroppedFiles(conversationId, add) : undefined), [conversationId, rules.attachments, add]);

  const remove = useCallback(
    (key: string) => {
      update(conversationId, (l) => {
        revoke(l.filter((f) => f.key === key));
        return l.filter((f) => f.key !== key);
      });
      setError(null);
    },
    [conversationId],
  );

  const ids = files.flatMap((f) => (f.status === 'ready' && f.attachment ? [f.attachment.id] : []));
  const uploading = files.some((f) => f.status === 'uploading');
  return { files, error, add, remove, clear, ids, uploading };
}

/** The files of a drop or a paste (clipboard images arrive as files too). */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? Array.from(data.files) : [];
}
