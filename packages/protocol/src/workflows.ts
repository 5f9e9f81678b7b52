/**
 * Workflows (SPEC F8): admin-defined HTTP calls an agent triggers from the interaction pane. The
 * server builds a JSON body from the chosen conversation fields, signs it and records every run.
 * See docs/workflows.md.
 */

/** What a workflow may send, each a dotted path of the request body (`customer.name` → `{customer:{name}}`). */
export const WORKFLOW_FIELDS = [
  'conversation.id',
  'conversation.channel',
  'conversation.queue',
  'conversation.entryPoint',
  'conversation.subject',
  'customer.name',
  'customer.email',
  'customer.phone',
  'customer.externalId',
  'agent.id',
  'agent.name',
  'messages',
  /** What the agent typed in the pane for this run (tags, a note; at most 1000 characters). */
  'input',
] as const;
export type WorkflowField = (typeof WORKFLOW_FIELDS)[number];

/** What an agent sees of a workflow: enough to run it. */
export interface WorkflowDto {
  id: string;
  name: string;
  /** The workflow sends `input`: the pane offers a text field for it. */
  input: boolean;
}

/** POST /api/conversations/:id/workflows/:workflowId/runs (the body is optional). */
export interface RunWorkflowBody {
  input?: string;
}

export const MAX_WORKFLOW_INPUT_CHARS = 1000;

export type WorkflowRunStatus = 'running' | 'succeeded' | 'failed';

/** Why a run failed (or, on a success, why the receiver's answer was ignored). */
export type WorkflowRunErrorCode =
  | 'http-status'
  | 'timeout'
  | 'network'
  | 'interrupted'
  | 'secret-unavailable'
  | 'bad-response';

export interface WorkflowRunDto {
  id: string;
  workflowId: string;
  workflowName: string;
  conversationId: string;
  agentId: string;
  agentName: string;
  status: WorkflowRunStatus;
  /** HTTP requests made (idempotent workflows retry up to 3). */
  attempts: number;
  /** The receiver's last HTTP status; null when none answered. */
  httpStatus: number | null;
  /** From the receiver's `{message}`: plain text, at most 1000 characters. */
  message: string | null;
  /** From the receiver's `{link}`: an http(s) URL. */
  link: string | null;
  errorCode: WorkflowRunErrorCode | null;
  /** A sentence for people (English); clients translate by errorCode. */
  reason: string | null;
  startedAt: number;
  finishedAt: number | null;
  durationMs: number | null;
}

/** GET /api/conversations/:id/workflows: what this conversation's queue may run, and its runs (newest first). */
export interface ConversationWorkflows {
  workflows: WorkflowDto[];
  runs: WorkflowRunDto[];
}

/** A run started or finished (to the conversation's agents and the agent who ran it). */
export type WorkflowRunEvent = { type: 'workflow.run'; run: WorkflowRunDto };
