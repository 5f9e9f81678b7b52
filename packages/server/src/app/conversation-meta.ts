import * as store from '@parley/storage';
import type { ConversationRecord, Executor } from '@parley/storage';
import { customerDto, type ConversationMeta } from './dto';

/** A stored conversation's meta (customer, entry point, subject, last inbound time); null when its customer is gone. */
export async function loadMeta(db: Executor, rec: ConversationRecord): Promise<ConversationMeta | null> {
  const customer = await store.getCustomer(db, rec.customerId);
  if (!customer) return null;
  const lastInboundAt = await store.lastInboundAt(db, rec.id);
  // An email conversation keeps the subject it was created with (its offer and pane show it after a restart).
  const subject = await store.conversationSubject(db, rec.id);
  return { customer: customerDto(customer), externalId: customer.externalId, entryPointId: rec.entryPointId, subject, lastInboundAt };
}

/** Meta for many stored conversations at once (a restart): a few queries per 500, not three each. Those whose customer is gone are left out. */
export async function loadMetas(db: Executor, recs: readonly ConversationRecord[]): Promise<Map<string, ConversationMeta>> {
  const rows = await store.loadConversationMetaRows(db, recs);
  const metas = new Map<string, ConversationMeta>();
  for (const rec of recs) {
    const customer = rows.customers.get(rec.customerId);
    if (!customer) continue;
    metas.set(rec.id, {
      customer: customerDto(customer),
      externalId: customer.externalId,
      entryPointId: rec.entryPointId,
      subject: rows.subjects.get(rec.id) ?? null,
      lastInboundAt: rows.lastInboundAt.get(rec.id) ?? null,
    });
  }
  return metas;
}
