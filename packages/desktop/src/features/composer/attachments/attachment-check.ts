import { type ChannelRules, formatBytes, type MediaFile, mediaProblem } from '@parley/protocol';
import type { MessageKey } from '../../i18n/en';

/** A refusal the agent reads before anything is uploaded (the server checks again, from the bytes). */
export interface AttachmentRefusal {
  key: MessageKey;
  params: Record<string, string | number>;
}

/**
 * Whether `adding` can join the files already attached, by the channel's limits (kinds, sizes, files
 * per message, total). A file the browser gives no type for is judged by size alone: the server reads
 * its type from the bytes.
 */
export function checkAttachments(rules: ChannelRules, attached: readonly MediaFile[], adding: readonly MediaFile[]): AttachmentRefusal | null {
  const roomiest = [...rules.media.kinds].sort((a, b) => b.maxBytes - a.maxBytes)[0];
  const typed = (f: MediaFile): MediaFile => (f.mimeType || !roomiest ? f : { ...f, mimeType: roomiest.types[0] ?? '' });
  const p = mediaProblem(rules, [...attached, ...adding].map(typed));
  if (!p) return null;
  switch (p.code) {
    case 'no_attachments':
      return { key: 'attach.none', params: {} };
    case 'too_many':
      return { key: 'attach.tooMany', params: { max: p.maxFiles } };
    case 'type_not_allowed':
      return { key: 'attach.typeNotAllowed', params: { name: p.name } };
    case 'too_large':
      return { key: 'attach.tooLarge', params: { name: p.name, size: formatBytes(p.maxBytes) } };
    case 'total_too_large':
      return { key: 'attach.totalTooLarge', params: { size: formatBytes(p.maxBytes) } };
  }
}

/** A File as the limits see it. */
export const asMediaFile = (f: Pick<File, 'name' | 'type' | 'size'>): MediaFile => ({ name: f.name, mimeType: f.type, size: f.size });
