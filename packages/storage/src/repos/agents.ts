import type { Selectable } from 'kysely';
import type { AgentsTable } from '../schema';
import { fromJson, stringArray, toJson, type Executor } from './executor';

export interface AgentRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  /** Concurrent conversations allowed per channel. */
  capacity: Record<string, number>;
  teamIds: string[];
  state: string;
  idleReasonId: string | null;
  stateChangedAt: number;
  readySince: number;
  createdAt: number;
}

export interface AgentRuntimeUpdate {
  id: string;
  state: string;
  idleReasonId: string | null;
  stateChangedAt: number;
  readySince: number;
}

function toRecord(row: Selectable<AgentsTable>): AgentRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: row.role,
    capacity: capacityFrom(row.capacity_json),
    teamIds: stringArray(row.team_ids_json),
    state: row.state,
    idleReasonId: row.idle_reason_id,
    stateChangedAt: row.state_changed_at,
    readySince: row.ready_since,
    createdAt: row.created_at,
  };
}

function capacityFrom(text: string): Record<string, number> {
  const value = fromJson(text);
  const out: Record<string, number> = {};
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (typeof v === 'number') out[k] = v;
  }
  return out;
}

/**
 * Inserts an agent or updates its configuration. Runtime fields (state, idle reason, timestamps)
 * are only written on insert, so re-applying configuration never resets a logged-in agent.
 */
export async function upsertAgent(ex: Executor, rec: AgentRecord): Promise<void> {
  await ex
    .insertInto('agents')
    .values({
      id: rec.id,
      username: rec.username,
      display_name: rec.displayName,
      password_hash: rec.passwordHash,
      role: rec.role,
      capacity_json: toJson(rec.capacity),
      team_ids_json: toJson(rec.teamIds),
      state: rec.state,
      idle_reason_id: rec.idleReasonId,
      state_changed_at: rec.stateChangedAt,
      ready_since: rec.readySince,
      created_at: rec.createdAt,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        username: eb.ref('excluded.username'),
        display_name: eb.ref('excluded.display_name'),
        password_hash: eb.ref('excluded.password_hash'),
        role: eb.ref('excluded.role'),
        capacity_json: eb.ref('excluded.capacity_json'),
        team_ids_json: eb.ref('excluded.team_ids_json'),
      })),
    )
    .execute();
}

export async function listAgents(ex: Executor): Promise<AgentRecord[]> {
  const rows = await ex.selectFrom('agents').selectAll().orderBy('id').execute();
  return rows.map(toRecord);
}

export async function getAgent(ex: Executor, id: string): Promise<AgentRecord | null> {
  const row = await ex.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function getAgentByUsername(ex: Executor, username: string): Promise<AgentRecord | null> {
  const row = await ex.selectFrom('agents').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function deleteAgent(ex: Executor, id: string): Promise<boolean> {
  const res = await ex.deleteFrom('agents').where('id', '=', id).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Returns false when no such agent exists. */
export async function updateAgentRuntime(ex: Executor, update: AgentRuntimeUpdate): Promise<boolean> {
  const res = await ex
    .updateTable('agents')
    .set({
      state: update.state,
      idle_reason_id: update.idleReasonId,
      state_changed_at: update.stateChangedAt,
      ready_since: update.readySince,
    })
    .where('id', '=', update.id)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
