import { useId, useState } from 'react';
import { useDesk } from '../../state/store';
import { reasonLabel, useI18n } from '../i18n/i18n';
import { useDeskContext } from '../desk/context';

export const STATE_SELECT_ID = 'agent-state-select';

/** Available, Idle with each admin reason, and RONA (red, set by the system; leave it by choosing Available). */
export function StateSelector() {
  const me = useDesk((s) => s.me);
  const { config, session } = useDeskContext();
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  if (!me) return null;
  const value =
    me.state === 'available' ? 'available' : me.state === 'idle' ? (me.idleReasonId ? `idle:${me.idleReasonId}` : 'idle') : me.state;
  const change = async (v: string) => {
    setBusy(true);
    setError(null);
    try {
      await session.setState(v);
    } catch (e) {
      setError(t('state.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  const rona = me.state === 'rona';
  return (
    <div className={`state-selector state-${me.state}`}>
      <span className={`dot dot-${me.state}`} aria-hidden="true" />
      <label htmlFor={STATE_SELECT_ID} className="sr-only">
        {t('state.label')}
      </label>
      <select
        id={STATE_SELECT_ID}
        value={value}
        disabled={busy}
        aria-describedby={rona ? hintId : undefined}
        className={`select state-select ${rona ? 'is-rona' : ''}`}
        onChange={(e) => void change(e.target.value)}
      >
        <option value="available">{t('state.available')}</option>
        {value === 'idle' || config.idleReasons.length === 0 ? <option value="idle">{t('state.idle')}</option> : null}
        {config.idleReasons.map((r) => (
          <option key={r.id} value={`idle:${r.id}`}>
            {t('state.idleReason', { reason: reasonLabel(lang, r) })}
          </option>
        ))}
        {rona ? (
          <option value="rona" disabled>
            {t('state.rona')}
          </option>
        ) : null}
        {me.state === 'offline' ? (
          <option value="offline" disabled>
            {t('state.offline')}
          </option>
        ) : null}
      </select>
      {rona ? (
        <span id={hintId} className="rona-hint" role="status">
          {t('state.ronaHint')}
        </span>
      ) : null}
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
