/** The agent event stream: app-assigned, increasing `seq`; a null agentId means every agent. */
import { CompiledQuery, type Selectable } from 'kysely';
import type { WriteStatement } from '../plan';
import type { EventsTable } from '../schema';
import { fromJson, toJson, type Executor } from './executor';
import { HotInsert } from './hot-insert';

export interface EventRecord {
  seq: number;
  agentId: string | null;
  conversationId: string | null;
  type: string;
  payload: unknown;
  /** `payload` already serialised, when the caller has it (saves a stringify on the hot path). */
  payloadJson?: string;
  createdAt: number;
}

// 500 rows × 6 columns stays far below both databases' bind-parameter limits.
const CHUNK = 500;

function toRecord(row: Selectable<EventsTable>): EventRecord {
  return {
    seq: row.seq,
    agentId: row.agent_id,
    conversationId: row.conversation_id,
    type: row.type,
    payload: fromJson(row.payload_json),
    createdAt: row.created_at,
  };
}

export function eventRow(e: EventRecord) {
  return {
    seq: e.seq,
    agent_id: e.agentId,
    conversation_id: e.conversationId,
    type: e.type,
    payload_json: e.payloadJson ?? toJson(e.payload),
    created_at: e.createdAt,
  };
}

const insertChunk = new HotInsert(
  (ex, rows: EventRecord[]) => ex.insertInto('events').values(rows.map(eventRow)),
  (rows: EventRecord[]) => rows.flatMap((e) => Object.values(eventRow(e))),
);

export async function insertEvents(ex: Executor, events: readonly EventRecord[]): Promise<void> {
  for (const s of insertEventsStatements(ex, events)) await ex.executeQuery(CompiledQuery.raw(s.sql, [...s.params]));
}

/** The statements that insert `events` (for a write plan). */
export function insertEventsStatements(ex: Executor, events: readonly EventRecord[]): WriteStatement[] {
  const out: WriteStatement[] = [];
  for (let i = 0; i < events.length; i += CHUNK) {
    const rows = events.slice(i, i + CHUNK);
    out.push(insertChunk.statement(ex, String(rows.length), rows));
  }
  return out;
}

/** Events after `sinceSeq` that `agentId` may see (its own and broadcasts), ascending. */
export async function listEventsSince(
  ex: Executor,
  agentId: string,
  sinceSeq: number,
  limit: number,
): Promise<EventRecord[]> {
  const rows = await ex
    .selectFrom('events')
    .selectAll()
    .where('seq', '>', sinceSeq)
    .where((eb) => eb.or([eb('agent_id', '=', agentId), eb('agent_id', 'is', null)]))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

/** Highest stored seq, 0 when there are none (so the next seq is max + 1). */
export async function maxEventSeq(ex: Executor): Promise<number> {
  const row = await ex
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return row?.seq === null || row?.seq === undefined ? 0 : Number(row.seq);
}

/** Lowest stored seq, null when there are none: a client behind it must resync. */
export async function minEventSeq(ex: Executor): Promise<number | null> {
  const row = await ex
    .selectFrom('events')
    .select((eb) => eb.fn.min('seq').as('seq'))
    .executeTakeFirst();
  return row?.seq === null || row?.seq === undefined ? null : Number(row.seq);
}

/** Deletes events created before `createdAt`; returns how many. */
export async function pruneEventsBefore(ex: Executor, createdAt: number): Promise<number> {
  const res = await ex.deleteFrom('events').where('created_at', '<', createdAt).executeTakeFirst();
  return Number(res.numDeletedRows);
}
