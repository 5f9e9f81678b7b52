import { Dialog } from '../../ui/Dialog';
import { useObservable } from '../../state/external';
import { useT } from '../i18n/i18n';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { closeDialog } from '../desk/context';
import { notifySettings, type NotifySettings } from '../notifications/settings';
import { requestNotificationPermission } from '../notifications/notifier';

/** Notification switches (remembered in localStorage) and the language. */
export default function SettingsDialog() {
  const s = useObservable(notifySettings);
  const t = useT();
  const set = (k: keyof NotifySettings, v: boolean) => {
    notifySettings.set({ ...s, [k]: v });
    if (k === 'desktop' && v) requestNotificationPermission();
  };
  const denied = 'Notification' in window && Notification.permission === 'denied';
  return (
    <Dialog
      title={t('settings.title')}
      onClose={closeDialog}
      className="dialog-settings"
      footer={
        <button type="button" className="btn btn-primary" onClick={closeDialog}>
          {t('dialog.close')}
        </button>
      }
    >
      <div className="settings-list">
        <label className="check">
          <input type="checkbox" checked={s.desktop} onChange={(e) => set('desktop', e.target.checked)} />
          {t('settings.desktop')}
        </label>
        {denied && s.desktop ? <p className="hint">{t('settings.denied')}</p> : null}
        <label className="check">
          <input type="checkbox" checked={s.sound} onChange={(e) => set('sound', e.target.checked)} />
          {t('settings.sound')}
        </label>
        <label className="check">
          <input type="checkbox" checked={s.toast} onChange={(e) => set('toast', e.target.checked)} />
          {t('settings.toast')}
        </label>
        <div className="check">
          <span>{t('top.language')}</span> <LanguageSelect />
        </div>
      </div>
    </Dialog>
  );
}
