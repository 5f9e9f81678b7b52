import type { MediaRef, MessageContent } from '../pipeline/inbound-events';
import { type JsonRecord, compact, id, list, nonEmpty, num, rec } from '../pipeline/read';

export interface ParsedAttachments {
  /** The content of the first attachment that maps to one (a sticker wins over its duplicate image). */
  content: MessageContent | undefined;
  media: MediaRef[];
}

const MEDIA: Record<string, 'image' | 'video' | 'audio' | 'document'> = { image: 'image', video: 'video', audio: 'audio', file: 'document' };
/** Shared posts and reels arrive as links to Meta content. */
const LINK_TYPES = new Set(['fallback', 'reel', 'ig_reel', 'post', 'ig_post', 'share', 'story_mention', 'ig_story']);

/**
 * Messenger/Instagram `message.attachments[]` (wire-formats §1.2). Until 2026-08-30 a sticker can
 * arrive both as `sticker` and as an `image` with `sticker_id`: they collapse into one sticker, and
 * media URLs are listed once.
 */
export function parseAttachments(raw: unknown): ParsedAttachments {
  const attachments = list(raw).map((a) => rec(a));
  const media: MediaRef[] = [];
  const seen = new Set<string>();
  const addUrl = (url: string | undefined) => {
    if (!url || seen.has(url)) return;
    seen.add(url);
    media.push({ kind: 'url', url, auth: 'none' });
  };
  const sticker = attachments.find((a) => a.type === 'sticker' || rec(a.payload).sticker_id !== undefined);
  let content: MessageContent | undefined = sticker ? compact({ type: 'sticker' as const, stickerId: id(rec(sticker.payload).sticker_id) }) : undefined;
  for (const a of attachments) {
    const type = nonEmpty(a.type) ?? '';
    const payload = rec(a.payload);
    const url = nonEmpty(payload.url);
    const kind = MEDIA[type];
    if (kind || type === 'sticker') addUrl(url);
    content ??= attachmentContent(type, kind, a, payload);
  }
  return { content, media };
}

function attachmentContent(type: string, kind: string | undefined, a: JsonRecord, payload: JsonRecord): MessageContent {
  if (kind === 'audio') return { type: 'audio', voice: false };
  if (kind === 'document') return compact({ type: 'document', filename: nonEmpty(payload.title) ?? nonEmpty(a.title) });
  if (kind === 'image' || kind === 'video') return { type: kind };
  if (type === 'location') {
    const c = rec(payload.coordinates);
    const latitude = num(c.lat);
    const longitude = num(c.long);
    if (latitude !== undefined && longitude !== undefined) {
      const name = nonEmpty(a.title) ?? nonEmpty(payload.title);
      return compact({ type: 'location', latitude, longitude, name, url: nonEmpty(a.url) ?? nonEmpty(payload.url) });
    }
    return { type: 'unsupported', reason: 'location without coordinates' };
  }
  if (LINK_TYPES.has(type)) {
    return compact({ type: 'link', kind: type, url: nonEmpty(payload.url) ?? nonEmpty(a.url), title: nonEmpty(payload.title) ?? nonEmpty(a.title) });
  }
  return compact({ type: 'unsupported', reason: `attachment type "${type || '(none)'}" is not supported`, code: type || undefined });
}
