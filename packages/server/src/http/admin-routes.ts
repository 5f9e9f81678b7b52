import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { DomainError } from '@parley/core';
import * as store from '@parley/storage';
import type { Db } from '@parley/storage';
import { AgentConfig, EntryPointConfig, QueueConfig, TeamConfig } from '../config/config-file';
import { TemplateConfig, templateConfigProblems, templateRecord } from '../config/template-config';
import { hashPassword } from '../config/passwords';
import { queueHoursProblems } from '../config/business-hours-config';
import type { Parley } from '../app/parley';
import { requireAgent } from './auth';
import { adminEntryPointView, settingsForPut } from '../app/entry-points/admin-entry-points';
import { WorkflowPutBody } from '../config/workflow-config';
import { adminWorkflowView, workflowRecord } from '../app/workflows/admin-workflows';

const Reason = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), label: Type.String({ minLength: 1 }), labelZh: Type.Optional(Type.String()) }, { additionalProperties: false });

/**
 * Run-time configuration: the same entities as the config file, as REST resources. Admins write,
 * supervisors read. A change is stored, then the directory and the router pick it up at once.
 */
export function adminRoutes(app: FastifyInstance, parley: Pick<Parley, 'core' | 'sessions' | 'desk' | 'config' | 'entryPoints'>, db: Db): void {
  const { core, desk, config } = parley;
  const read = requireAgent(parley.sessions, ['admin', 'supervisor']);
  const write = requireAgent(parley.sessions, ['admin']);
  const k = db.kysely;
  const dir = core.directory;

  const resource = <T extends { id: string }>(
    name: string,
    schema: TSchema,
    list: () => unknown[],
    save: (body: T) => Promise<void>,
    remove: (id: string) => Promise<boolean>,
  ) => {
    const tags = ['admin'];
    const params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
    app.get(`/api/admin/${name}`, { onRequest: read, schema: { tags } }, async () => list());
    app.get<{ Params: { id: string } }>(`/api/admin/${name}/:id`, { onRequest: read, schema: { tags, params } }, async (req) => {
      const found = list().find((x) => (x as { id: string }).id === req.params.id);
      if (!found) throw new DomainError('PARLEY_ERR_NOT_FOUND', `No such ${name} entry`);
      return found;
    });
    app.put<{ Params: { id: string }; Body: T }>(`/api/admin/${name}/:id`, { onRequest: write, schema: { tags, params, body: schema } }, async (req) => {
      const body = req.body as T;
      if (body.id !== req.params.id) throw new DomainError('PARLEY_ERR_VALIDATION', 'The body id must match the path');
      await save(body);
      await config.configChanged();
      return list().find((x) => (x as { id: string }).id === req.params.id);
    });
    app.delete<{ Params: { id: string } }>(`/api/admin/${name}/:id`, { onRequest: write, schema: { tags, params } }, async (req, reply) => {
      if (!(await remove(req.params.id))) throw new DomainError('PARLEY_ERR_NOT_FOUND', `No such ${name} entry`);
      await config.configChanged();
      return reply.code(204).send();
    });
  };

  resource<Static<typeof AgentConfig>>(
    'agents',
    AgentConfig,
    () => desk.listAgents(),
    async (a) => {
      const prev = dir.agents.get(a.id);
      const passwordHash = a.passwordHash ?? (a.password ? await hashPassword(a.password) : prev?.passwordHash);
      if (!passwordHash) throw new DomainError('PARLEY_ERR_VALIDATION', 'A new agent needs a password');
      const now = core.now;
      await store.upsertAgent(k, {
        id: a.id, username: a.username, displayName: a.displayName, passwordHash, role: a.role ?? 'agent',
        capacity: a.capacity ?? {}, teamIds: a.teams ?? [], state: 'offline', idleReasonId: null,
        stateChangedAt: now, readySince: now, createdAt: now,
      });
    },
    async (id) => {
      if (core.engine.getAgent(id)?.state !== 'offline') throw new DomainError('PARLEY_ERR_CONFLICT', 'Log the agent out first');
      const ok = await store.deleteAgent(k, id);
      if (ok) core.engine.removeAgent(id);
      return ok;
    },
  );
  resource<Static<typeof TeamConfig>>('teams', TeamConfig, () => [...dir.teams.values()].map((t) => dir.teamDto(t)), (t) => store.upsertTeam(k, t), (id) => store.deleteTeam(k, id));
  resource<Static<typeof QueueConfig>>(
    'queues',
    QueueConfig,
    () => desk.listQueues(),
    async (q) => {
      const prev = dir.queues.get(q.id);
      if (prev && prev.channel !== q.channel) throw new DomainError('PARLEY_ERR_CONFLICT', 'A queue keeps its channel');
      const hoursProblems = q.hours ? queueHoursProblems(q.hours, dir.rules(q.channel)) : [];
      if (hoursProblems.length) throw new DomainError('PARLEY_ERR_VALIDATION', hoursProblems.join('; '));
      await store.upsertQueue(k, {
        id: q.id, name: q.name, channel: q.channel, strategy: 'longest-available',
        offerTimeoutMs: Math.round((q.offerTimeoutSeconds ?? 30) * 1000), maxWaitMs: Math.round((q.maxWaitSeconds ?? 3600) * 1000),
        transferFallback: q.transferFallback ?? 'drop', reopenTo: q.reopenTo ?? 'queue', overflowQueueId: q.overflowQueue ?? null, agentIds: q.agents ?? [], teamIds: q.teams ?? [],
        hours: q.hours ?? null,
      });
    },
    async (id) => {
      const routed = [...dir.entryPoints.values()].find((e) => e.queueId === id);
      if (routed) throw new DomainError('PARLEY_ERR_CONFLICT', `Entry point ${routed.id} routes to this queue`);
      // The router refuses (409) while the queue has open conversations, before anything changes.
      core.engine.removeQueue(id);
      try {
        return await store.deleteQueue(k, id);
      } catch (err) {
        config.syncQueues(); // still stored: put it back in the router
        throw err;
      }
    },
  );
  resource<Static<typeof EntryPointConfig>>(
    'entry-points',
    EntryPointConfig,
    () => [...dir.entryPoints.values()].map((e) => adminEntryPointView(dir, e)),
    async (e) => {
      const q = dir.queues.get(e.queue);
      if (!q || q.channel !== e.channel) throw new DomainError('PARLEY_ERR_VALIDATION', `Entry point needs a ${e.channel} queue`);
      const settings = settingsForPut(dir, parley.entryPoints.box, e);
      await store.upsertEntryPoint(k, { id: e.id, name: e.name, channel: e.channel, queueId: e.queue, address: e.address ?? '', settings });
    },
    (id) => store.deleteEntryPoint(k, id),
  );
  for (const kind of ['idle', 'wrapup'] as const) {
    const list = () => (kind === 'idle' ? dir.idleReasons : dir.wrapupReasons).map((r) => dir.reasonDto(r));
    resource<Static<typeof Reason>>(
      `${kind}-reasons`,
      Reason,
      list,
      (r) => store.upsertReason(k, kind, { id: r.id, label: r.label, labelZh: r.labelZh ?? null, position: positionOf(list(), r.id) }),
      (id) => store.deleteReason(k, kind, id),
    );
  }
  resource<Static<typeof TemplateConfig>>(
    'templates',
    TemplateConfig,
    () => dir.templates.map((t) => dir.templateDto(t)),
    async (t) => {
      // Checked on save, so an agent never meets a placeholder the engine doesn't know.
      const problems = templateConfigProblems(t, (id) => dir.queues.get(id)?.channel);
      if (problems.length) throw new DomainError('PARLEY_ERR_VALIDATION', problems.join('; '));
      await store.upsertTemplate(k, templateRecord(t, positionOf(dir.templates, t.id)));
    },
    (id) => store.deleteTemplate(k, id),
  );
  resource<WorkflowPutBody>(
    'workflows',
    WorkflowPutBody,
    () => dir.workflows.map(adminWorkflowView),
    async (w) => {
      const prev = dir.workflows.find((x) => x.id === w.id);
      const position = prev?.position ?? dir.workflows.reduce((max, x) => Math.max(max, x.position + 1), 0);
      await store.upsertWorkflow(k, workflowRecord(w, prev, new Set(dir.queues.keys()), parley.entryPoints.box, position));
    },
    (id) => store.deleteWorkflow(k, id),
  );
}

type Static<T extends TSchema> = import('@sinclair/typebox').Static<T>;

/** Keeps an entry's place when updated; a new one goes last. */
function positionOf(items: { id: string }[], id: string): number {
  const i = items.findIndex((x) => x.id === id);
  return i >= 0 ? i : items.length;
}
