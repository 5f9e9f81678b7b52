/** Reference data loaded from configuration: teams, queues, entry points, reasons, templates. */
import type { Selectable } from 'kysely';
import type { ApprovedTemplate, BusinessHours } from '@parley/protocol';
import type { QueuesTable, ReasonsTable, TemplatesTable } from '../schema';
import { stringArray, toJson, type Executor } from './executor';

export interface TeamRecord {
  id: string;
  name: string;
}

export interface QueueRecord {
  id: string;
  name: string;
  channel: string;
  strategy: string;
  offerTimeoutMs: number;
  maxWaitMs: number;
  transferFallback: string;
  /** 'queue' or 'lastAgent': where a reply to a closed conversation goes. Absent: 'queue'. */
  reopenTo?: string;
  overflowQueueId: string | null;
  agentIds: string[];
  teamIds: string[];
  /** Business hours; absent or null: always open. */
  hours?: BusinessHours | null;
}

export interface EntryPointRecord {
  id: string;
  name: string;
  channel: string;
  queueId: string;
  address: string;
  /** Channel settings as stored: secrets are encrypted values or `{env}`/`{file}` references. */
  settings: Record<string, unknown>;
}

export interface ReasonRecord {
  id: string;
  label: string;
  labelZh: string | null;
  position: number;
}

export interface TemplateRecord {
  id: string;
  name: string;
  /** The picker's group; '' when none. */
  category: string;
  channels: string[];
  /** The queues it is offered in; empty: every queue of its channels. */
  queues: string[];
  body: string;
  locked: boolean;
  position: number;
  /** The WhatsApp template approved by Meta beside this one; null when none. */
  providerTemplate?: ApprovedTemplate | null;
}

export type ReasonKind = 'idle' | 'wrapup';
const REASON_TABLE = { idle: 'idle_reasons', wrapup: 'wrapup_reasons' } as const;

async function deleteById(
  ex: Executor,
  table: 'teams' | 'queues' | 'entry_points' | 'idle_reasons' | 'wrapup_reasons' | 'templates',
  id: string,
): Promise<boolean> {
  const res = await ex.deleteFrom(table).where('id', '=', id).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

// Teams

export async function upsertTeam(ex: Executor, rec: TeamRecord): Promise<void> {
  await ex
    .insertInto('teams')
    .values({ id: rec.id, name: rec.name })
    .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
    .execute();
}

export async function listTeams(ex: Executor): Promise<TeamRecord[]> {
  return ex.selectFrom('teams').select(['id', 'name']).orderBy('id').execute();
}

export const deleteTeam = (ex: Executor, id: string): Promise<boolean> => deleteById(ex, 'teams', id);

// Queues

function queueFromRow(row: Selectable<QueuesTable>): QueueRecord {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    strategy: row.strategy,
    offerTimeoutMs: row.offer_timeout_ms,
    maxWaitMs: row.max_wait_ms,
    transferFallback: row.transfer_fallback,
    reopenTo: row.reopen_to,
    overflowQueueId: row.overflow_queue_id,
    agentIds: stringArray(row.agent_ids_json),
    teamIds: stringArray(row.team_ids_json),
    hours: row.hours_json ? (JSON.parse(row.hours_json) as BusinessHours) : null,
  };
}

export async function upsertQueue(ex: Executor, rec: QueueRecord): Promise<void> {
  await ex
    .insertInto('queues')
    .values({
      id: rec.id,
      name: rec.name,
      channel: rec.channel,
      strategy: rec.strategy,
      offer_timeout_ms: rec.offerTimeoutMs,
      max_wait_ms: rec.maxWaitMs,
      transfer_fallback: rec.transferFallback,
      reopen_to: rec.reopenTo ?? 'queue',
      overflow_queue_id: rec.overflowQueueId,
      agent_ids_json: toJson(rec.agentIds),
      team_ids_json: toJson(rec.teamIds),
      hours_json: rec.hours ? toJson(rec.hours) : null,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        channel: eb.ref('excluded.channel'),
        strategy: eb.ref('excluded.strategy'),
        offer_timeout_ms: eb.ref('excluded.offer_timeout_ms'),
        max_wait_ms: eb.ref('excluded.max_wait_ms'),
        transfer_fallback: eb.ref('excluded.transfer_fallback'),
        reopen_to: eb.ref('excluded.reopen_to'),
        overflow_queue_id: eb.ref('excluded.overflow_queue_id'),
        agent_ids_json: eb.ref('excluded.agent_ids_json'),
        team_ids_json: eb.ref('excluded.team_ids_json'),
        hours_json: eb.ref('excluded.hours_json'),
      })),
    )
    .execute();
}

export async function listQueues(ex: Executor): Promise<QueueRecord[]> {
  const rows = await ex.selectFrom('queues').selectAll().orderBy('id').execute();
  return rows.map(queueFromRow);
}

export const deleteQueue = (ex: Executor, id: string): Promise<boolean> => deleteById(ex, 'queues', id);

// Entry points

export async function upsertEntryPoint(ex: Executor, rec: EntryPointRecord): Promise<void> {
  await ex
    .insertInto('entry_points')
    .values({ id: rec.id, name: rec.name, channel: rec.channel, queue_id: rec.queueId, address: rec.address, settings_json: toJson(rec.settings) })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        channel: eb.ref('excluded.channel'),
        queue_id: eb.ref('excluded.queue_id'),
        address: eb.ref('excluded.address'),
        settings_json: eb.ref('excluded.settings_json'),
      })),
    )
    .execute();
}

export async function listEntryPoints(ex: Executor): Promise<EntryPointRecord[]> {
  const rows = await ex.selectFrom('entry_points').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, channel: r.channel, queueId: r.queue_id, address: r.address, settings: JSON.parse(r.settings_json) as Record<string, unknown> }));
}

export const deleteEntryPoint = (ex: Executor, id: string): Promise<boolean> =>
  deleteById(ex, 'entry_points', id);

// Idle and wrap-up reasons share one shape; `kind` picks the table.

function reasonFromRow(row: Selectable<ReasonsTable>): ReasonRecord {
  return { id: row.id, label: row.label, labelZh: row.label_zh, position: row.position };
}

export async function upsertReason(ex: Executor, kind: ReasonKind, rec: ReasonRecord): Promise<void> {
  await ex
    .insertInto(REASON_TABLE[kind])
    .values({ id: rec.id, label: rec.label, label_zh: rec.labelZh, position: rec.position })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        label: eb.ref('excluded.label'),
        label_zh: eb.ref('excluded.label_zh'),
        position: eb.ref('excluded.position'),
      })),
    )
    .execute();
}

export async function listReasons(ex: Executor, kind: ReasonKind): Promise<ReasonRecord[]> {
  const rows = await ex.selectFrom(REASON_TABLE[kind]).selectAll().orderBy('position').orderBy('id').execute();
  return rows.map(reasonFromRow);
}

export const deleteReason = (ex: Executor, kind: ReasonKind, id: string): Promise<boolean> =>
  deleteById(ex, REASON_TABLE[kind], id);

export const upsertIdleReason = (ex: Executor, rec: ReasonRecord): Promise<void> => upsertReason(ex, 'idle', rec);
export const listIdleReasons = (ex: Executor): Promise<ReasonRecord[]> => listReasons(ex, 'idle');
export const deleteIdleReason = (ex: Executor, id: string): Promise<boolean> => deleteReason(ex, 'idle', id);
export const upsertWrapupReason = (ex: Executor, rec: ReasonRecord): Promise<void> =>
  upsertReason(ex, 'wrapup', rec);
export const listWrapupReasons = (ex: Executor): Promise<ReasonRecord[]> => listReasons(ex, 'wrapup');
export const deleteWrapupReason = (ex: Executor, id: string): Promise<boolean> =>
  deleteReason(ex, 'wrapup', id);

// Templates

function templateFromRow(row: Selectable<TemplatesTable>): TemplateRecord {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    channels: stringArray(row.channels_json),
    queues: stringArray(row.queues_json),
    body: row.body,
    locked: row.locked !== 0,
    position: row.position,
    providerTemplate: row.provider_template_json ? (JSON.parse(row.provider_template_json) as TemplateRecord['providerTemplate']) : null,
  };
}

export async function upsertTemplate(ex: Executor, rec: TemplateRecord): Promise<void> {
  await ex
    .insertInto('templates')
    .values({
      id: rec.id,
      name: rec.name,
      category: rec.category,
      channels_json: toJson(rec.channels),
      queues_json: toJson(rec.queues),
      body: rec.body,
      locked: rec.locked ? 1 : 0,
      position: rec.position,
      provider_template_json: rec.providerTemplate ? toJson(rec.providerTemplate) : null,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        category: eb.ref('excluded.category'),
        channels_json: eb.ref('excluded.channels_json'),
        queues_json: eb.ref('excluded.queues_json'),
        body: eb.ref('excluded.body'),
        locked: eb.ref('excluded.locked'),
        position: eb.ref('excluded.position'),
        provider_template_json: eb.ref('excluded.provider_template_json'),
      })),
    )
    .execute();
}

export async function listTemplates(ex: Executor): Promise<TemplateRecord[]> {
  const rows = await ex.selectFrom('templates').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map(templateFromRow);
}

export const deleteTemplate = (ex: Executor, id: string): Promise<boolean> => deleteById(ex, 'templates', id);
