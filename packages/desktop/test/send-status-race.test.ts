import { describe, expect, it } from 'vitest';
import type { AgentDto, ConversationDto, MessageDto, StoredEvent } from '@parley/protocol';
import { deskReducer } from '../src/state/reducer';
import { initialDeskState, type DeskAction, type DeskState } from '../src/state/types';

/**
 * A fast provider answers before the agent's POST does: the stored message, its `failed` receipt, then
 * the POST's answer (the message as stored at creation, still pending). The receipt must stand.
 */
const me: AgentDto = {
  id: 'a1', username: 'agent1', displayName: 'Agent One', role: 'agent', state: 'available', idleReasonId: null,
  stateChangedAt: 0, capacity: { whatsapp: 2 }, load: {}, queueIds: ['q'], teamIds: [],
};
const active: ConversationDto = {
  id: 'c1', channel: 'whatsapp', entryPointId: 'wa', entryPointName: 'WhatsApp', entryPointAddress: '+15550001111', queueId: 'q', queueName: 'WhatsApp',
  customer: { id: 'u', channel: 'whatsapp', name: 'Maria', phone: '+16505551234' }, status: 'active', ownerAgentId: 'a1',
  participants: [{ agentId: 'a1', role: 'owner', status: 'active', joinedAt: 20 }], offer: null, createdAt: 1, queuedAt: 1, acceptedAt: 20, endedAt: null, endedBy: null,
};
const local: MessageDto = {
  id: 'local:x', clientId: 'x', conversationId: 'c1', direction: 'outbound', authorType: 'agent', authorId: 'a1', authorName: 'Agent One',
  text: 'Are you there?', attachments: [], status: 'pending', statusReason: null, createdAt: 100,
};
const stored: MessageDto = { ...local, id: 'm9' };
let seq = 1;
const ev = (e: StoredEvent extends infer T ? (T extends unknown ? Omit<T, 'seq' | 'at'> : never) : never): DeskAction =>
  ({ type: 'event', event: { ...e, seq: ++seq, at: 0 } as StoredEvent });
const run = (actions: DeskAction[], s: DeskState = initialDeskState) => actions.reduce(deskReducer, s);
const start: DeskAction = { type: 'snapshot', snapshot: { seq: 1, epoch: 'e1', agent: me, conversations: [active], offers: [] } };
const reason = '131047: Re-engagement message';

describe('a send whose receipts beat its own answer', () => {
  it('keeps the failed receipt when the POST answer (still pending) arrives after it', () => {
    const s = run([
      start,
      { type: 'send.pending', message: local },
      ev({ type: 'message.created', message: stored }),
      ev({ type: 'message.status', conversationId: 'c1', messageId: 'm9', status: 'failed', reason }),
      { type: 'send.done', message: stored },
    ]);
    expect(s.threads.c1?.items).toHaveLength(1);
    expect(s.threads.c1?.items[0]).toMatchObject({ id: 'm9', status: 'failed', statusReason: reason });
  });

  it('keeps a delivered receipt likewise', () => {
    const s = run([
      start,
      { type: 'send.pending', message: local },
      ev({ type: 'message.created', message: stored }),
      ev({ type: 'message.status', conversationId: 'c1', messageId: 'm9', status: 'delivered' }),
      { type: 'send.done', message: stored },
    ]);
    expect(s.threads.c1?.items[0]).toMatchObject({ id: 'm9', status: 'delivered' });
  });

  it('a retry (the same clientId sent again) still shows Sending… until its answer', () => {
    const s = run([
      start,
      { type: 'send.pending', message: local },
      { type: 'send.failed', conversationId: 'c1', clientId: 'x', reason: 'No connection' },
      { type: 'send.pending', message: local },
    ]);
    expect(s.threads.c1?.items[0]).toMatchObject({ status: 'pending' });
  });
});
