import type { ChannelRules, ChannelType } from '@parley/protocol';
import { envNumber } from '../config/env-number';

/** The server's own caps over every channel's (docs/configuration.md): per file and files per message. */
export interface AttachmentLimits {
  maxFileBytes: number;
  maxFiles: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxFileBytes: 25 * 1024 * 1024, maxFiles: 10 };

/** `PARLEY_MAX_ATTACHMENT_BYTES`, `PARLEY_MAX_ATTACHMENTS` over the defaults; a malformed value stops the start. */
export function attachmentLimitsFromEnv(env: NodeJS.ProcessEnv): AttachmentLimits {
  const d = DEFAULT_ATTACHMENT_LIMITS;
  return {
    maxFileBytes: envNumber(env, 'PARLEY_MAX_ATTACHMENT_BYTES', { min: 1024, integer: true }) ?? d.maxFileBytes,
    maxFiles: envNumber(env, 'PARLEY_MAX_ATTACHMENTS', { min: 1, integer: true }) ?? d.maxFiles,
  };
}

/** Caps each channel's per-file size and files per message at the server's limits (in place). */
export function capChannelAttachments(rules: Record<ChannelType, ChannelRules>, limits: AttachmentLimits): void {
  for (const r of Object.values(rules)) {
    r.maxAttachmentBytes = Math.min(r.maxAttachmentBytes, limits.maxFileBytes);
    r.media = { ...r.media, maxFiles: Math.min(r.media.maxFiles, limits.maxFiles) };
  }
}
