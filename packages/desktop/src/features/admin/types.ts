import type { AdminAgent, AdminEntryPoint, AdminQueue, AdminReason, AdminTeam, AdminTemplate, AdminWorkflow, BusinessHours, Role as ProtocolRole, SecretView, Weekday } from '@parley/protocol';

/**
 * What the admin API's GET returns and its PUT takes, per kind (protocol admin-config.ts: the config
 * file's field names). A form edits one of these and PUTs it back.
 */

export type SecretShown = SecretView;
export type Day = Weekday;
export const DAYS: readonly Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export type QueueHours = BusinessHours;
export type Role = ProtocolRole;

/** A queue with its business hours (null or absent: always open). */
export type QueueItem = AdminQueue & { hours?: QueueHours | null };
export type AgentItem = Omit<AdminAgent, 'role'> & { role?: Role };
export type TeamItem = AdminTeam;
export type ReasonItem = AdminReason;
export type EntryPointItem = AdminEntryPoint;
export type TemplateItem = AdminTemplate;
export type WorkflowItem = AdminWorkflow;

export function isSecretShown(v: unknown): v is SecretShown {
  return typeof v === 'object' && v !== null && (v as { set?: unknown }).set === true;
}
