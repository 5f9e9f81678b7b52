import { Dialog } from '../../ui/Dialog';
import { useT } from '../i18n/i18n';
import { closeDialog } from '../desk/context';
import { SHORTCUTS } from '../shortcuts/keymap';

export default function HelpDialog() {
  const t = useT();
  return (
    <Dialog
      title={t('help.title')}
      onClose={closeDialog}
      className="dialog-help"
      scrollableBody
      footer={
        <button type="button" className="btn btn-primary" onClick={closeDialog}>
          {t('dialog.close')}
        </button>
      }
    >
      <table className="shortcut-table">
        <thead>
          <tr>
            <th scope="col">{t('help.keys')}</th>
            <th scope="col">{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{t(s.action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
