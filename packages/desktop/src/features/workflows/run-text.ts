import type { WorkflowRunDto, WorkflowRunErrorCode } from '@parley/protocol';
import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/translate';

const ERROR_KEYS: Record<WorkflowRunErrorCode, MessageKey> = {
  'http-status': 'workflows.error.httpStatus',
  timeout: 'workflows.error.timeout',
  network: 'workflows.error.network',
  interrupted: 'workflows.error.interrupted',
  'secret-unavailable': 'workflows.error.notConfigured',
  'bad-response': 'workflows.error.badResponse',
};

/** A run's outcome in the agent's language: running, succeeded, or failed with its reason. */
export function runStatusText(run: WorkflowRunDto, t: Translate): string {
  if (run.status === 'running') return t('workflows.running');
  if (run.status === 'succeeded') return t('workflows.succeeded');
  const why = run.errorCode ? t(ERROR_KEYS[run.errorCode], { status: run.httpStatus ?? '' }) : (run.reason ?? '');
  return t('workflows.failed', { reason: why });
}

/** A note under a success whose answer could not be shown. */
export function ignoredAnswerText(run: WorkflowRunDto, t: Translate): string | null {
  return run.status === 'succeeded' && run.errorCode === 'bad-response' ? t('workflows.error.badResponse') : null;
}

/** Only http(s) links are ever rendered as links (the server checks too). */
export function safeLink(link: string | null): string | null {
  if (!link) return null;
  try {
    const u = new URL(link);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
