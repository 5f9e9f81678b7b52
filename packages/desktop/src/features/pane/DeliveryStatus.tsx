import type { MessageDto, MessageStatus } from '@parley/protocol';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/en';

const STATUS_KEY: Record<MessageStatus, MessageKey> = {
  pending: 'msg.pending',
  sent: 'msg.sent',
  delivered: 'msg.delivered',
  read: 'msg.read',
  failed: 'msg.failed',
  received: 'msg.received',
};
const TICKS: Record<MessageStatus, string> = { pending: '◷', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!', received: '' };

/**
 * An outbound message's delivery: ticks with an accessible name ("Delivered", "Failed: reason") where
 * the channel reports receipts; elsewhere only "Sending…" and a failure, the states the agent acts on.
 */
export function DeliveryStatus({ m, receipts, onRetry }: { m: MessageDto; receipts: boolean; onRetry: (clientId: string) => void }) {
  const t = useT();
  const failed = m.status === 'failed';
  if (!receipts && m.status !== 'pending' && !failed) return null;
  const label = t(STATUS_KEY[m.status]);
  const name = failed && m.statusReason ? t('msg.failedReason', { reason: m.statusReason }) : label;
  return (
    <>
      <span className="status-text">
        <span className="ticks" role="img" aria-label={name} title={name}>
          {TICKS[m.status]}
        </span>{' '}
        <span aria-hidden="true">{label}</span>
      </span>
      {failed ? (
        <>
          {m.statusReason ? (
            <span className="status-reason" aria-hidden="true">
              {m.statusReason}
            </span>
          ) : null}
          {m.clientId ? (
            <button type="button" className="btn btn-link" onClick={() => onRetry(m.clientId!)}>
              {t('msg.retry')}
            </button>
          ) : null}
        </>
      ) : null}
    </>
  );
}
