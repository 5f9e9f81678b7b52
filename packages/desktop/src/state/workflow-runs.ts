import type { WorkflowRunDto } from '@parley/protocol';

/** Workflow runs seen on the event stream, by conversation then run id. */
export type WorkflowRunsState = Record<string, Record<string, WorkflowRunDto>>;

/** A run's latest state; a finished run never goes back to running (events may be replayed). */
export function withWorkflowRun(runs: WorkflowRunsState, run: WorkflowRunDto): WorkflowRunsState {
  const mine = runs[run.conversationId] ?? {};
  const prev = mine[run.id];
  if (prev && prev.status !== 'running' && run.status === 'running') return runs;
  return { ...runs, [run.conversationId]: { ...mine, [run.id]: run } };
}

/** Runs from a fetch and from events, one per id (the finished one wins), newest first. */
export function mergeRuns(fetched: readonly WorkflowRunDto[], live: Record<string, WorkflowRunDto> | undefined): WorkflowRunDto[] {
  const byId = new Map(fetched.map((r) => [r.id, r]));
  for (const r of Object.values(live ?? {})) {
    const prev = byId.get(r.id);
    if (!prev || prev.status === 'running') byId.set(r.id, r);
  }
  return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1));
}
