import type { ChannelType } from '@parley/protocol';
import { useI18n } from '../i18n/i18n';
import { openDialog } from '../desk/context';
import type { WindowState } from './reply-window';

/** Why replies are restricted now that the channel's customer-service window has passed. */
export function WindowNote({ conversationId, channel, win }: { conversationId: string; channel: ChannelType; win: WindowState }) {
  const { t, lang } = useI18n();
  if (win.phase === 'open') return null;
  const channelName = t(`channel.${channel}`);
  const until = win.until ? new Date(win.until).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }) : '';
  return (
    <div className={`window-note window-${win.phase}`} role="status" data-testid="window-note">
      {win.phase === 'templates' ? (
        <>
          <p>{t('composer.window.templatesOnly', { hours: win.hours, channel: channelName })}</p>
          <button type="button" className="btn btn-small" onClick={() => openDialog('templates', conversationId)}>
            {t('composer.window.chooseTemplate')}
          </button>
        </>
      ) : win.phase === 'human_agent' ? (
        <p>{t('composer.window.humanAgent', { hours: win.hours, until })}</p>
      ) : (
        <p>{t('composer.window.closed', { hours: win.hours, channel: channelName })}</p>
      )}
    </div>
  );
}
