import { useDesk } from '../../state/store';
import { GearIcon } from '../../ui/icons';
import { useT } from '../i18n/i18n';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { StateSelector } from '../agent-state/StateSelector';
import { openDialog, useDeskContext } from './context';
import { AreaNav } from '../shell/AreaNav';

export function TopBar() {
  const me = useDesk((s) => s.me);
  const { signOut } = useDeskContext();
  const t = useT();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Parley</span>
      </div>
      <StateSelector />
      <AreaNav />
      <div className="topbar-right">
        <span className="me-name">{me?.displayName}</span>
        <LanguageSelect />
        <button type="button" className="btn btn-icon" aria-label={t('top.settings')} title={t('top.settings')} onClick={() => openDialog('settings')}>
          <GearIcon />
        </button>
        <button type="button" className="btn btn-icon" aria-label={t('top.help')} title={t('top.help')} aria-keyshortcuts="?" onClick={() => openDialog('help')}>
          ?
        </button>
        <button type="button" className="btn btn-ghost" onClick={signOut}>
          {t('top.signOut')}
        </button>
      </div>
    </header>
  );
}
