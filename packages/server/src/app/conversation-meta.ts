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
