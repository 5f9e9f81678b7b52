import { DomainError } from '@parley/core';
import type { WorkflowField } from '@parley/protocol';
import type { WorkflowRecord } from '@parley/storage';
import type { SecretBox } from '../entry-points/secret-box';
import { secretSource, type SecretView } from '../entry-points/stored-settings';
import { DEFAULT_WORKFLOW_LAST_MESSAGES, DEFAULT_WORKFLOW_TIMEOUT_SECONDS, isSecretShown, workflowProblems, type WorkflowPutBody } from '../../config/workflow-config';

/** What GET /api/admin/workflows shows: the definition as written, the secret only as `{set, source}`. */
export interface AdminWorkflowView {
  id: string;
  name: string;
  url: string;
  method: 'POST';
  fields: WorkflowField[];
  lastMessages: number;
  timeoutSeconds: number;
  queues: string[];
  idempotent: boolean;
  secret: SecretView;
}

export function adminWorkflowView(w: WorkflowRecord): AdminWorkflowView {
  return {
    id: w.id, name: w.name, url: w.url, method: 'POST', fields: w.fields as WorkflowField[], lastMessages: w.lastMessages,
    timeoutSeconds: w.timeoutMs / 1000, queues: w.queueIds, idempotent: w.idempotent, secret: { set: true, source: secretSource(w.secret) },
  };
}

/**
 * A workflow as written (config file or admin API) → as stored: a literal secret sealed, a
 * reference kept; a secret left out (or sent back as GET showed it) keeps the stored one.
 * Throws a validation error for a bad URL, an unknown queue or a missing secret.
 */
export function workflowRecord(w: WorkflowPutBody, previous: WorkflowRecord | undefined, queueIds: ReadonlySet<string>, box: SecretBox, position: number): WorkflowRecord {
  const problems = workflowProblems(w, queueIds, previous !== undefined);
  if (problems.length) throw new DomainError('PARLEY_ERR_VALIDATION', problems.join('; '));
  const secret = w.secret === undefined || isSecretShown(w.secret) ? previous!.secret : typeof w.secret === 'string' ? box.seal(w.secret) : w.secret;
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    fields: w.fields,
    lastMessages: w.lastMessages ?? DEFAULT_WORKFLOW_LAST_MESSAGES,
    timeoutMs: Math.round((w.timeoutSeconds ?? DEFAULT_WORKFLOW_TIMEOUT_SECONDS) * 1000),
    queueIds: w.queues,
    idempotent: w.idempotent ?? false,
    secret,
    position,
  };
}
