/** The audit log (who changed what, when, before/after) and the configuration's own state. */
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../schema';
import { fromJson, fromJsonOrNull, toJson, type Executor } from './executor';

export type AuditAction = 'create' | 'update' | 'delete' | 'state' | 'apply';

export interface AuditRecord {
  /** Ordered id (UUIDv7): newest first is descending id. */
  id: string;
  at: number;
  /** null: the config file. */
  actorId: string | null;
  actorName: string | null;
  kind: string;
  entityId: string;
  action: AuditAction;
  /** JSON values as recorded (already redacted by the caller); null when none. */
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditQuery {
  kind?: string;
  entityId?: string;
  /** The last id of the previous page: entries older than it. */
  cursor?: string;
  limit: number;
}

export interface AuditPage {
  items: AuditRecord[];
  /** Pass as `cursor` for the next (older) page; null when this was the last. */
  nextCursor: string | null;
}

function fromRow(r: Selectable<AuditLogTable>): AuditRecord {
  return {
    id: r.id,
    at: Number(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    kind: r.kind,
    entityId: r.entity_id,
    action: r.action as AuditAction,
    before: fromJsonOrNull(r.before_json),
    after: fromJsonOrNull(r.after_json),
    reason: r.reason,
  };
}

const jsonOrNull = (v: unknown): string | null => (v === undefined || v === null ? null : toJson(v));

export async function insertAudit(ex: Executor, a: AuditRecord): Promise<void> {
  await ex
    .insertInto('audit_log')
    .values({
      id: a.id,
      at: a.at,
      actor_id: a.actorId,
      actor_name: a.actorName,
      kind: a.kind,
      entity_id: a.entityId,
      action: a.action,
      before_json: jsonOrNull(a.before),
      after_json: jsonOrNull(a.after),
      reason: a.reason,
    })
    .execute();
}

/** Newest first, `limit` per page, optionally one kind and/or one entity. */
export async function listAudit(ex: Executor, q: AuditQuery): Promise<AuditPage> {
  let query = ex.selectFrom('audit_log').selectAll();
  if (q.kind !== undefined) query = query.where('kind', '=', q.kind);
  if (q.entityId !== undefined) query = query.where('entity_id', '=', q.entityId);
  if (q.cursor !== undefined) query = query.where('id', '<', q.cursor);
  const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
  const items = rows.slice(0, q.limit).map(fromRow);
  return { items, nextCursor: rows.length > q.limit ? items[items.length - 1]!.id : null };
}

export async function getConfigState(ex: Executor, key: string): Promise<unknown> {
  const row = await ex.selectFrom('config_state').select('value_json').where('key', '=', key).executeTakeFirst();
  return row === undefined ? undefined : fromJson(row.value_json);
}

export async function setConfigState(ex: Executor, key: string, value: unknown, now: number): Promise<void> {
  const row = { key, value_json: toJson(value), updated_at: now };
  await ex
    .insertInto('config_state')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: row.value_json, updated_at: now }))
    .execute();
}
