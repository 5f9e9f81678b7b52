/** Report facts: what the day's figures count, appended in the routing change's transaction, never pruned. */
import { orderedId } from '../ordered-id';
import type { Executor } from './executor';

export type ReportFactKind = 'queued' | 'accepted' | 'rona' | 'abandoned' | 'transferred' | 'handled' | 'wrapup';

export interface ReportFact {
  at: number;
  kind: ReportFactKind;
  conversationId: string;
  queueId: string;
  channel: string;
  agentId: string | null;
  /** Wait (accepted) or handle time (handled), in ms. */
  ms: number | null;
  /** transferred: `queue:<id>` or `agent:<id>`; wrapup: the reason id. */
  detail: string | null;
}

// 500 rows × 9 columns stays below both databases' bind-parameter limits.
const CHUNK = 500;

export async function insertReportFacts(ex: Executor, facts: readonly ReportFact[]): Promise<void> {
  for (let i = 0; i < facts.length; i += CHUNK) {
    const rows = facts.slice(i, i + CHUNK).map((f) => ({
      id: orderedId(f.at),
      at: f.at,
      kind: f.kind,
      conversation_id: f.conversationId,
      queue_id: f.queueId,
      channel: f.channel,
      agent_id: f.agentId,
      ms: f.ms,
      detail: f.detail,
    }));
    await ex.insertInto('report_facts').values(rows).execute();
  }
}

/** Facts with `from <= at < to`, oldest first. */
export async function listReportFacts(ex: Executor, from: number, to: number): Promise<ReportFact[]> {
  const rows = await ex
    .selectFrom('report_facts')
    .selectAll()
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    at: Number(r.at),
    kind: r.kind as ReportFactKind,
    conversationId: r.conversation_id,
    queueId: r.queue_id,
    channel: r.channel,
    agentId: r.agent_id,
    ms: r.ms === null ? null : Number(r.ms),
    detail: r.detail,
  }));
}

/** The queue of the agent's last handled part of a conversation (where its wrap-up counts), if any. */
export async function lastHandledQueue(ex: Executor, conversationId: string, agentId: string): Promise<string | undefined> {
  const row = await ex
    .selectFrom('report_facts')
    .select('queue_id')
    .where('conversation_id', '=', conversationId)
    .where('agent_id', '=', agentId)
    .where('kind', '=', 'handled')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.queue_id;
}
