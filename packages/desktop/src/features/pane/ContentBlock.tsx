import type { MessageContent } from '@parley/protocol';
import { useT } from '../i18n/i18n';
import { mapUrl, safeHref } from './media';

/** Content kinds whose readable form is the message text plus its attachments (captions, bodies). */
const SHOWN_AS_TEXT = new Set<MessageContent['type']>(['text', 'image', 'video', 'audio', 'document']);

/** True when the message's text (and attachments) already say everything its content carries. */
export function contentIsText(content: MessageContent | null | undefined): boolean {
  return !content || SHOWN_AS_TEXT.has(content.type);
}

/** A customer's structured message (location, contacts, a chosen reply, a link…) in readable form. */
export function ContentBlock({ content, hasAttachments }: { content: MessageContent; hasAttachments: boolean }) {
  const t = useT();
  switch (content.type) {
    case 'location':
      return (
        <div className="content content-location">
          <span className="content-label">📍 {t('content.location')}</span>
          {content.name ? <strong className="content-title">{content.name}</strong> : null}
          {content.address ? <span>{content.address}</span> : null}
          <a href={mapUrl(content)} target="_blank" rel="noreferrer">
            {t('content.openMap')}
          </a>
        </div>
      );
    case 'contacts':
      return (
        <div className="content content-contacts">
          <span className="content-label">{t('content.contacts', { count: content.contacts.length })}</span>
          <ul>
            {content.contacts.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a message's contact list never reorders
              <li key={i}>
                <strong className="content-title">{p.name}</strong>
                {p.org ? <span> · {p.org}</span> : null}
                {p.phones.map((ph) => (
                  <span key={ph.phone} className="content-line">
                    {ph.phone}
                    {ph.type ? ` (${ph.type})` : ''}
                  </span>
                ))}
                {p.emails.map((e) => (
                  <span key={e} className="content-line">
                    {e}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </div>
      );
    case 'interactive_reply':
      return <p className="content content-reply">{t('content.reply', { title: content.title })}</p>;
    case 'button':
      return <p className="content content-reply">{t('content.reply', { title: content.text })}</p>;
    case 'postback':
      return <p className="content content-reply">{t('content.reply', { title: content.title })}</p>;
    case 'quick_reply':
      return <p className="content content-reply">{t('content.quickReply', { payload: content.payload })}</p>;
    case 'order':
      return <p className="content content-order">{t('content.order', { count: content.items.length })}</p>;
    case 'link': {
      const href = safeHref(content.url);
      return (
        <div className="content content-link">
          <span className="content-label">{t('content.link')}</span>
          {href ? (
            <a href={href} target="_blank" rel="noreferrer">
              {content.title || href}
            </a>
          ) : (
            <span>{content.title || content.url}</span>
          )}
        </div>
      );
    }
    case 'sticker':
      // The sticker's image, when fetched, is an attachment shown below.
      return hasAttachments ? null : <p className="content muted">{t('content.sticker')}</p>;
    case 'unsupported':
      return <p className="content content-unsupported muted">{t('content.unsupported', { reason: content.reason })}</p>;
    default:
      return null;
  }
}
