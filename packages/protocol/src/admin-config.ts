import type { BusinessHours, ChannelType, Role } from './domain';
import type { ApprovedTemplate } from './templates';
import type { WorkflowField } from './workflows';

/*
 * The admin API's shapes (GET /api/admin/<kind>[/:id]): exactly what its PUT takes, with the config
 * file's field names, so a form loads what it saves. Passwords are never read back; secrets read
 * back as `SecretView` and, sent back unchanged, keep the stored one.
 */

/** A secret as the admin API shows it: set, and where it comes from (`literal`, `env:NAME`, `file:/path`). */
export interface SecretView {
  set: true;
  source: string;
}

export interface AdminAgent {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teams: string[];
  capacity: Partial<Record<ChannelType, number>>;
  /** Write-only: required for a new agent, optional after (absent = keep). */
  password?: string;
}

export interface AdminTeam {
  id: string;
  name: string;
}

export interface AdminQueue {
  id: string;
  name: string;
  channel: ChannelType;
  offerTimeoutSeconds?: number;
  maxWaitSeconds?: number;
  transferFallback?: 'drop' | 'requeue';
  reopenTo?: 'queue' | 'lastAgent';
  /** Where a conversation waiting past maxWaitSeconds goes (a queue of the same channel). */
  overflowQueue?: string;
  agents?: string[];
  teams?: string[];
  /** Business hours; absent (or null in a PUT): always open. */
  hours?: BusinessHours | null;
}

export interface AdminEntryPoint {
  id: string;
  name: string;
  channel: ChannelType;
  queue: string;
  address?: string;
  /** The channel's settings; secrets read as SecretView (docs/configuration.md). */
  settings?: Record<string, unknown>;
}

export interface AdminReason {
  id: string;
  label: string;
  labelZh?: string;
}

export interface AdminTemplate {
  id: string;
  name: string;
  category?: string;
  channels: ChannelType[];
  queues?: string[];
  body: string;
  locked?: boolean;
  providerTemplate?: ApprovedTemplate;
}

export interface AdminWorkflow {
  id: string;
  name: string;
  url: string;
  method?: 'POST';
  fields: WorkflowField[];
  lastMessages?: number;
  timeoutSeconds?: number;
  queues: string[];
  idempotent?: boolean;
  /** Read as SecretView; written as the value, `{env}` or `{file}`, or the SecretView sent back (keep). */
  secret?: SecretView | string | { env: string } | { file: string };
}
