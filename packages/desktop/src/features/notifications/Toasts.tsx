import { useObservable } from '../../state/external';
import { useT } from '../i18n/i18n';
import { dismissToast, toasts } from './toasts';

export function Toasts({ onOpen }: { onOpen: (conversationId: string) => void }) {
  const list = useObservable(toasts);
  const t = useT();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {list.map((x) => (
        <div key={x.id} className={`toast toast-${x.kind}`}>
          {x.conversationId ? (
            <button
              type="button"
              className="toast-text"
              onClick={() => {
                onOpen(x.conversationId!);
                dismissToast(x.id);
              }}
            >
              {x.text}
            </button>
          ) : (
            <span className="toast-text">{x.text}</span>
          )}
          <button type="button" className="toast-close" aria-label={t('dialog.close')} onClick={() => dismissToast(x.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
