import { customerFromRow, type CustomerRecord } from './customers';
import { fromJsonOrNull, type Executor } from './executor';

/**
 * What a restart needs per open conversation (its customer, when the customer last wrote, its
 * email subject), read for many conversations at once: a few statements per chunk instead of
 * three per conversation, so a node with 10,000 open conversations starts in seconds.
 */
export interface ConversationMetaRows {
  customers: Map<string, CustomerRecord>;
  /** conversation id → newest inbound message time (absent: the customer never wrote). */
  lastInboundAt: Map<string, number>;
  /** conversation id → the subject its first inbound message with details carries (absent: none). */
  subjects: Map<string, string>;
}

/** Well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export async function loadConversationMetaRows(ex: Executor, conversations: readonly { id: string; customerId: string }[]): Promise<ConversationMetaRows> {
  const rows: ConversationMetaRows = { customers: new Map(), lastInboundAt: new Map(), subjects: new Map() };
  for (const ids of chunks([...new Set(conversations.map((c) => c.customerId))])) {
    const found = await ex.selectFrom('customers').selectAll().where('id', 'in', ids).execute();
    for (const r of found) rows.customers.set(r.id, customerFromRow(r));
  }
  for (const ids of chunks(conversations.map((c) => c.id))) {
    const last = await ex
      .selectFrom('messages')
      .select(['conversation_id', (eb) => eb.fn.max('created_at').as('at')])
      .where('conversation_id', 'in', ids)
      .where('direction', '=', 'inbound')
      .groupBy('conversation_id')
      .execute();
    for (const r of last) if (r.at !== null) rows.lastInboundAt.set(r.conversation_id, Number(r.at));
    // The first inbound message with details, per conversation (same order as `conversationSubject`).
    const firsts = await ex
      .selectFrom((db) =>
        db
          .selectFrom('messages')
          .select([
            'conversation_id',
            'details_json',
            (eb) => eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy('conversation_id').orderBy('created_at', 'asc').orderBy('id', 'asc')).as('rn'),
          ])
          .where('conversation_id', 'in', ids)
          .where('direction', '=', 'inbound')
          .where('details_json', 'is not', null)
          .as('m'),
      )
      .select(['m.conversation_id', 'm.details_json'])
      .where('m.rn', '=', 1)
      .execute();
    for (const r of firsts) {
      const subject = (fromJsonOrNull(r.details_json) as { email?: { subject?: unknown } } | null)?.email?.subject;
      if (typeof subject === 'string') rows.subjects.set(r.conversation_id, subject);
    }
  }
  return rows;
}
