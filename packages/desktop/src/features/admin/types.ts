import type { ChannelType, WorkflowField } from '@parley/protocol';

/**
 * What the admin API's GET returns and its PUT takes, per kind (the config file's field names).
 * A form edits one of these and PUTs it back.
 */

/** A secret as GET shows it: set, and where it comes from (`literal`, `env:NAME`, `file:/path`). Sent back = keep. */
export interface SecretShown {
  set: true;
  source: string;
}
export type SecretInput = string | SecretShown | { env: string } | { file: string };

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export interface QueueHours {
  timezone: string;
  open: { day: Day; from: string; to: string }[];
  closedDates?: string[];
  closedMessage: string;
}

export interface QueueItem {
  id: string;
  name: string;
  channel: ChannelType;
  offerTimeoutSeconds?: number;
  maxWaitSeconds?: number;
  transferFallback?: 'drop' | 'requeue';
  reopenTo?: 'queue' | 'lastAgent';
  overflowQueue?: string;
  agents?: string[];
  teams?: string[];
  /** null or absent: always open. */
  hours?: QueueHours | null;
}

export type Role = 'agent' | 'supervisor' | 'admin';
export interface AgentItem {
  id: string;
  username: string;
  displayName: string;
  role?: Role;
  teams?: string[];
  capacity?: Partial<Record<ChannelType, number>>;
  /** Write-only: sent on create or to change it, never returned. */
  password?: string;
}

export interface TeamItem {
  id: string;
  name: string;
}

export interface ReasonItem {
  id: string;
  label: string;
  labelZh?: string;
}

export interface EntryPointItem {
  id: string;
  name: string;
  channel: ChannelType;
  queue: string;
  address?: string;
  settings?: Record<string, unknown>;
}

export interface TemplateItem {
  id: string;
  name: string;
  category?: string;
  channels: ChannelType[];
  queues?: string[];
  body: string;
  locked?: boolean;
  providerTemplate?: unknown;
}

export interface WorkflowItem {
  id: string;
  name: string;
  url: string;
  method?: 'POST';
  fields: WorkflowField[];
  lastMessages?: number;
  timeoutSeconds?: number;
  queues: string[];
  idempotent?: boolean;
  secret?: SecretInput;
}

export function isSecretShown(v: unknown): v is SecretShown {
  return typeof v === 'object' && v !== null && (v as { set?: unknown }).set === true;
}
