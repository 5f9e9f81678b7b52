import type { FastifyInstance } from 'fastify';
import { AuditPage, AuditQuery, type AuditEntryDto } from '@parley/protocol/api';
import * as store from '@parley/storage';
import type { AuditRecord, Db } from '@parley/storage';
import type { Parley } from '../app/parley';
import { requireAgent } from './auth';

/** GET /api/admin/audit: the audit log, newest first, for admins only (it shows every change's before/after). */
export function auditRoutes(app: FastifyInstance, parley: Pick<Parley, 'sessions'>, db: Db): void {
  const onRequest = requireAgent(parley.sessions, ['admin']);
  app.get<{ Querystring: AuditQuery }>(
    '/api/admin/audit',
    { onRequest, schema: { tags: ['admin'], querystring: AuditQuery, response: { 200: AuditPage } } },
    async (req) => {
      const { kind, entityId, cursor, limit } = req.query;
      const page = await store.listAudit(db.kysely, {
        ...(kind !== undefined && { kind }),
        ...(entityId !== undefined && { entityId }),
        ...(cursor !== undefined && { cursor }),
        limit: limit === undefined ? 50 : Number(limit),
      });
      return { items: page.items.map(auditDto), nextCursor: page.nextCursor };
    },
  );
}

export function auditDto(r: AuditRecord): AuditEntryDto {
  return {
    id: r.id,
    at: r.at,
    actor: r.actorId === null ? null : { id: r.actorId, name: r.actorName ?? r.actorId },
    kind: r.kind as AuditEntryDto['kind'],
    entityId: r.entityId,
    action: r.action,
    before: r.before,
    after: r.after,
    reason: r.reason,
  };
}
