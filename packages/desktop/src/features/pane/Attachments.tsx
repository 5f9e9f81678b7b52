import type { AttachmentDto } from '@parley/protocol';
import { mediaKind } from './media';

/** Attachment previews: images inline (alt = file name), video and audio playable, other files downloadable. */
export function Attachments({ items }: { items: AttachmentDto[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="attachments">
      {items.map((a) => {
        const kind = mediaKind(a);
        return (
          <li key={a.id} className={`attachment attachment-${kind}`}>
            {kind === 'image' ? (
              <a href={a.url} target="_blank" rel="noreferrer">
                <img src={a.url} alt={a.name} loading="lazy" className="media-image" />
              </a>
            ) : kind === 'video' ? (
              // biome-ignore lint/a11y/useMediaCaption: customer media comes without captions
              <video src={a.url} controls preload="metadata" className="media-video" aria-label={a.name} />
            ) : kind === 'audio' ? (
              // biome-ignore lint/a11y/useMediaCaption: customer media comes without captions
              <audio src={a.url} controls preload="metadata" aria-label={a.name} />
            ) : (
              <a href={a.url} download={a.name} target="_blank" rel="noreferrer">
                {a.name}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
