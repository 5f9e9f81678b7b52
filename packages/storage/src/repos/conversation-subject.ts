import { fromJsonOrNull, type Executor } from './executor';

/**
 * The subject an email conversation is shown under: its first inbound message's
 * `details.email.subject` (what the conversation was created with). Null for conversations whose
 * first inbound message carries no subject (other channels).
 */
export async function conversationSubject(ex: Executor, conversationId: string): Promise<string | null> {
  const row = await ex
    .selectFrom('messages')
    .select('details_json')
    .where('conversation_id', '=', conversationId)
    .where('direction', '=', 'inbound')
    .where('details_json', 'is not', null)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(1)
    .executeTakeFirst();
  const details = fromJsonOrNull(row?.details_json ?? null) as { email?: { subject?: unknown } } | null;
  const subject = details?.email?.subject;
  return typeof subject === 'string' ? subject : null;
}
