import type { WorkflowField } from '@parley/protocol';

/** What a workflow request can carry, gathered by the run use case. */
export interface WorkflowContext {
  conversation: { id: string; channel: string; queue: { id: string; name: string }; entryPoint: { id: string; name: string }; subject: string | null };
  customer: { name: string | null; email: string | null; phone: string | null; externalId: string };
  agent: { id: string; name: string };
  messages: { direction: string; authorType: string; authorName: string; text: string; createdAt: number }[];
  /** What the agent typed for this run; null when nothing. */
  input: string | null;
}

/**
 * The JSON body: the run's identity, then only the fields the workflow names, each at its dotted
 * path (`customer.name` → `{customer: {name}}`). Pure: the same context gives the same body.
 */
export function workflowRequestBody(
  run: { runId: string; workflowId: string; startedAt: number },
  fields: readonly WorkflowField[],
  ctx: WorkflowContext,
): Record<string, unknown> {
  const body: Record<string, unknown> = { runId: run.runId, workflowId: run.workflowId, startedAt: new Date(run.startedAt).toISOString() };
  for (const field of fields) {
    const path = field.split('.');
    let from: unknown = ctx;
    for (const key of path) from = (from as Record<string, unknown>)[key];
    let into = body;
    for (const key of path.slice(0, -1)) into = (into[key] ??= {}) as Record<string, unknown>;
    into[path[path.length - 1]!] = from ?? null;
  }
  return body;
}
