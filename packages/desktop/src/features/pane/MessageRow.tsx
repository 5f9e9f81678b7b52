import { memo } from 'react';
import type { ChannelType, MessageDto, MessageStatus } from '@parley/protocol';
import { useT, type Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';
import { initials } from './text';
import { RichText } from './RichText';

const STATUS_KEY: Record<MessageStatus, MessageKey> = {
  pending: 'msg.pending',
  sent: 'msg.sent',
  delivered: 'msg.delivered',
  read: 'msg.read',
  failed: 'msg.failed',
  received: 'msg.received',
};
const STATUS_ICON: Record<MessageStatus, string> = { pending: '◷', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!', received: '' };

function noticeText(m: MessageDto, t: Translate): string {
  const n = m.notice;
  if (!n) return m.text;
  const agent = n.agentName ?? t('notice.someone');
  return t(`notice.${n.code}`, { agent, target: n.queueName ?? n.agentName ?? '', detail: n.detail ?? '' });
}

function time(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

interface Props {
  m: MessageDto;
  channel: ChannelType;
  customerName: string;
  meId: string | undefined;
  markup: boolean;
  onRetry: (clientId: string) => void;
}

/** One thread row: grey customer bubble with initials, solid blue agent bubble, inline system notice. */
export const MessageRow = memo(function MessageRow({ m, channel, customerName, meId, markup, onRetry }: Props) {
  const t = useT();
  if (m.authorType === 'system' || m.notice) {
    return (
      <div className="notice" data-kind="notice">
        <span>{noticeText(m, t)}</span> <time dateTime={new Date(m.createdAt).toISOString()}>{time(m.createdAt)}</time>
      </div>
    );
  }
  const stamp = (
    <time dateTime={new Date(m.createdAt).toISOString()} title={new Date(m.createdAt).toLocaleString()}>
      {time(m.createdAt)}
    </time>
  );
  const attachments = m.attachments.length ? (
    <ul className="attachments">
      {m.attachments.map((a) => (
        <li key={a.id}>
          <a href={a.url} target="_blank" rel="noreferrer">
            {a.name}
          </a>
        </li>
      ))}
    </ul>
  ) : null;
  if (m.authorType === 'customer') {
    const name = m.authorName || customerName;
    return (
      <div className="msg msg-in" data-kind="customer">
        <span className="avatar" title={name} aria-hidden="true">
          {channel === 'whatsapp' ? 'C' : initials(name)}
        </span>
        <div className="bubble bubble-in">
          <span className="sr-only">{name}: </span>
          <p className="msg-text">
            <RichText text={m.text} markup={markup} />
          </p>
          {attachments}
          <span className="msg-meta">{stamp}</span>
        </div>
      </div>
    );
  }
  const mine = m.authorId === meId;
  return (
    <div className="msg msg-out" data-kind="agent" data-status={m.status}>
      <div className="bubble bubble-out">
        {!mine ? <span className="msg-author">{m.authorName}</span> : <span className="sr-only">{t('msg.you')}: </span>}
        <p className="msg-text">
          <RichText text={m.text} markup={markup} />
        </p>
        {attachments}
      </div>
      <div className={`msg-status status-${m.status}`}>
        {stamp}
        <span className="status-text">
          <span aria-hidden="true">{STATUS_ICON[m.status]} </span>
          {t(STATUS_KEY[m.status])}
        </span>
        {m.status === 'failed' ? (
          <>
            {m.statusReason ? <span className="status-reason">{m.statusReason}</span> : null}
            {m.clientId ? (
              <button type="button" className="btn btn-link" onClick={() => onRetry(m.clientId!)}>
                {t('msg.retry')}
              </button>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
});
