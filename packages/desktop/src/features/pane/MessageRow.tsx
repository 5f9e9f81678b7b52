import { memo, type ReactNode } from 'react';
import type { ChannelRules, MessageDto } from '@parley/protocol';
import { useT, type Translate } from '../i18n/i18n';
import { initials } from './text';
import { RichText } from './RichText';
import { Formatted } from './Formatted';
import { Attachments } from './Attachments';
import { ContentBlock, contentIsText } from './ContentBlock';
import { DeliveryStatus } from './DeliveryStatus';
import { Reactions } from './Reactions';

function noticeText(m: MessageDto, t: Translate): string {
  const n = m.notice;
  if (!n) return m.text;
  const agent = n.agentName ?? t('notice.someone');
  return t(`notice.${n.code}`, { agent, target: n.queueName ?? n.agentName ?? '', detail: n.detail ?? '' });
}

function time(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function Stamp({ at }: { at: number }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString()}>
      {time(at)}
    </time>
  );
}

/** The avatar of customer bubbles, as the channel's rules say: the customer's initials or a fixed letter. */
export function customerAvatar(rules: Pick<ChannelRules, 'customerAvatar'>, name: string): string {
  return rules.customerAvatar.kind === 'letter' ? rules.customerAvatar.letter : initials(name);
}

/** What a bubble holds: a quoted reply, the text or structured content, attachments. */
function Body({ m, markup }: { m: MessageDto; markup: boolean }) {
  // An agent's reply is in the authoring format: shown formatted (the customer gets the channel's rendering).
  const authored = m.authorType === 'agent' && !m.external;
  const t = useT();
  const asText = contentIsText(m.content);
  return (
    <>
      {m.forwarded ? <span className="msg-label msg-forwarded">↪ {t('msg.forwarded')}</span> : null}
      {m.replyTo ? (
        <blockquote className="msg-quote">
          <span className="sr-only">{t('msg.replyTo')}: </span>
          {m.replyTo.text}
        </blockquote>
      ) : null}
      {asText || !m.content ? (
        m.text ? (
          authored ? (
            <div className="msg-text">
              <Formatted text={m.text} />
            </div>
          ) : (
            <p className="msg-text">
              <RichText text={m.text} markup={markup} />
            </p>
          )
        ) : null
      ) : (
        <ContentBlock content={m.content} hasAttachments={m.attachments.length > 0} />
      )}
      <Attachments items={m.attachments} />
    </>
  );
}

interface Props {
  m: MessageDto;
  rules: ChannelRules;
  customerName: string;
  meId: string | undefined;
  onRetry: (clientId: string) => void;
}

/** One thread row: grey customer bubble with its avatar, solid blue agent bubble, inline system notice. */
export const MessageRow = memo(function MessageRow({ m, rules, customerName, meId, onRetry }: Props) {
  const t = useT();
  if (m.authorType === 'system' || m.notice) {
    return (
      <div className="notice" data-kind="notice">
        <span>{noticeText(m, t)}</span> <Stamp at={m.createdAt} />
      </div>
    );
  }
  const markup = rules.richFormatting === 'whatsapp';
  const stamp: ReactNode = rules.messageTimestamps ? <Stamp at={m.createdAt} /> : null;
  if (m.authorType === 'customer') {
    const name = m.authorName || customerName;
    return (
      <div className="msg msg-in" data-kind="customer">
        <span className="avatar" title={name} aria-hidden="true">
          {customerAvatar(rules, name)}
        </span>
        <div className="msg-col">
          <div className="bubble bubble-in">
            <span className="sr-only">{name}: </span>
            <Body m={m} markup={markup} />
            {stamp ? <span className="msg-meta">{stamp}</span> : null}
          </div>
          <Reactions items={m.reactions} />
        </div>
      </div>
    );
  }
  const mine = m.authorId === meId && !m.external;
  return (
    <div className="msg msg-out" data-kind="agent" data-status={m.status} data-external={m.external ? 'true' : undefined}>
      <div className="bubble bubble-out">
        {m.external ? (
          <span className="msg-author msg-external">{t('msg.external')}</span>
        ) : !mine ? (
          <span className="msg-author">{m.authorName}</span>
        ) : (
          <span className="sr-only">{t('msg.you')}: </span>
        )}
        <Body m={m} markup={markup} />
      </div>
      <Reactions items={m.reactions} />
      <div className={`msg-status status-${m.status}`}>
        {stamp}
        <DeliveryStatus m={m} receipts={rules.deliveryReceipts} onRetry={onRetry} />
      </div>
    </div>
  );
});
