import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The audit log (GET /api/admin/audit, admins only): each configuration change and supervisor
 * action — who, what, when, before and after in the admin API's read shape (secrets as
 * `{ set, source }`, never their value; passwords never). Newest first, paged by `cursor`.
 */

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'state', 'apply'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_KINDS = ['queue', 'agent', 'team', 'entry-point', 'idle-reason', 'wrapup-reason', 'template', 'workflow', 'agent-state', 'config'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export const AuditEntryDto = Type.Object({
  id: Type.String({ description: 'ordered: a later entry has a greater id' }),
  at: Type.Integer({ description: 'epoch ms' }),
  actor: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, { description: "null: the config file" })),
  kind: Type.Union(AUDIT_KINDS.map((k) => Type.Literal(k))),
  entityId: Type.String(),
  action: Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a))),
  before: Type.Unknown({ description: 'the entity before (null on create)' }),
  after: Type.Unknown({ description: 'the entity after (null on delete)' }),
  reason: Nullable(Type.String()),
});
export type AuditEntryDto = Static<typeof AuditEntryDto>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntryDto),
  nextCursor: Nullable(Type.String({ description: 'pass as `cursor` for older entries; null on the last page' })),
});
export type AuditPage = Static<typeof AuditPage>;

/** Query strings are text: `limit` is a digit string, 1–200 (default 50). */
export const AuditQuery = Type.Object(
  {
    kind: Type.Optional(Type.Union(AUDIT_KINDS.map((k) => Type.Literal(k)))),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]?|1[0-9]{2}|200)$', description: 'an integer 1–200 (default 50)' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;
