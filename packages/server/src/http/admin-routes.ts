import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { DomainError } from '@parley/core';
import * as store from '@parley/storage';
import type { Db, Executor } from '@parley/storage';
import { AgentConfig, EntryPointConfig, QueueConfig, TeamConfig } from '../config/config-file';
import { TemplateConfig, templateConfigProblems, templateRecord } from '../config/template-config';
import { hashPassword, verifyPassword } from '../config/passwords';
import { queueHoursProblems } from '../config/business-hours-config';
import type { Parley } from '../app/parley';
import { requireAgent } from './auth';
import { settingsForPut } from '../app/entry-points/admin-entry-points';
import { WorkflowPutBody } from '../config/workflow-config';
import { workflowRecord } from '../app/workflows/admin-workflows';
import { recordAudit, SECRETS_CHANGED, secretsWritten, type AuditKind } from '../app/admin/audit';
import { agentShape, entryPointShape, queueRecordOf, queueShape, reasonShape, teamShape, templateShape, workflowShape } from '../app/admin/config-shapes';
import { checkAgentReferences, checkEntryPointReferences, checkQueueReferences } from '../app/admin/references';
import { refuseAgentInUse, refuseEntryPointInUse, refuseIdleReasonInUse, refuseQueueInUse, refuseTeamInUse } from '../app/admin/in-use';
import { sameJson } from '../app/admin/same-json';

const Reason = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), label: Type.String({ minLength: 1 }), labelZh: Type.Optional(Type.String()) }, { additionalProperties: false });

type Write = (ex: Executor) => Promise<void>;

interface Resource<T, S> {
  /** The URL segment: /api/admin/<name>. */
  name: string;
  kind: AuditKind;
  schema: TSchema;
  /** Every entry in its read shape (= its PUT shape), from the configuration in memory. */
  list: () => S[];
  /** One entry in its read shape, from storage (inside the change's transaction, for the audit log). */
  load: (ex: Executor, id: string) => Promise<S | undefined>;
  /** Checks the body (400/409 naming the field), does slow work (hashing), and gives the write. */
  prepare: (body: T, actorId: string) => Promise<Write>;
  /** Throws 409 with why while something uses it. */
  refuseInUse?: (id: string, actorId: string) => void;
  remove: (ex: Executor, id: string) => Promise<boolean>;
  /** After the delete committed, or (`failed`) after it didn't. */
  afterRemove?: (id: string, failed: boolean) => void;
  /** After a PUT committed and the configuration was reloaded. */
  afterSave?: (body: T, req: FastifyRequest) => Promise<void>;
}

/**
 * Run-time configuration: the same entities as the config file, as REST resources, read in the
 * shape they are written. Admins write, supervisors read. Each change and its audit entry (who,
 * what, before/after) commit together; then the directory and the router pick the change up at once.
 */
export function adminRoutes(app: FastifyInstance, parley: Pick<Parley, 'core' | 'sessions' | 'config' | 'entryPoints'>, db: Db): void {
  const { core, config } = parley;
  const read = requireAgent(parley.sessions, ['admin', 'supervisor']);
  const write = requireAgent(parley.sessions, ['admin']);
  const k = db.kysely;
  const dir = core.directory;
  const actorOf = (req: FastifyRequest) => ({ id: req.agent.id, name: dir.agentName(req.agent.id) });

  const resource = <T extends { id: string }, S extends { id: string }>(r: Resource<T, S>) => {
    const tags = ['admin'];
    const params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
    const find = (id: string) => {
      const found = r.list().find((x) => x.id === id);
      if (!found) throw new DomainError('PARLEY_ERR_NOT_FOUND', `No such ${r.name} entry`);
      return found;
    };
    app.get(`/api/admin/${r.name}`, { onRequest: read, schema: { tags } }, async () => r.list());
    app.get<{ Params: { id: string } }>(`/api/admin/${r.name}/:id`, { onRequest: read, schema: { tags, params } }, async (req) => find(req.params.id));
    app.put<{ Params: { id: string }; Body: T }>(`/api/admin/${r.name}/:id`, { onRequest: write, schema: { tags, params, body: r.schema } }, async (req) => {
      const body = req.body as T;
      const { id } = req.params;
      if (body.id !== id) throw new DomainError('PARLEY_ERR_VALIDATION', 'id: the body id must match the path');
      const save = await r.prepare(body, req.agent.id);
      await k.transaction().execute(async (trx) => {
        const before = await r.load(trx, id);
        await save(trx);
        const after = await r.load(trx, id);
        const written = secretsWritten(body);
        if (before && sameJson(before, after) && !written.length) return; // nothing changed: nothing to record
        await recordAudit(trx, {
          at: core.now, actor: actorOf(req), kind: r.kind, entityId: id, action: before ? 'update' : 'create', before,
          // Secrets written are named, never shown.
          after: written.length ? { ...after, [SECRETS_CHANGED]: written } : after,
        });
      });
      await config.configChanged();
      await r.afterSave?.(body, req);
      return find(id);
    });
    app.delete<{ Params: { id: string } }>(`/api/admin/${r.name}/:id`, { onRequest: write, schema: { tags, params } }, async (req, reply) => {
      const { id } = req.params;
      r.refuseInUse?.(id, req.agent.id);
      let removed = false;
      try {
        await k.transaction().execute(async (trx) => {
          const before = await r.load(trx, id);
          if (!before || !(await r.remove(trx, id))) return;
          await recordAudit(trx, { at: core.now, actor: actorOf(req), kind: r.kind, entityId: id, action: 'delete', before });
          removed = true;
        });
      } finally {
        r.afterRemove?.(id, !removed);
      }
      if (!removed) throw new DomainError('PARLEY_ERR_NOT_FOUND', `No such ${r.name} entry`);
      await config.configChanged();
      return reply.code(204).send();
    });
  };

  const finder = <R extends { id: string }, S>(all: (ex: Executor) => Promise<R[]>, shape: (r: R) => S) => async (ex: Executor, id: string) => {
    const found = (await all(ex)).find((x) => x.id === id);
    return found && shape(found);
  };

  // Bodies whose password replaced another one: the agent's old sessions end once it is stored.
  const newPasswordFor = new WeakSet<object>();
  resource<Static<typeof AgentConfig>, ReturnType<typeof agentShape>>({
    name: 'agents',
    kind: 'agent',
    schema: AgentConfig,
    list: () => [...dir.agents.values()].map(agentShape),
    load: async (ex, id) => {
      const a = await store.getAgent(ex, id);
      return a ? agentShape(a) : undefined;
    },
    prepare: async (a, actorId) => {
      checkAgentReferences(dir, a, actorId);
      const prev = dir.agents.get(a.id);
      const passwordHash = a.passwordHash ?? (a.password ? await hashPassword(a.password) : prev?.passwordHash);
      if (!passwordHash) throw new DomainError('PARLEY_ERR_VALIDATION', 'password: a new agent needs a password');
      if (prev && passwordHash !== prev.passwordHash && !(a.password && (await verifyPassword(a.password, prev.passwordHash)))) newPasswordFor.add(a);
      const now = core.now;
      return (ex) =>
        store.upsertAgent(ex, {
          id: a.id, username: a.username, displayName: a.displayName, passwordHash, role: a.role ?? 'agent',
          capacity: a.capacity ?? {}, teamIds: a.teams ?? [], state: 'offline', idleReasonId: null,
          stateChangedAt: now, readySince: now, createdAt: now,
        });
    },
    // Whoever holds a token from the old password is signed out (an admin changing their own keeps this session).
    afterSave: async (a, req) => {
      if (newPasswordFor.has(a)) await parley.sessions.endSessionsOf(a.id, 'password changed', a.id === req.agent.id ? req.agent.tokenHash : undefined);
    },
    refuseInUse: (id, actorId) => refuseAgentInUse(core, id, actorId),
    remove: (ex, id) => store.deleteAgent(ex, id),
    afterRemove: (id, failed) => {
      if (!failed) core.engine.removeAgent(id);
    },
  });
  resource<Static<typeof TeamConfig>, ReturnType<typeof teamShape>>({
    name: 'teams',
    kind: 'team',
    schema: TeamConfig,
    list: () => [...dir.teams.values()].map(teamShape),
    load: finder(store.listTeams, teamShape),
    prepare: async (t) => (ex) => store.upsertTeam(ex, { id: t.id, name: t.name }),
    refuseInUse: (id) => refuseTeamInUse(core, id),
    remove: (ex, id) => store.deleteTeam(ex, id),
  });
  resource<Static<typeof QueueConfig>, ReturnType<typeof queueShape>>({
    name: 'queues',
    kind: 'queue',
    schema: QueueConfig,
    list: () => [...dir.queues.values()].map(queueShape),
    load: finder(store.listQueues, queueShape),
    prepare: async (q) => {
      checkQueueReferences(dir, q);
      const hoursProblems = q.hours ? queueHoursProblems(q.hours, dir.rules(q.channel)) : [];
      if (hoursProblems.length) throw new DomainError('PARLEY_ERR_VALIDATION', hoursProblems.join('; '));
      return (ex) => store.upsertQueue(ex, queueRecordOf(q));
    },
    refuseInUse: (id) => {
      refuseQueueInUse(core, id);
      // Out of the router first: it refuses (409) while the queue has open conversations.
      core.engine.removeQueue(id);
    },
    remove: (ex, id) => store.deleteQueue(ex, id),
    afterRemove: (_id, failed) => {
      if (failed) config.syncQueues(); // still stored: put it back in the router
    },
  });
  resource<Static<typeof EntryPointConfig>, ReturnType<typeof entryPointShape>>({
    name: 'entry-points',
    kind: 'entry-point',
    schema: EntryPointConfig,
    list: () => [...dir.entryPoints.values()].map(entryPointShape),
    load: finder(store.listEntryPoints, entryPointShape),
    prepare: async (e) => {
      checkEntryPointReferences(dir, e);
      const settings = settingsForPut(dir, parley.entryPoints.box, e);
      return (ex) => store.upsertEntryPoint(ex, { id: e.id, name: e.name, channel: e.channel, queueId: e.queue, address: e.address ?? '', settings });
    },
    refuseInUse: (id) => refuseEntryPointInUse(core, id),
    remove: (ex, id) => store.deleteEntryPoint(ex, id),
  });
  for (const kind of ['idle', 'wrapup'] as const) {
    const records = () => (kind === 'idle' ? dir.idleReasons : dir.wrapupReasons);
    resource<Static<typeof Reason>, ReturnType<typeof reasonShape>>({
      name: `${kind}-reasons`,
      kind: `${kind}-reason`,
      schema: Reason,
      list: () => records().map(reasonShape),
      load: finder((ex) => store.listReasons(ex, kind), reasonShape),
      prepare: async (r) => (ex) => store.upsertReason(ex, kind, { id: r.id, label: r.label, labelZh: r.labelZh ?? null, position: positionOf(records(), r.id) }),
      ...(kind === 'idle' && { refuseInUse: (id: string) => refuseIdleReasonInUse(core, id) }),
      remove: (ex, id) => store.deleteReason(ex, kind, id),
    });
  }
  resource<Static<typeof TemplateConfig>, ReturnType<typeof templateShape>>({
    name: 'templates',
    kind: 'template',
    schema: TemplateConfig,
    list: () => dir.templates.map(templateShape),
    load: finder(store.listTemplates, templateShape),
    prepare: async (t) => {
      // Checked on save, so an agent never meets a placeholder the engine doesn't know.
      const problems = templateConfigProblems(t, (id) => dir.queues.get(id)?.channel);
      if (problems.length) throw new DomainError('PARLEY_ERR_VALIDATION', problems.join('; '));
      return (ex) => store.upsertTemplate(ex, templateRecord(t, positionOf(dir.templates, t.id)));
    },
    remove: (ex, id) => store.deleteTemplate(ex, id),
  });
  resource<WorkflowPutBody, ReturnType<typeof workflowShape>>({
    name: 'workflows',
    kind: 'workflow',
    schema: WorkflowPutBody,
    list: () => dir.workflows.map(workflowShape),
    load: finder(store.listWorkflows, workflowShape),
    prepare: async (w) => {
      const prev = dir.workflows.find((x) => x.id === w.id);
      const position = prev?.position ?? dir.workflows.reduce((max, x) => Math.max(max, x.position + 1), 0);
      const rec = workflowRecord(w, prev, new Set(dir.queues.keys()), parley.entryPoints.box, position);
      return (ex) => store.upsertWorkflow(ex, rec);
    },
    remove: (ex, id) => store.deleteWorkflow(ex, id),
  });
}

type Static<T extends TSchema> = import('@sinclair/typebox').Static<T>;

/** Keeps an entry's place when updated; a new one goes last. */
function positionOf(items: { id: string }[], id: string): number {
  const i = items.findIndex((x) => x.id === id);
  return i >= 0 ? i : items.length;
}
