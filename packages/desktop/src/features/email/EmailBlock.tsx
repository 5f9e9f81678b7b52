import { useState } from 'react';
import type { MessageDto } from '@parley/protocol';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { Attachments } from '../pane/Attachments';
import { EmailFrame } from './EmailFrame';
import { formatMailbox } from './forward';

const STATUS: Record<MessageDto['status'], MessageKey> = {
  pending: 'msg.pending',
  sent: 'msg.sent',
  delivered: 'msg.delivered',
  read: 'msg.read',
  failed: 'email.failed',
  received: 'msg.received',
};

const origin = () => (typeof window === 'undefined' ? '' : window.location.origin);

/**
 * One email of the thread: envelope, status, attachments, body (HTML sandboxed, else text) and its
 * quoted history. Whether its remote images are shown is the thread's (it outlives this block).
 */
export function EmailBlock({ m, isNew = false, imagesShown, onShowImages }: { m: MessageDto; isNew?: boolean; imagesShown: boolean; onShowImages: (id: string) => void }) {
  const { t, lang } = useI18n();
  const [quoted, setQuoted] = useState(false);
  const e = m.email;
  const subject = e?.subject ?? '';
  const status = m.status === 'failed' && m.statusReason ? t('email.failedReason', { reason: m.statusReason }) : t(STATUS[m.status]);
  const when = new Date(m.createdAt);
  return (
    <article className={`email-block${isNew ? ' email-new' : ''}`} aria-label={subject || t('email.noSubject')} data-new={isNew ? 'true' : undefined} data-message={m.id}>
      <header className="email-envelope">
        <h3 className="email-subject">{subject || t('email.noSubject')}</h3>
        <dl className="email-fields">
          {e ? (
            <>
              <div>
                <dt>{t('email.from')}</dt>
                <dd>{formatMailbox(e.from)}</dd>
              </div>
              <div>
                <dt>{t('email.to')}</dt>
                <dd>{e.to.map(formatMailbox).join(', ')}</dd>
              </div>
              {e.cc.length ? (
                <div>
                  <dt>{t('email.cc')}</dt>
                  <dd>{e.cc.map(formatMailbox).join(', ')}</dd>
                </div>
              ) : null}
            </>
          ) : null}
          <div>
            <dt>{t('email.date')}</dt>
            <dd>
              <time dateTime={when.toISOString()}>{when.toLocaleString(lang)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('email.status')}</dt>
            <dd className={`email-status status-${m.status}`} data-testid="email-status">
              {status}
            </dd>
          </div>
        </dl>
      </header>
      {e?.remoteImagesBlocked && e.html ? (
        <p className="email-images">
          {imagesShown ? (
            <span role="status">{t('email.imagesShown')}</span>
          ) : (
            <button type="button" className="btn btn-link" onClick={() => onShowImages(m.id)}>
              {t('email.showImages')}
            </button>
          )}
        </p>
      ) : null}
      {e?.html ? <EmailFrame html={e.html} title={t('email.body', { subject })} origin={origin()} remoteImages={imagesShown} /> : <pre className="email-text">{m.text}</pre>}
      <Attachments items={m.attachments} />
      {e?.quoted ? (
        <>
          <button type="button" className="btn btn-link email-quoted-toggle" aria-expanded={quoted} aria-label={t(quoted ? 'email.hideQuoted' : 'email.showQuoted')} onClick={() => setQuoted((q) => !q)}>
            …
          </button>
          {quoted ? <pre className="email-quoted">{e.quoted}</pre> : null}
        </>
      ) : null}
    </article>
  );
}
