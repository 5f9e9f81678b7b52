import type { AttachmentDto } from '@parley/protocol';

export type MediaKind = 'image' | 'video' | 'audio' | 'file';

/** How an attachment is previewed: images inline, video and audio with native controls, the rest as a download. */
export function mediaKind(a: Pick<AttachmentDto, 'mimeType'>): MediaKind {
  const top = a.mimeType.split('/')[0]?.toLowerCase();
  return top === 'image' || top === 'video' || top === 'audio' ? top : 'file';
}

/** A map link for a shared location: the provider's own URL when it gave one, else OpenStreetMap. */
export function mapUrl(loc: { latitude: number; longitude: number; url?: string }): string {
  if (loc.url && /^https?:\/\//i.test(loc.url)) return loc.url;
  const lat = loc.latitude.toFixed(6);
  const lon = loc.longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}

/** Only web links are clickable (a provider's `javascript:` or `data:` URL is shown as text). */
export function safeHref(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}
