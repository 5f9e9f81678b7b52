/** Workflows (configuration) and their runs (a log supervisors read). */
import type { Selectable } from 'kysely';
import type { WorkflowRunsTable, WorkflowsTable } from '../schema';
import { fromJson, stringArray, toJson, type Executor } from './executor';

export interface WorkflowRecord {
  id: string;
  name: string;
  url: string;
  fields: string[];
  /** How many of the last messages' text to send when `fields` has `messages`. */
  lastMessages: number;
  timeoutMs: number;
  queueIds: string[];
  idempotent: boolean;
  /** As stored: a sealed literal (`{encrypted}`) or a `{env}`/`{file}` reference. */
  secret: unknown;
  position: number;
}

export interface WorkflowRunRecord {
  id: string;
  workflowId: string;
  workflowName: string;
  conversationId: string;
  agentId: string;
  agentName: string;
  status: string;
  attempts: number;
  httpStatus: number | null;
  message: string | null;
  link: string | null;
  errorCode: string | null;
  reason: string | null;
  startedAt: number;
  finishedAt: number | null;
}

function workflowFromRow(r: Selectable<WorkflowsTable>): WorkflowRecord {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    fields: stringArray(r.fields_json),
    lastMessages: Number(r.last_messages),
    timeoutMs: Number(r.timeout_ms),
    queueIds: stringArray(r.queue_ids_json),
    idempotent: Number(r.idempotent) === 1,
    secret: fromJson(r.secret_json),
    position: Number(r.position),
  };
}

export async function upsertWorkflow(ex: Executor, w: WorkflowRecord): Promise<void> {
  const row = {
    id: w.id,
    name: w.name,
    url: w.url,
    fields_json: toJson(w.fields),
    last_messages: w.lastMessages,
    timeout_ms: w.timeoutMs,
    queue_ids_json: toJson(w.queueIds),
    idempotent: w.idempotent ? 1 : 0,
    secret_json: toJson(w.secret),
    position: w.position,
  };
  const { id: _id, ...update } = row;
  await ex.insertInto('workflows').values(row).onConflict((oc) => oc.column('id').doUpdateSet(update)).execute();
}

export async function listWorkflows(ex: Executor): Promise<WorkflowRecord[]> {
  const rows = await ex.selectFrom('workflows').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map(workflowFromRow);
}

export async function deleteWorkflow(ex: Executor, id: string): Promise<boolean> {
  const res = await ex.deleteFrom('workflows').where('id', '=', id).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

function runFromRow(r: Selectable<WorkflowRunsTable>): WorkflowRunRecord {
  return {
    id: r.id,
    workflowId: r.workflow_id,
    workflowName: r.workflow_name,
    conversationId: r.conversation_id,
    agentId: r.agent_id,
    agentName: r.agent_name,
    status: r.status,
    attempts: Number(r.attempts),
    httpStatus: r.http_status === null ? null : Number(r.http_status),
    message: r.message,
    link: r.link,
    errorCode: r.error_code,
    reason: r.reason,
    startedAt: Number(r.started_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

function runRow(r: WorkflowRunRecord): Selectable<WorkflowRunsTable> {
  return {
    id: r.id,
    workflow_id: r.workflowId,
    workflow_name: r.workflowName,
    conversation_id: r.conversationId,
    agent_id: r.agentId,
    agent_name: r.agentName,
    status: r.status,
    attempts: r.attempts,
    http_status: r.httpStatus,
    message: r.message,
    link: r.link,
    error_code: r.errorCode,
    reason: r.reason,
    started_at: r.startedAt,
    finished_at: r.finishedAt,
  };
}

export async function insertWorkflowRun(ex: Executor, r: WorkflowRunRecord): Promise<void> {
  await ex.insertInto('workflow_runs').values(runRow(r)).execute();
}

/** Records a run's outcome; only a run still `running` changes (false otherwise). */
export async function finishWorkflowRun(ex: Executor, r: WorkflowRunRecord): Promise<boolean> {
  const { id: _id, workflow_id: _w, conversation_id: _c, agent_id: _a, started_at: _s, ...update } = runRow(r);
  const res = await ex.updateTable('workflow_runs').set(update).where('id', '=', r.id).where('status', '=', 'running').executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export interface WorkflowRunQuery {
  conversationId?: string;
  workflowId?: string;
  status?: string;
  limit: number;
}

/** Newest first. */
export async function listWorkflowRuns(ex: Executor, q: WorkflowRunQuery): Promise<WorkflowRunRecord[]> {
  let query = ex.selectFrom('workflow_runs').selectAll();
  if (q.conversationId !== undefined) query = query.where('conversation_id', '=', q.conversationId);
  if (q.workflowId !== undefined) query = query.where('workflow_id', '=', q.workflowId);
  if (q.status !== undefined) query = query.where('status', '=', q.status);
  const rows = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
  return rows.map(runFromRow);
}
