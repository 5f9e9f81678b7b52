import { stringArray, toJson, type Executor } from './executor';

export interface WrapupRecord {
  id: string;
  conversationId: string;
  agentId: string;
  reasonIds: string[];
  createdAt: number;
}

export async function insertWrapup(ex: Executor, rec: WrapupRecord): Promise<void> {
  await ex
    .insertInto('wrapups')
    .values({
      id: rec.id,
      conversation_id: rec.conversationId,
      agent_id: rec.agentId,
      reason_ids_json: toJson(rec.reasonIds),
      created_at: rec.createdAt,
    })
    .execute();
}

export async function listWrapups(ex: Executor, conversationId: string): Promise<WrapupRecord[]> {
  const rows = await ex
    .selectFrom('wrapups')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversation_id,
    agentId: r.agent_id,
    reasonIds: stringArray(r.reason_ids_json),
    createdAt: r.created_at,
  }));
}
