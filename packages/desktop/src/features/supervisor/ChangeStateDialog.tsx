import { useId, useState } from 'react';
import type { LiveAgentRow, SupervisorSetStateBody } from '@parley/protocol';
import { Dialog, DialogActions } from '../../ui/Dialog';
import { formatElapsed } from '../../state/clock';
import { reasonLabel, useI18n } from '../i18n/i18n';
import { useDeskContext } from '../desk/context';
import { agentStateLabel } from './labels';
import { supervisorApi } from './supervisor-api';

interface Props {
  agent: LiveAgentRow;
  skewMs: number;
  onClose: () => void;
  onDone: (message: string) => void;
}

type Target = SupervisorSetStateBody['state'];

/** A supervisor sets an agent's state (e.g. logs out an agent who left), saying why. */
export function ChangeStateDialog({ agent, skewMs, onClose, onDone }: Props) {
  const { t, lang } = useI18n();
  const { config } = useDeskContext();
  const [state, setState] = useState<Target>(agent.state === 'offline' ? 'idle' : 'offline');
  const [idleReasonId, setIdleReasonId] = useState<string>('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { state: useId(), idle: useId(), reason: useId(), reasonError: useId(), current: useId() };
  const missing = reason.trim() === '';
  const current = agentStateLabel(t, lang, config, agent.state, agent.idleReasonId);
  const submit = async () => {
    setTouched(true);
    if (missing) return;
    setBusy(true);
    setError(null);
    try {
      const body: SupervisorSetStateBody = { state, reason: reason.trim(), ...(state === 'idle' && { idleReasonId: idleReasonId || null }) };
      const after = await supervisorApi.setAgentState(agent.id, body);
      onDone(t('sup.state.done', { name: agent.displayName, state: agentStateLabel(t, lang, config, after.state, after.idleReasonId) }));
    } catch (e) {
      setError(t('sup.state.failed', { message: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('sup.state.title', { name: agent.displayName })}
      onClose={onClose}
      describedBy={ids.current}
      footer={<DialogActions cancelLabel={t('sup.state.cancel')} onCancel={onClose} submitLabel={t('sup.state.submit')} onSubmit={() => void submit()} disabled={busy} />}
    >
      <form
        className="sup-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p id={ids.current} className="muted">
          {t('sup.state.current', { state: current, time: formatElapsed(Date.now() + skewMs - agent.stateChangedAt) })}
        </p>
        <label htmlFor={ids.state}>{t('sup.state.new')}</label>
        <select id={ids.state} className="select" value={state} onChange={(e) => setState(e.target.value as Target)}>
          <option value="offline">{t('state.offline')}</option>
          <option value="idle">{t('state.idle')}</option>
          <option value="available">{t('state.available')}</option>
        </select>
        {state === 'idle' ? (
          <>
            <label htmlFor={ids.idle}>{t('sup.state.idleReason')}</label>
            <select id={ids.idle} className="select" value={idleReasonId} onChange={(e) => setIdleReasonId(e.target.value)}>
              <option value="">{t('sup.state.noIdleReason')}</option>
              {config.idleReasons.map((r) => (
                <option key={r.id} value={r.id}>
                  {reasonLabel(lang, r)}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label htmlFor={ids.reason}>{t('sup.state.reason')}</label>
        <textarea
          id={ids.reason}
          className="input"
          rows={3}
          maxLength={500}
          required
          value={reason}
          aria-invalid={touched && missing}
          aria-describedby={touched && missing ? ids.reasonError : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {touched && missing ? (
          <p id={ids.reasonError} className="error-text">
            {t('sup.state.reasonRequired')}
          </p>
        ) : null}
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
