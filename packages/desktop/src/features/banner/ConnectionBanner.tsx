import { useDesk } from '../../state/store';
import { useT } from '../i18n/i18n';
import { useDeskContext } from '../desk/context';

/** F10: shown while the event stream is down; Refresh retries at once, backoff retries run in the background. */
export function ConnectionBanner() {
  const link = useDesk((s) => s.link);
  const { session } = useDeskContext();
  const t = useT();
  if (link !== 'offline') return null;
  return (
    <div className="banner banner-offline" role="alert" data-testid="connection-banner">
      <span>{t('banner.offline')}</span>
      <button type="button" className="btn btn-small" onClick={() => session.reconnectNow()}>
        {t('banner.refresh')}
      </button>
    </div>
  );
}
