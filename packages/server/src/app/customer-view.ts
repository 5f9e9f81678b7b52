import type { ConversationState } from '@parley/core';

/** Notices the customer sees (the rest are for agents only), e.g. why a transfer ended the chat. */
export const CUSTOMER_NOTICES: ReadonlySet<string> = new Set([
  'agent_joined',
  'agent_left',
  'conference_joined',
  'conference_left',
  'transferred',
  'transfer_failed',
  'no_agent_available',
  'customer_left',
  'abandoned',
]);

/** Page sizes of a customer's thread: the snapshot's newest page, and older pages on scroll. */
export const CUSTOMER_PAGE = 100;

/**
 * Who is chatting with the customer now, owner first: the widget's header names them. Derived
 * from the participants, so it is right after a conference exit or a transfer, and after a reload.
 */
export function customerAgents(c: ConversationState | undefined, agentName: (agentId: string) => string): string[] {
  if (!c) return [];
  return c.participants
    .filter((p) => p.status === 'active')
    .sort((a, b) => Number(b.role === 'owner') - Number(a.role === 'owner'))
    .map((p) => agentName(p.agentId));
}
