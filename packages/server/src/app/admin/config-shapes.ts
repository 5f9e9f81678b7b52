import type { Static } from '@sinclair/typebox';
import type { AdminAgent, AdminEntryPoint, AdminQueue, AdminReason, AdminTeam, AdminTemplate, AdminWorkflow } from '@parley/protocol';
import type { AgentRecord, EntryPointRecord, QueueRecord, ReasonRecord, TeamRecord, TemplateRecord, WorkflowRecord } from '@parley/storage';
import type { AgentConfig, EntryPointConfig, QueueConfig, TeamConfig, TemplateConfig } from '../../config/config-file';
import type { AgentProfile } from '../directory';
import { maskSettings, type SecretView } from '../entry-points/stored-settings';
import { adminWorkflowView, type AdminWorkflowView } from '../workflows/admin-workflows';

/*
 * Stored records → the admin API's read shape, which is exactly what its PUT takes (the config
 * file's field names), so a form loads what it saves and the audit log shows the same fields.
 * Passwords never appear; secrets appear only as `{ set, source }` (sent back unchanged = keep).
 */

export type AgentShape = Omit<Static<typeof AgentConfig>, 'password' | 'passwordHash'> & { role: 'agent' | 'supervisor' | 'admin'; teams: string[]; capacity: Record<string, number> };
export type QueueShape = Static<typeof QueueConfig>;
export type EntryPointShape = Omit<Static<typeof EntryPointConfig>, 'settings'> & { address: string; settings: Record<string, unknown> };
export type TeamShape = Static<typeof TeamConfig>;
export type ReasonShape = { id: string; label: string; labelZh?: string };
export type TemplateShape = TemplateConfig;
export type WorkflowShape = AdminWorkflowView & { secret: SecretView };

// Compile-time check: the server's shapes are the protocol's (what the Desktop's admin forms use).
type Assignable<T, U extends T> = U;
export type ShapesMatchProtocol = [
  Assignable<AdminAgent, AgentShape>,
  Assignable<AdminTeam, TeamShape>,
  Assignable<AdminQueue, QueueShape>,
  Assignable<AdminEntryPoint, EntryPointShape>,
  Assignable<AdminReason, ReasonShape>,
  Assignable<AdminTemplate, TemplateShape>,
  Assignable<AdminWorkflow, WorkflowShape>,
];

export function agentShape(a: AgentProfile | AgentRecord): AgentShape {
  return { id: a.id, username: a.username, displayName: a.displayName, role: a.role as AgentShape['role'], teams: [...a.teamIds], capacity: { ...a.capacity } };
}

export function queueShape(q: QueueRecord): QueueShape {
  return {
    id: q.id,
    name: q.name,
    channel: q.channel as QueueShape['channel'],
    offerTimeoutSeconds: q.offerTimeoutMs / 1000,
    maxWaitSeconds: q.maxWaitMs / 1000,
    transferFallback: q.transferFallback === 'requeue' ? 'requeue' : 'drop',
    reopenTo: q.reopenTo === 'lastAgent' ? 'lastAgent' : 'queue',
    ...(q.overflowQueueId !== null && { overflowQueue: q.overflowQueueId }),
    agents: [...q.agentIds],
    teams: [...q.teamIds],
    ...(q.hours && { hours: q.hours }),
  };
}

/** The inverse of queueShape: a queue as written (config file or PUT) → as stored. */
export function queueRecordOf(q: QueueShape): QueueRecord {
  return {
    id: q.id,
    name: q.name,
    channel: q.channel,
    strategy: 'longest-available',
    offerTimeoutMs: Math.round((q.offerTimeoutSeconds ?? 30) * 1000),
    maxWaitMs: Math.round((q.maxWaitSeconds ?? 3600) * 1000),
    transferFallback: q.transferFallback ?? 'drop',
    reopenTo: q.reopenTo ?? 'queue',
    overflowQueueId: q.overflowQueue ?? null,
    agentIds: q.agents ?? [],
    teamIds: q.teams ?? [],
    hours: q.hours ?? null,
  };
}

export function entryPointShape(e: EntryPointRecord): EntryPointShape {
  return { id: e.id, name: e.name, channel: e.channel as EntryPointShape['channel'], queue: e.queueId, address: e.address, settings: maskSettings(e.channel, e.settings) };
}

export function teamShape(t: TeamRecord): TeamShape {
  return { id: t.id, name: t.name };
}

export function reasonShape(r: ReasonRecord): ReasonShape {
  return { id: r.id, label: r.label, ...(r.labelZh !== null && { labelZh: r.labelZh }) };
}

export function templateShape(t: TemplateRecord): TemplateShape {
  return {
    id: t.id,
    name: t.name,
    category: t.category,
    channels: t.channels as TemplateShape['channels'],
    queues: [...t.queues],
    body: t.body,
    locked: t.locked,
    ...(t.providerTemplate && { providerTemplate: t.providerTemplate as TemplateShape['providerTemplate'] }),
  };
}

export function workflowShape(w: WorkflowRecord): WorkflowShape {
  return adminWorkflowView(w);
}
