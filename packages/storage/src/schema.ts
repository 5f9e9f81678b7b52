import type { Generated } from 'kysely';
/**
 * Row shapes as stored. Timestamps are epoch ms (bigint, read back as number on both dialects);
 * `*_json` columns hold JSON text so the schema stays portable; booleans are 0/1 integers.
 * Repositories map these snake_case rows to camelCase records.
 */

export interface AgentsTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  capacity_json: string;
  team_ids_json: string;
  state: string;
  idle_reason_id: string | null;
  state_changed_at: number;
  ready_since: number;
  created_at: number;
}

export interface TeamsTable {
  id: string;
  name: string;
}

export interface QueuesTable {
  id: string;
  name: string;
  channel: string;
  strategy: string;
  offer_timeout_ms: number;
  max_wait_ms: number;
  transfer_fallback: string;
  reopen_to: Generated<string>;
  overflow_queue_id: string | null;
  agent_ids_json: string;
  team_ids_json: string;
  /** Migration 0013: business hours (JSON); null = always open. */
  hours_json: string | null;
}

export interface EntryPointsTable {
  id: string;
  name: string;
  channel: string;
  queue_id: string;
  address: string;
  /** Channel settings; secrets encrypted or as references (0006). */
  settings_json: Generated<string>;
}

export interface ReasonsTable {
  id: string;
  label: string;
  label_zh: string | null;
  position: number;
}

export interface TemplatesTable {
  id: string;
  name: string;
  channels_json: string;
  body: string;
  locked: number;
  position: number;
  /** JSON `{name, language}` of the provider-approved template (migration 0008); null when none. */
  provider_template_json: string | null;
  /** Migration 0011: the picker's group ('' when none) and the queues it is offered in (JSON; [] = all). */
  category: Generated<string>;
  queues_json: Generated<string>;
}

export interface SessionsTable {
  token_hash: string;
  agent_id: string;
  created_at: number;
  expires_at: number;
}

export interface CustomersTable {
  id: string;
  channel: string;
  external_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  created_at: number;
}

export interface ConversationsTable {
  id: string;
  channel: string;
  entry_point_id: string;
  queue_id: string;
  customer_id: string;
  status: string;
  owner_agent_id: string | null;
  state_json: string;
  offer_deadline: number | null;
  max_wait_deadline: number | null;
  created_at: number;
  updated_at: number;
  closed_at: number | null;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  direction: string;
  author_type: string;
  author_id: string | null;
  author_name: string;
  text: string;
  attachments_json: string;
  notice_json: string | null;
  client_id: string | null;
  provider_id: string | null;
  channel: string;
  status: string;
  status_reason: string | null;
  created_at: number;
  /** JSON: content, reply, forwarded, reactions, external (migration 0007); null when none. */
  details_json: string | null;
}

export interface EventsTable {
  seq: number;
  agent_id: string | null;
  conversation_id: string | null;
  type: string;
  payload_json: string;
  created_at: number;
}

export interface AttachmentsTable {
  id: string;
  conversation_id: string | null;
  name: string;
  mime_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_at: number;
  /** `agent:<id>` or `chat:<conversationId>`; null on rows older than migration 0002. */
  uploaded_by: string | null;
}

export interface WebchatSessionsTable {
  token_hash: string;
  conversation_id: string;
  customer_id: string;
  created_at: number;
}

/** Durable number allocators: `high` is the highest number ever reserved; `epoch` names the stream. */
export interface SequencesTable {
  name: string;
  high: number;
  epoch: string;
}

export interface WrapupsTable {
  id: string;
  conversation_id: string;
  agent_id: string;
  reason_ids_json: string;
  created_at: number;
}

/** Outbound sends waiting for, or past, their channel (repos/outbox.ts). */
export interface OutboxJobsTable {
  id: string;
  kind: string;
  channel: string;
  conversation_id: string;
  message_id: string | null;
  entry_point_id: string;
  payload_json: string;
  /** pending | sending | sent | failed */
  status: string;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error_code: string | null;
  last_error_reason: string | null;
  provider_id: string | null;
  created_at: number;
  updated_at: number;
}

/** What the day's figures count (repos/report-facts.ts): append-only, never pruned. */
export interface ReportFactsTable {
  id: string;
  at: number;
  kind: string;
  conversation_id: string;
  queue_id: string;
  channel: string;
  agent_id: string | null;
  ms: number | null;
  detail: string | null;
}

export interface WorkflowsTable {
  id: string;
  name: string;
  url: string;
  fields_json: string;
  last_messages: number;
  timeout_ms: number;
  queue_ids_json: string;
  /** 0/1: retried on network errors, timeouts and 5xx only when 1. */
  idempotent: number;
  /** Sealed literal or `{env}`/`{file}` reference, as JSON. */
  secret_json: string;
  position: number;
}

export interface WorkflowRunsTable {
  id: string;
  workflow_id: string;
  workflow_name: string;
  conversation_id: string;
  agent_id: string;
  agent_name: string;
  status: string;
  attempts: number;
  http_status: number | null;
  message: string | null;
  link: string | null;
  error_code: string | null;
  reason: string | null;
  started_at: number;
  finished_at: number | null;
}

/** Migration 0012: one row per configuration change or supervisor action (repos/audit.ts). */
export interface AuditLogTable {
  id: string;
  at: number;
  /** null: the config file. */
  actor_id: string | null;
  actor_name: string | null;
  kind: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
}

/** Migration 0012: facts about the configuration itself (e.g. `seeded`: the file seeded this database). */
export interface ConfigStateTable {
  key: string;
  value_json: string;
  updated_at: number;
}

export interface Database {
  agents: AgentsTable;
  teams: TeamsTable;
  queues: QueuesTable;
  entry_points: EntryPointsTable;
  idle_reasons: ReasonsTable;
  wrapup_reasons: ReasonsTable;
  templates: TemplatesTable;
  sessions: SessionsTable;
  customers: CustomersTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  events: EventsTable;
  attachments: AttachmentsTable;
  webchat_sessions: WebchatSessionsTable;
  wrapups: WrapupsTable;
  sequences: SequencesTable;
  outbox_jobs: OutboxJobsTable;
  workflows: WorkflowsTable;
  workflow_runs: WorkflowRunsTable;
  report_facts: ReportFactsTable;
  audit_log: AuditLogTable;
  config_state: ConfigStateTable;
}

export type TableName = keyof Database;

/** Every table, in an order safe for deleting or dropping. */
export const TABLE_NAMES: readonly TableName[] = [
  'report_facts',
  'config_state',
  'audit_log',
  'workflow_runs',
  'workflows',
  'outbox_jobs',
  'sequences',
  'wrapups',
  'webchat_sessions',
  'attachments',
  'events',
  'messages',
  'conversations',
  'customers',
  'sessions',
  'templates',
  'wrapup_reasons',
  'idle_reasons',
  'entry_points',
  'queues',
  'teams',
  'agents',
];
