import type { MessageDto } from '@parley/protocol';

/** Email threads read newest first, like a mail client. */
export const newestFirst = (items: readonly MessageDto[]): MessageDto[] => [...items].reverse();

/** The email the composer answers: the newest from the customer (else the newest of all). */
export function answeredEmail(items: readonly MessageDto[]): MessageDto | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.direction === 'inbound' && items[i]!.email) return items[i];
  return latestEmail(items);
}

/** The email a message in this mode threads on: Forward sends the latest email (the one it quotes), the others answer. */
export function parentEmail(mode: 'reply' | 'replyAll' | 'forward', items: readonly MessageDto[]): MessageDto | undefined {
  return mode === 'forward' ? latestEmail(items) : answeredEmail(items);
}

export function latestEmail(items: readonly MessageDto[]): MessageDto | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!.email) return items[i];
  return undefined;
}

/** Our own mailbox: the From of the emails we sent, else the mailbox the customer wrote to. */
export function ownAddresses(items: readonly MessageDto[]): string[] {
  const sent = items.filter((m) => m.direction === 'outbound' && m.email).map((m) => m.email!.from.address);
  if (sent.length) return sent;
  const first = items.find((m) => m.direction === 'inbound' && m.email);
  return first?.email?.to[0] ? [first.email.to[0].address] : [];
}

/**
 * The inbound email that arrived while the agent was writing (to highlight, with the banner), or
 * null. `seenId` is the newest inbound email when the agent started writing.
 */
export function arrivedWhileWriting(items: readonly MessageDto[], seenId: string | null, writing: boolean): string | null {
  if (!writing) return null;
  const newest = [...items].reverse().find((m) => m.direction === 'inbound');
  return newest && newest.id !== seenId ? newest.id : null;
}
