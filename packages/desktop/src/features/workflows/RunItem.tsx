import './workflows.css';
import type { WorkflowRunDto } from '@parley/protocol';
import { useI18n } from '../i18n/i18n';
import { ignoredAnswerText, runStatusText, safeLink } from './run-text';

/** One workflow run: its name, outcome, who ran it when, and what the receiver returned. */
export function RunItem({ run }: { run: WorkflowRunDto }) {
  const { t, lang } = useI18n();
  const link = safeLink(run.link);
  const note = ignoredAnswerText(run, t);
  const when = new Date(run.startedAt).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
  return (
    <li className="workflow-run" aria-label={t('workflows.runLabel', { name: run.workflowName })}>
      <div className="workflow-run-head">
        <span className="workflow-run-name">{run.workflowName}</span>
        <span className={`workflow-run-status ${run.status}`}>{runStatusText(run, t)}</span>
        <span className="muted">{t('workflows.runBy', { name: run.agentName, time: when })}</span>
      </div>
      {run.message ? <p className="workflow-run-message">{run.message}</p> : null}
      {link ? (
        <a className="workflow-run-link" href={link} target="_blank" rel="noopener noreferrer">
          {t('workflows.openLink')}
        </a>
      ) : null}
      {note ? <p className="muted">{note}</p> : null}
    </li>
  );
}
