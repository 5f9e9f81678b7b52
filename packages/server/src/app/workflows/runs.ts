import type { ConversationWorkflows, WorkflowField, WorkflowRunDto, WorkflowRunErrorCode, WorkflowRunStatus } from '@parley/protocol';
import { DomainError, type ConversationState } from '@parley/core';
import * as store from '@parley/storage';
import type { WorkflowRecord, WorkflowRunRecord, WorkflowRunQuery } from '@parley/storage';
import type { AppCore } from '../core';
import type { AuthedAgent } from '../auth/sessions';
import type { ConversationMeta } from '../dto';
import { loadMeta } from '../conversation-meta';
import { commitWithEvents } from '../publish/commit-events';
import { resolveSecret, SecretUnavailableError } from '../entry-points/stored-settings';
import { callWorkflow, type CallResult } from './call';
import { signatureHeaders } from './signature';
import { workflowRequestBody, type WorkflowContext } from './request-body';

const RUNS_SHOWN_IN_PANE = 50;

/**
 * Workflows run from the interaction pane (SPEC F8, docs/workflows.md): who may run which, the
 * signed request, and the run log. A run is stored `running` before its request leaves and
 * finished after; each change is an event to the conversation's agents, so panes update live.
 */
export class WorkflowRuns {
  /** Runs in flight: aborted (and recorded as interrupted) when the server stops. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly core: AppCore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** The workflows this conversation's queue may run, and its earlier runs (newest first). */
  async forConversation(agent: AuthedAgent, conversationId: string): Promise<ConversationWorkflows> {
    const { state } = await this.conversation(conversationId);
    requireParticipant(agent, state);
    const workflows = this.core.directory.workflows.filter((w) => w.queueIds.includes(state.queueId)).map((w) => ({ id: w.id, name: w.name, input: w.fields.includes('input') }));
    const runs = await store.listWorkflowRuns(this.core.deps.db.kysely, { conversationId, limit: RUNS_SHOWN_IN_PANE });
    return { workflows, runs: runs.map(runDto) };
  }

  /** Starts a run (answered at once, `running`); its outcome arrives as a `workflow.run` event. */
  async start(agent: AuthedAgent, conversationId: string, workflowId: string, input?: string): Promise<WorkflowRunDto> {
    const { core } = this;
    const w = core.directory.workflows.find((x) => x.id === workflowId);
    if (!w) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such workflow');
    const { state, meta } = await this.conversation(conversationId);
    requireParticipant(agent, state);
    if (!w.queueIds.includes(state.queueId)) throw new DomainError('PARLEY_ERR_FORBIDDEN', "This workflow is not available for the conversation's queue");
    if (this.stopping.signal.aborted) throw new DomainError('PARLEY_ERR_UNAVAILABLE', 'The server is shutting down');
    const startedAt = core.now;
    const run: WorkflowRunRecord = {
      id: store.orderedId(startedAt), workflowId: w.id, workflowName: w.name, conversationId, agentId: agent.id, agentName: core.directory.agentName(agent.id),
      status: 'running', attempts: 0, httpStatus: null, message: null, link: null, errorCode: null, reason: null, startedAt, finishedAt: null,
    };
    const body = workflowRequestBody({ runId: run.id, workflowId: w.id, startedAt }, w.fields as WorkflowField[], await this.context(w, state, meta, agent.id, input));
    await commitWithEvents(core, this.events(state, run), (trx) => store.insertWorkflowRun(trx, run));
    core.supervision.conversationEvent(run.conversationId, { type: 'workflow.run', run: runDto(run) });
    const p = this.execute(w, run, JSON.stringify(body)).catch((err: unknown) => core.deps.log.error({ err, runId: run.id }, 'workflow run failed to record'));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return runDto(run);
  }

  /** GET /api/supervisor/workflow-runs. */
  async list(q: WorkflowRunQuery): Promise<{ runs: WorkflowRunDto[] }> {
    return { runs: (await store.listWorkflowRuns(this.core.deps.db.kysely, q)).map(runDto) };
  }

  /**
   * At start-up: a run still `running` was cut short by a crash. It is marked failed
   * ("interrupted"), never re-sent: the receiver may have acted on it, and the agent decides.
   */
  async interruptLeftovers(): Promise<void> {
    const k = this.core.deps.db.kysely;
    for (;;) {
      const left = await store.listWorkflowRuns(k, { status: 'running', limit: 500 });
      for (const run of left) {
        await this.finish(run, { attempts: run.attempts, httpStatus: run.httpStatus, ok: false, errorCode: 'interrupted', reason: 'The server stopped while the workflow ran' });
      }
      if (left.length < 500) return;
    }
  }

  /** Aborts runs in flight and waits until they are recorded (as interrupted). */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private async execute(w: WorkflowRecord, run: WorkflowRunRecord, rawBody: string): Promise<void> {
    let secret: string;
    try {
      secret = resolveSecret(w.secret, this.core.entryPoints.box, this.env, `workflow "${w.id}" secret`);
    } catch (err) {
      if (!(err instanceof SecretUnavailableError)) throw err;
      this.core.deps.log.error({ workflowId: w.id, problem: err.message }, 'workflow secret unavailable');
      await this.finish(run, { attempts: 0, httpStatus: null, ok: false, errorCode: 'secret-unavailable', reason: "The workflow's secret is not available: ask an administrator" });
      return;
    }
    const result = await callWorkflow({
      url: w.url,
      rawBody,
      headers: () => ({ ...signatureHeaders(secret, Math.floor(this.core.now / 1000), rawBody), 'parley-run-id': run.id }),
      timeoutMs: w.timeoutMs,
      idempotent: w.idempotent,
      stop: this.stopping.signal,
    });
    await this.finish(run, result);
  }

  private async finish(run: WorkflowRunRecord, r: CallResult): Promise<void> {
    const { core } = this;
    const done: WorkflowRunRecord = {
      ...run,
      status: (r.ok ? 'succeeded' : 'failed') satisfies WorkflowRunStatus,
      attempts: r.attempts,
      httpStatus: r.httpStatus,
      message: r.ok ? r.message : null,
      link: r.ok ? r.link : null,
      errorCode: r.ok ? (r.ignored ? 'bad-response' : null) : r.errorCode,
      reason: r.ok ? (r.ignored ? `The receiver's answer was ignored: ${r.ignored}` : null) : r.reason,
      finishedAt: Math.max(core.now, run.startedAt),
    };
    const state = core.engine.getConversation(run.conversationId) ?? ((await store.getConversation(core.deps.db.kysely, run.conversationId))?.state as ConversationState | undefined);
    const items = state ? this.events(state, done) : [{ agentId: run.agentId, conversationId: run.conversationId, event: { type: 'workflow.run' as const, run: runDto(done) } }];
    await commitWithEvents(core, items, (trx) => store.finishWorkflowRun(trx, done));
    // Supervisors following the conversation see the outcome too.
    core.supervision.conversationEvent(run.conversationId, { type: 'workflow.run', run: runDto(done) });
    // Ids and outcome only: never the secret, the signature or the body.
    core.deps.log.info({ runId: run.id, workflowId: run.workflowId, status: done.status, attempts: done.attempts, httpStatus: done.httpStatus, errorCode: done.errorCode }, 'workflow run finished');
  }

  /** The run to the conversation's agents and the one who ran it. */
  private events(state: ConversationState, run: WorkflowRunRecord) {
    const event = { type: 'workflow.run' as const, run: runDto(run) };
    return this.core.audience(state, [run.agentId]).map((agentId) => ({ agentId, conversationId: run.conversationId, event }));
  }

  private async conversation(id: string): Promise<{ state: ConversationState; meta: ConversationMeta }> {
    const { core } = this;
    const open = core.engine.getConversation(id);
    const openMeta = open && core.meta.get(id);
    if (open && openMeta) return { state: open, meta: openMeta };
    const rec = await store.getConversation(core.deps.db.kysely, id);
    const meta = rec && (await loadMeta(core.deps.db.kysely, rec));
    if (!rec || !meta) throw new DomainError('PARLEY_ERR_NOT_FOUND', 'No such conversation');
    return { state: rec.state as ConversationState, meta };
  }

  private async context(w: WorkflowRecord, c: ConversationState, meta: ConversationMeta, agentId: string, input: string | undefined): Promise<WorkflowContext> {
    const { directory: dir, deps } = this.core;
    const ep = dir.entryPoints.get(meta.entryPointId);
    const messages = w.fields.includes('messages')
      ? (await store.listMessages(deps.db.kysely, c.id, { limit: w.lastMessages, customerVisible: true })).messages.map((m) => ({
          direction: m.direction, authorType: m.authorType, authorName: m.authorName, text: m.text, createdAt: m.createdAt,
        }))
      : [];
    return {
      conversation: { id: c.id, channel: c.channel, queue: { id: c.queueId, name: dir.queueName(c.queueId) }, entryPoint: { id: meta.entryPointId, name: ep?.name ?? meta.entryPointId }, subject: meta.subject },
      customer: { name: meta.customer.name, email: meta.customer.email ?? null, phone: meta.customer.phone ?? null, externalId: meta.externalId },
      agent: { id: agentId, name: dir.agentName(agentId) },
      messages,
      input: input?.trim() || null,
    };
  }
}

/** Who may run a workflow: an agent in the conversation (active or wrapping up), or its owner. */
function requireParticipant(agent: AuthedAgent, c: ConversationState): void {
  if (c.ownerAgentId === agent.id) return;
  if (c.participants.some((p) => p.agentId === agent.id && p.status !== 'done')) return;
  throw new DomainError('PARLEY_ERR_FORBIDDEN', 'Only an agent in the conversation may run its workflows');
}

export function runDto(r: WorkflowRunRecord): WorkflowRunDto {
  return {
    id: r.id, workflowId: r.workflowId, workflowName: r.workflowName, conversationId: r.conversationId, agentId: r.agentId, agentName: r.agentName,
    status: r.status as WorkflowRunStatus, attempts: r.attempts, httpStatus: r.httpStatus, message: r.message, link: r.link,
    errorCode: r.errorCode as WorkflowRunErrorCode | null, reason: r.reason, startedAt: r.startedAt, finishedAt: r.finishedAt,
    durationMs: r.finishedAt === null ? null : r.finishedAt - r.startedAt,
  };
}
