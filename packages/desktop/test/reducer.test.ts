import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_RULES, type AgentDto, type ConversationDto, type MessageDto, type OfferDto, type StoredEvent } from '@parley/protocol';
import { deskReducer } from '../src/state/reducer';
import { initialDeskState, type DeskAction, type DeskState } from '../src/state/types';
import { mergeStatus, upsertMessage } from '../src/state/thread';
import { taskPhase } from '../src/state/conversation';
import { paneActions } from '../src/features/pane/availability';
import { offerFields } from '../src/features/offers/fields';
import { backoffDelay } from '../src/api/socket';
import { initials } from '../src/features/pane/text';

const me: AgentDto = {
  id: 'a1', username: 'agent1', displayName: 'Agent One', role: 'agent', state: 'available', idleReasonId: null,
  stateChangedAt: 0, capacity: { webchat: 2 }, load: {}, queueIds: ['q'], teamIds: [],
};
const conv = (over: Partial<ConversationDto> = {}): ConversationDto => ({
  id: 'c1', channel: 'webchat', entryPointId: 'web', entryPointName: 'Website', entryPointAddress: '', queueId: 'q', queueName: 'Chat',
  customer: { id: 'u', channel: 'webchat', name: 'Jane Doe', email: 'jane@example.com' }, status: 'offered', ownerAgentId: null,
  participants: [], offer: null, createdAt: 1, queuedAt: 1, acceptedAt: null, endedAt: null, endedBy: null, ...over,
});
const offer: OfferDto = { conversationId: 'c1', agentId: 'a1', kind: 'route', offeredAt: 10, deadline: 40, fromAgentId: null };
const msg = (over: Partial<MessageDto> = {}): MessageDto => ({
  id: 'm1', conversationId: 'c1', direction: 'inbound', authorType: 'customer', authorId: null, authorName: 'Jane Doe', text: 'hi',
  attachments: [], status: 'received', createdAt: 100, ...over,
});
let seq = 1;
const ev = (e: StoredEvent extends infer T ? (T extends unknown ? Omit<T, 'seq' | 'at'> : never) : never): DeskAction =>
  ({ type: 'event', event: { ...e, seq: ++seq, at: 0 } as StoredEvent });
const run = (actions: DeskAction[], s: DeskState = initialDeskState) => actions.reduce(deskReducer, s);
const start: DeskAction = { type: 'snapshot', snapshot: { seq: 1, epoch: 'e1', agent: me, conversations: [], offers: [] } };
const active = conv({ status: 'active', ownerAgentId: 'a1', participants: [{ agentId: 'a1', role: 'owner', status: 'active', joinedAt: 20 }] });

describe('desk reducer', () => {
  it('offers appear, time out and disappear; RONA comes from agent.updated', () => {
    const s1 = run([start, ev({ type: 'offer.created', offer, conversation: conv({ offer }) })]);
    expect(s1.offers.c1).toBeDefined();
    expect(s1.order).toEqual(['c1']);
    const s2 = run([ev({ type: 'offer.withdrawn', conversationId: 'c1', agentId: 'a1', reason: 'timeout' }), ev({ type: 'agent.updated', agent: { ...me, state: 'rona' } })], s1);
    expect(s2.offers).toEqual({});
    expect(s2.conversations).toEqual({});
    expect(s2.me?.state).toBe('rona');
  });

  it('ignores replayed events (seq ≤ last seen)', () => {
    const s1 = run([start, ev({ type: 'agent.updated', agent: { ...me, state: 'idle' } })]);
    const again = deskReducer(s1, { type: 'event', event: { type: 'agent.updated', agent: { ...me, state: 'rona' }, seq: s1.seq, at: 0 } });
    expect(again).toBe(s1);
  });

  it('optimistic send: pending, replaced by the stored message, later statuses only move forward', () => {
    const s1 = run([start, { type: 'conversation', conversation: active }]);
    const local = msg({ id: 'local:x', clientId: 'x', direction: 'outbound', authorType: 'agent', authorId: 'a1', status: 'pending', createdAt: 200 });
    const s2 = run([{ type: 'send.pending', message: local }, { type: 'send.done', message: { ...local, id: 'm9', status: 'sent' } }], s1);
    expect(s2.threads.c1?.items.map((m) => [m.id, m.status])).toEqual([['m9', 'sent']]);
    const s3 = run(
      [
        ev({ type: 'message.status', conversationId: 'c1', messageId: 'm9', status: 'read' }),
        ev({ type: 'message.status', conversationId: 'c1', messageId: 'm9', status: 'delivered' }),
      ],
      s2,
    );
    expect(s3.threads.c1?.items[0]?.status).toBe('read');
    const s4 = run([{ type: 'send.pending', message: { ...local, clientId: 'y', id: 'local:y' } }, { type: 'send.failed', conversationId: 'c1', clientId: 'y', reason: 'No connection' }], s3);
    expect(s4.threads.c1?.items[1]).toMatchObject({ status: 'failed', statusReason: 'No connection' });
  });

  it('counts unread customer messages for tasks that are not selected', () => {
    const other = { ...active, id: 'c2' };
    const s = run([start, { type: 'conversation', conversation: active }, { type: 'conversation', conversation: other }, { type: 'select', conversationId: 'c1' }, ev({ type: 'message.created', message: msg({ conversationId: 'c2' }) })]);
    expect(s.unread).toEqual({ c2: 1 });
    expect(run([{ type: 'select.step', delta: 1 }], s).unread).toEqual({});
  });

  it('wrap-up: the participant status opens it; Submit removes the task; late events do not bring it back', () => {
    const wrap = { ...active, status: 'ended' as const, participants: [{ agentId: 'a1', role: 'owner' as const, status: 'wrapup' as const, joinedAt: 20 }] };
    const s1 = run([start, { type: 'conversation', conversation: active }, ev({ type: 'conversation.updated', conversation: wrap })]);
    expect(s1.wrapup.c1).toBe(true);
    expect(taskPhase({ conversation: wrap, meId: 'a1', offered: false, wrapup: true })).toBe('wrapup');
    const s2 = run([{ type: 'wrapup.done', conversationId: 'c1' }, ev({ type: 'conversation.updated', conversation: wrap })], s1);
    expect(s2.conversations).toEqual({});
  });

  it('messages merge in time order whatever the arrival order', () => {
    const items = [msg({ id: 'a', createdAt: 1 }), msg({ id: 'c', createdAt: 3 })];
    expect(upsertMessage(items, msg({ id: 'b', createdAt: 2 })).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(mergeStatus('failed', 'sent')).toBe('failed');
    expect(mergeStatus('read', 'sent')).toBe('read');
  });
});

describe('channel rules in the UI', () => {
  it('email: no agent transfer, no conference', () => {
    const email = { ...active, channel: 'email' as const };
    const acts = paneActions(email, 'a1', 'active', DEFAULT_CHANNEL_RULES.email);
    expect(acts.conference).toBe(false);
    expect(DEFAULT_CHANNEL_RULES.email.transferToAgent).toBe(false);
    expect(paneActions(active, 'a1', 'active', DEFAULT_CHANNEL_RULES.webchat).conference).toBe(true);
  });

  it('only the owner ends; the conferee exits', () => {
    const c = { ...active, status: 'conference' as const, participants: [...active.participants, { agentId: 'a2', role: 'conferee' as const, status: 'active' as const, joinedAt: 30 }] };
    expect(paneActions(c, 'a1', 'conference', DEFAULT_CHANNEL_RULES.webchat)).toMatchObject({ end: true, endConference: true, exitConference: false });
    expect(paneActions(c, 'a2', 'conference', DEFAULT_CHANNEL_RULES.webchat)).toMatchObject({ end: false, endConference: false, exitConference: true });
  });

  it("a customer's message moves the reply window's start (lastInboundAt) forward, never back", () => {
    const s1 = run([start, ev({ type: 'conversation.updated', conversation: { ...active, lastInboundAt: 50 } })]);
    const s2 = run([ev({ type: 'message.created', message: msg({ createdAt: 100 }) })], s1);
    expect(s2.conversations.c1?.lastInboundAt).toBe(100);
    const s3 = run([ev({ type: 'message.created', message: msg({ id: 'm0', createdAt: 10 }) })], s2);
    expect(s3.conversations.c1?.lastInboundAt).toBe(100);
    const s4 = run([ev({ type: 'message.created', message: msg({ id: 'm2', createdAt: 200, direction: 'outbound', authorType: 'agent', authorId: 'a1' }) })], s3);
    expect(s4.conversations.c1?.lastInboundAt).toBe(100);
  });

  it('offer fields per channel (SPEC F1)', () => {
    const keys = (c: ConversationDto) => offerFields(c, DEFAULT_CHANNEL_RULES[c.channel]).map((f) => f.key);
    expect(keys(conv())).toEqual(['field.customerName', 'field.email', 'field.queue']);
    expect(keys(conv({ channel: 'sms', customer: { id: 'u', channel: 'sms', name: '', phone: '+1555' }, entryPointAddress: '+1800' }))).toEqual(['field.queue', 'field.phone', 'field.sourceNumber']);
    expect(keys(conv({ channel: 'whatsapp', customer: { id: 'u', channel: 'whatsapp', name: 'Ana', phone: '+34' }, entryPointAddress: '+1800' }))).toEqual([
      'field.customerName', 'field.customerPhone', 'field.sourceNumber', 'field.queue',
    ]);
    expect(keys(conv({ channel: 'messenger' }))).toEqual(['field.queue', 'field.sourcePage']);
  });
});

describe('helpers', () => {
  it('backoff grows and is capped', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(500);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, () => 0.5)).toBe(10000);
  });
  it('initials', () => {
    expect(initials('Jane Doe')).toBe('JD');
    expect(initials('王小明')).toBe('王');
  });
});
