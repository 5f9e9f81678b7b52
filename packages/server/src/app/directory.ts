import type {
  AgentDto,
  ChannelRules,
  ChannelType,
  EntryPointDto,
  ReasonDto,
  Role,
  TeamDto,
  TemplateDto,
} from '@parley/protocol';
import { entryPointAddress } from '@parley/channels';
import { DEFAULT_CHANNEL_RULES, templateParams } from '@parley/protocol';
import type { QueueRecord as EngineQueue } from '@parley/core';
import type { AgentRecord, EntryPointRecord, QueueRecord, ReasonRecord, TeamRecord, TemplateRecord, WorkflowRecord } from '@parley/storage';

/** An agent's definition. Its runtime state (state, idle reason, readiness) has one owner: the engine. */
export type AgentProfile = Omit<AgentRecord, 'state' | 'idleReasonId' | 'stateChangedAt' | 'readySince'>;

export function agentProfileOf(a: AgentRecord): AgentProfile {
  const { state: _s, idleReasonId: _i, stateChangedAt: _c, readySince: _r, ...profile } = a;
  return profile;
}

/**
 * The configuration in memory (agents' profiles, teams, queues, entry points, reasons, templates),
 * loaded from storage at start and kept in step by the admin API. Reads on the hot path never hit
 * the database. Definitions only: live agent state is read from the engine.
 */
export class Directory {
  agents = new Map<string, AgentProfile>();
  teams = new Map<string, TeamRecord>();
  queues = new Map<string, QueueRecord>();
  entryPoints = new Map<string, EntryPointRecord>();
  idleReasons: ReasonRecord[] = [];
  wrapupReasons: ReasonRecord[] = [];
  templates: TemplateRecord[] = [];
  workflows: WorkflowRecord[] = [];
  channelRules: Record<ChannelType, ChannelRules> = structuredClone(DEFAULT_CHANNEL_RULES);

  agentByUsername(username: string): AgentProfile | undefined {
    for (const a of this.agents.values()) if (a.username === username) return a;
    return undefined;
  }

  agentName(id: string | null | undefined): string {
    return (id && this.agents.get(id)?.displayName) || 'Agent';
  }

  queueName(id: string): string {
    return this.queues.get(id)?.name ?? id;
  }

  rules(channel: ChannelType): ChannelRules {
    return this.channelRules[channel];
  }

  /** Queue members with teams expanded. */
  members(q: QueueRecord): string[] {
    const ids = new Set(q.agentIds);
    for (const a of this.agents.values()) if (a.teamIds.some((t) => q.teamIds.includes(t))) ids.add(a.id);
    return [...ids].filter((id) => this.agents.has(id)).sort();
  }

  engineQueue(q: QueueRecord): EngineQueue {
    return {
      id: q.id,
      channel: q.channel as ChannelType,
      offerTimeoutMs: q.offerTimeoutMs,
      maxWaitMs: q.maxWaitMs,
      transferFallback: q.transferFallback === 'requeue' ? 'requeue' : 'drop',
      reopenTo: q.reopenTo === 'lastAgent' ? 'lastAgent' : 'queue',
      overflowQueueId: q.overflowQueueId,
      memberIds: this.members(q),
    };
  }

  reasonDto(r: ReasonRecord): ReasonDto {
    return { id: r.id, label: r.label, labelZh: r.labelZh };
  }

  templateDto(t: TemplateRecord): TemplateDto {
    return {
      id: t.id,
      name: t.name,
      category: t.category,
      channels: t.channels as ChannelType[],
      queues: t.queues,
      body: t.body,
      locked: t.locked,
      params: templateParams(t.body),
      providerTemplate: t.providerTemplate ?? null,
    };
  }

  entryPointDto(e: EntryPointRecord): EntryPointDto {
    return { id: e.id, name: e.name, channel: e.channel as ChannelType, queueId: e.queueId, address: entryPointAddress(e) };
  }

  teamDto(t: TeamRecord): TeamDto {
    return { id: t.id, name: t.name, agentIds: [...this.agents.values()].filter((a) => a.teamIds.includes(t.id)).map((a) => a.id) };
  }

  /** Profile half of an AgentDto; the live half (state, load) comes from the engine. */
  agentProfile(a: AgentProfile): Pick<AgentDto, 'id' | 'username' | 'displayName' | 'role' | 'capacity' | 'teamIds'> {
    return {
      id: a.id,
      username: a.username,
      displayName: a.displayName,
      role: a.role as Role,
      capacity: a.capacity as AgentDto['capacity'],
      teamIds: a.teamIds,
    };
  }
}
