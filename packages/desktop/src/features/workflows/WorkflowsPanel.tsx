import './workflows.css';
import { useCallback, useEffect, useState } from 'react';
import { MAX_WORKFLOW_INPUT_CHARS, type ConversationWorkflows, type WorkflowRunDto } from '@parley/protocol';
import { useDesk } from '../../state/store';
import { mergeRuns } from '../../state/workflow-runs';
import { api } from '../../api/endpoints';
import { useI18n } from '../i18n/i18n';
import { useWorkflowsOpen } from './open-panels';
import { RunItem } from './RunItem';

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The workflows this conversation's queue may run, each a button, and the runs so far (newest
 * first). A run shows "Running…" at once; its outcome arrives on the event stream.
 */
export function WorkflowsPanel({ conversationId }: { conversationId: string }) {
  const open = useWorkflowsOpen(conversationId);
  if (!open) return null;
  return <Panel conversationId={conversationId} />;
}

function Panel({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const live = useDesk((s) => s.workflowRuns[conversationId]);
  const [data, setData] = useState<ConversationWorkflows | null>(null);
  const [started, setStarted] = useState<WorkflowRunDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  /** What the agent typed for each workflow that takes input. */
  const [inputs, setInputs] = useState<Record<string, string>>({});

  useEffect(() => {
    let current = true;
    api.workflows(conversationId).then(
      (d) => current && setData(d),
      (e: unknown) => current && setError(t('workflows.loadFailed', { message: errorText(e) })),
    );
    return () => {
      current = false;
    };
  }, [conversationId, t]);

  const run = useCallback(
    async (workflowId: string) => {
      setBusy(workflowId);
      setError(null);
      try {
        const r = await api.runWorkflow(conversationId, workflowId, inputs[workflowId]?.trim() || undefined);
        setStarted((s) => [r, ...s]);
        setInputs(({ [workflowId]: _sent, ...rest }) => rest);
      } catch (e) {
        setError(t('workflows.runFailed', { message: errorText(e) }));
      } finally {
        setBusy(null);
      }
    },
    [conversationId, inputs, t],
  );

  const runs = mergeRuns([...started, ...(data?.runs ?? [])], live);
  return (
    <section className="workflows" id={`workflows-${conversationId}`} aria-label={t('workflows.title')}>
      <h2>{t('workflows.title')}</h2>
      {data === null && !error ? <p className="muted">{t('workflows.loading')}</p> : null}
      {data && data.workflows.length === 0 ? <p className="muted">{t('workflows.none')}</p> : null}
      {data && data.workflows.length > 0 ? (
        <ul className="workflows-list">
          {data.workflows.map((w) => (
            <li key={w.id} className="workflow-item">
              {w.input ? (
                <input
                  type="text"
                  className="workflow-input"
                  aria-label={t('workflows.input', { name: w.name })}
                  placeholder={t('workflows.inputPlaceholder')}
                  maxLength={MAX_WORKFLOW_INPUT_CHARS}
                  value={inputs[w.id] ?? ''}
                  onChange={(e) => setInputs((s) => ({ ...s, [w.id]: e.target.value }))}
                />
              ) : null}
              <button type="button" className="btn" disabled={busy !== null} onClick={() => void run(w.id)}>
                {t('workflows.run', { name: w.name })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <h2>{t('workflows.runs')}</h2>
      <ul className="workflow-runs" aria-label={t('workflows.runs')} aria-live="polite">
        {runs.length === 0 ? <li className="muted">{t('workflows.noRuns')}</li> : null}
        {runs.map((r) => (
          <RunItem key={r.id} run={r} />
        ))}
      </ul>
    </section>
  );
}
