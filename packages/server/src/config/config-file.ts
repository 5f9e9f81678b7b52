import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import { ChannelTypeSchema } from '@parley/protocol/api';
import { ProvidersSettings } from '@parley/channels';
import { entryPointProblems } from './entry-point-checks';
import { WorkflowConfig, workflowProblems } from './workflow-config';
import { TemplateConfig, templateConfigProblems } from './template-config';
import { BusinessHoursConfig } from './business-hours-config';
import { businessHoursProblems } from '@parley/core';

export { TemplateConfig };

/** The config file (YAML or JSON): see docs/configuration.md. */
const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' });
const Reason = Type.Object({ id: Id, label: Type.String({ minLength: 1 }), labelZh: Type.Optional(Type.String()) }, { additionalProperties: false });
const Capacity = Type.Record(ChannelTypeSchema, Type.Integer({ minimum: 0, maximum: 100 }));

export const AgentConfig = Type.Object(
  {
    id: Id,
    username: Type.String({ minLength: 1, maxLength: 100 }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.Optional(Type.String({ minLength: 1 })),
    passwordHash: Type.Optional(Type.String({ minLength: 1 })),
    role: Type.Optional(Type.Union([Type.Literal('agent'), Type.Literal('supervisor'), Type.Literal('admin')])),
    teams: Type.Optional(Type.Array(Id)),
    capacity: Type.Optional(Type.Partial(Capacity)),
  },
  { additionalProperties: false },
);
export const QueueConfig = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    channel: ChannelTypeSchema,
    offerTimeoutSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600 })),
    maxWaitSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    transferFallback: Type.Optional(Type.Union([Type.Literal('drop'), Type.Literal('requeue')])),
    reopenTo: Type.Optional(Type.Union([Type.Literal('queue'), Type.Literal('lastAgent')])),
    overflowQueue: Type.Optional(Id),
    agents: Type.Optional(Type.Array(Id)),
    teams: Type.Optional(Type.Array(Id)),
    // Absent (or null through the admin API): always open.
    hours: Type.Optional(Type.Union([BusinessHoursConfig, Type.Null()])),
  },
  { additionalProperties: false },
);
export const EntryPointConfig = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    channel: ChannelTypeSchema,
    queue: Id,
    address: Type.Optional(Type.String()),
    // Checked against the channel's schema (packages/channels settings registry) after this pass.
    settings: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
export const TeamConfig = Type.Object({ id: Id, name: Type.String({ minLength: 1 }) }, { additionalProperties: false });

export const ConfigFile = Type.Object(
  {
    channels: Type.Optional(
      Type.Partial(
        Type.Record(
          ChannelTypeSchema,
          Type.Object({
            maxMessageLength: Type.Optional(Type.Integer({ minimum: 1 })),
            // Files on the channel (SMS: MMS, US/CA numbers only) and the size of each (capped by PARLEY_MAX_ATTACHMENT_BYTES).
            attachments: Type.Optional(Type.Boolean()),
            maxAttachmentBytes: Type.Optional(Type.Integer({ minimum: 1024 })),
          }),
        ),
      ),
    ),
    idleReasons: Type.Optional(Type.Array(Reason)),
    wrapupReasons: Type.Optional(Type.Array(Reason)),
    teams: Type.Optional(Type.Array(TeamConfig)),
    agents: Type.Optional(Type.Array(AgentConfig)),
    queues: Type.Optional(Type.Array(QueueConfig)),
    entryPoints: Type.Optional(Type.Array(EntryPointConfig)),
    templates: Type.Optional(Type.Array(TemplateConfig)),
    providers: Type.Optional(ProvidersSettings),
    workflows: Type.Optional(Type.Array(WorkflowConfig)),
  },
  { additionalProperties: false },
);
export type ConfigFile = Static<typeof ConfigFile>;
export type AgentConfig = Static<typeof AgentConfig>;
export type QueueConfig = Static<typeof QueueConfig>;

export class ConfigError extends Error {}

/** Parses and validates; every problem is reported with its path, and cross-references are checked. */
export function parseConfig(text: string, source = 'config'): ConfigFile {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (e) {
    throw new ConfigError(`${source}: not valid YAML/JSON: ${(e as Error).message}`);
  }
  const errors = [...Value.Errors(ConfigFile, raw)].slice(0, 10);
  if (errors.length) {
    throw new ConfigError(`${source}: ${errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ')}`);
  }
  const cfg = raw as ConfigFile;
  checkReferences(cfg, source);
  return cfg;
}

export function loadConfigFile(path: string): ConfigFile {
  return parseConfig(readFileSync(path, 'utf8'), path);
}

function checkReferences(cfg: ConfigFile, source: string): void {
  const problems: string[] = [];
  const unique = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`duplicate ${kind} id "${id}"`);
      seen.add(id);
    }
    return seen;
  };
  const teams = unique('team', (cfg.teams ?? []).map((t) => t.id));
  const agents = unique('agent', (cfg.agents ?? []).map((a) => a.id));
  unique('username', (cfg.agents ?? []).map((a) => a.username));
  const queues = new Map((cfg.queues ?? []).map((q) => [q.id, q]));
  unique('queue', (cfg.queues ?? []).map((q) => q.id));
  unique('entry point', (cfg.entryPoints ?? []).map((e) => e.id));
  for (const a of cfg.agents ?? []) {
    if (!a.password && !a.passwordHash) problems.push(`agent "${a.id}" needs password or passwordHash`);
    for (const t of a.teams ?? []) if (!teams.has(t)) problems.push(`agent "${a.id}" names unknown team "${t}"`);
  }
  for (const q of cfg.queues ?? []) {
    for (const id of q.agents ?? []) if (!agents.has(id)) problems.push(`queue "${q.id}" names unknown agent "${id}"`);
    for (const t of q.teams ?? []) if (!teams.has(t)) problems.push(`queue "${q.id}" names unknown team "${t}"`);
    if (q.overflowQueue) {
      const o = queues.get(q.overflowQueue);
      if (!o) problems.push(`queue "${q.id}" overflows to unknown queue "${q.overflowQueue}"`);
      else if (o.channel !== q.channel) problems.push(`queue "${q.id}" overflows to a ${o.channel} queue`);
    }
    if (q.hours) problems.push(...businessHoursProblems(q.hours, `queue "${q.id}" hours`));
  }
  for (const e of cfg.entryPoints ?? []) {
    const q = queues.get(e.queue);
    if (!q) problems.push(`entry point "${e.id}" routes to unknown queue "${e.queue}"`);
    else if (q.channel !== e.channel) problems.push(`entry point "${e.id}" (${e.channel}) routes to a ${q.channel} queue`);
  }
  problems.push(...entryPointProblems(cfg.entryPoints ?? []));
  unique('workflow', (cfg.workflows ?? []).map((w) => w.id));
  for (const w of cfg.workflows ?? []) problems.push(...workflowProblems(w, new Set(queues.keys()), false));
  unique('template', (cfg.templates ?? []).map((t) => t.id));
  for (const t of cfg.templates ?? []) problems.push(...templateConfigProblems(t, (id) => queues.get(id)?.channel));
  if (problems.length) throw new ConfigError(`${source}: ${problems.join('; ')}`);
}
