/**
 * What files a channel carries, per media kind, with the provider's own limits (SPEC F8, issue 10).
 * One pure check, used by the server on upload and on send, and by the Desktop before uploading.
 */

const MB = 1024 * 1024;

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker' | 'file';

export interface MediaKindRule {
  kind: MediaKind;
  /** Content types of this kind (as detected from the bytes, never from the name). */
  types: readonly string[];
  maxBytes: number;
}

export interface MediaRules {
  /** The first kind whose `types` holds a file's type decides its limit; a type in none is refused. */
  kinds: readonly MediaKindRule[];
  /** Files per message. */
  maxFiles: number;
  /** All files of one message together (Twilio MMS: 5 MB); null: no total beyond the per-file limit. */
  maxTotalBytes: number | null;
}

/** Every type Parley stores: images, documents, plain text, audio and video. Never HTML, SVG or script. */
export const ACCEPTED_MEDIA_TYPES: readonly string[] = [
  'image/png', 'image/jpeg', 'image/gif', 'image/webp',
  'application/pdf', 'text/plain', 'text/csv',
  'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip', 'audio/mpeg', 'audio/ogg',
  // What customers send from phones (WhatsApp voice notes, MMS, Messenger clips).
  'audio/aac', 'audio/amr', 'audio/mp4', 'audio/wav', 'video/mp4', 'video/3gpp', 'video/quicktime',
  // An email's original as received (served as a download, never rendered).
  'message/rfc822',
];

/** Web chat and email: any accepted type; only the channel's `maxAttachmentBytes` limits a file (configurable). */
export const ANY_ACCEPTED_MEDIA: MediaRules = {
  kinds: [{ kind: 'file', types: ACCEPTED_MEDIA_TYPES, maxBytes: Number.MAX_SAFE_INTEGER }],
  maxFiles: 10,
  maxTotalBytes: null,
};

/**
 * WhatsApp Cloud API media (developers.facebook.com/docs/whatsapp/cloud-api/reference/media,
 * "Supported media types"; wire-formats §2.6): image 5 MB JPEG/PNG, video 16 MB MP4/3GPP, audio 16 MB,
 * document 100 MB, sticker WebP 500 KB (animated; static 100 KB).
 */
export const WHATSAPP_MEDIA: MediaRules = {
  kinds: [
    { kind: 'image', types: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
    { kind: 'video', types: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
    { kind: 'audio', types: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB },
    { kind: 'sticker', types: ['image/webp'], maxBytes: 500 * 1024 },
    {
      kind: 'document',
      types: [
        'text/plain', 'application/pdf', 'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'application/vnd.ms-powerpoint', 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      ],
      maxBytes: 100 * MB,
    },
  ],
  maxFiles: 10,
  maxTotalBytes: null,
};

/**
 * Messenger Send API attachments: image, video, audio or file, up to 25 MB each (Send API reference,
 * "Attachment Upload API"; wire-formats §1.4).
 */
export const MESSENGER_MEDIA: MediaRules = {
  kinds: [
    { kind: 'image', types: ['image/jpeg', 'image/png', 'image/gif'], maxBytes: 25 * MB },
    { kind: 'video', types: ['video/mp4', 'video/quicktime', 'video/3gpp'], maxBytes: 25 * MB },
    { kind: 'audio', types: ['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/wav', 'audio/ogg'], maxBytes: 25 * MB },
    { kind: 'file', types: ['application/pdf', 'text/plain', 'text/csv', 'application/zip', 'application/msword', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], maxBytes: 25 * MB },
  ],
  maxFiles: 10,
  maxTotalBytes: null,
};

/**
 * Twilio MMS ("Accepted content types for media", twilio.com/docs/sms/accepted-mime-types): at most
 * 10 `MediaUrl`s and 5 MB for the message and its media together. JPEG, PNG and GIF are resized for the
 * handset; the other types go as they are. MMS exists on US and Canadian numbers only, so SMS entry
 * points take no files unless the config file turns `channels.sms.attachments` on.
 */
export const MMS_MEDIA: MediaRules = {
  kinds: [
    { kind: 'image', types: ['image/jpeg', 'image/png', 'image/gif'], maxBytes: 5 * MB },
    { kind: 'video', types: ['video/mp4', 'video/3gpp', 'video/quicktime'], maxBytes: 5 * MB },
    { kind: 'audio', types: ['audio/mpeg', 'audio/mp4', 'audio/amr', 'audio/ogg', 'audio/wav'], maxBytes: 5 * MB },
    { kind: 'document', types: ['application/pdf', 'text/plain'], maxBytes: 5 * MB },
  ],
  maxFiles: 10,
  maxTotalBytes: 5 * MB,
};

/** Why a set of files can't go on a channel; the Desktop and the server word it from these fields. */
export type MediaProblem =
  | { code: 'no_attachments' }
  | { code: 'too_many'; maxFiles: number }
  | { code: 'type_not_allowed'; name: string; mimeType: string }
  | { code: 'too_large'; name: string; maxBytes: number }
  | { code: 'total_too_large'; maxBytes: number };

export interface MediaFile {
  name: string;
  mimeType: string;
  size: number;
}

/** The rule a type falls under on a channel, or undefined when the channel doesn't carry it. */
export function mediaKindRule(media: MediaRules, mimeType: string): MediaKindRule | undefined {
  const mime = mimeType.toLowerCase().split(';')[0]!.trim();
  return media.kinds.find((k) => k.types.includes(mime));
}

/**
 * The first problem with sending `files` on a channel, or null. `maxAttachmentBytes` caps every kind
 * (the server's per-file limit, 25 MB by default, or a channel's own from the config file).
 */
export function mediaProblem(rules: { attachments: boolean; maxAttachmentBytes: number; media: MediaRules }, files: readonly MediaFile[]): MediaProblem | null {
  if (files.length === 0) return null;
  if (!rules.attachments) return { code: 'no_attachments' };
  if (files.length > rules.media.maxFiles) return { code: 'too_many', maxFiles: rules.media.maxFiles };
  for (const f of files) {
    const kind = mediaKindRule(rules.media, f.mimeType);
    if (!kind) return { code: 'type_not_allowed', name: f.name, mimeType: f.mimeType };
    const maxBytes = Math.min(kind.maxBytes, rules.maxAttachmentBytes);
    if (f.size > maxBytes) return { code: 'too_large', name: f.name, maxBytes };
  }
  const total = files.reduce((n, f) => n + f.size, 0);
  if (rules.media.maxTotalBytes !== null && total > rules.media.maxTotalBytes) return { code: 'total_too_large', maxBytes: rules.media.maxTotalBytes };
  return null;
}

/** A size for people: `5 MB`, `500 KB`. */
export function formatBytes(n: number): string {
  if (n >= MB) return `${Math.round((n / MB) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** The problem in English (the server's error message; the Desktop words it in the agent's language). */
export function mediaProblemText(p: MediaProblem, channel: string): string {
  switch (p.code) {
    case 'no_attachments':
      return `${channel} takes no attachments`;
    case 'too_many':
      return `At most ${p.maxFiles} files per message on ${channel}`;
    case 'type_not_allowed':
      return `${p.name}: files of type ${p.mimeType} can't be sent on ${channel}`;
    case 'too_large':
      return `${p.name} is larger than ${formatBytes(p.maxBytes)}, the limit for this kind of file on ${channel}`;
    case 'total_too_large':
      return `The files of one message can be at most ${formatBytes(p.maxBytes)} together on ${channel}`;
  }
}
