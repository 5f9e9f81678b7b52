import { describe, expect, it } from 'vitest';
import type { AgentDto, ConversationDto, StoredEvent } from '@parley/protocol';
import { ApiError } from '@parley/protocol';
import { clearAllDrafts, draftKey, loadDrafts, parseDraft, saveDraft, type DraftStorage } from '../src/features/composer/draft-storage';
import { drafts, updateDraft } from '../src/features/composer/drafts';
import { keepDraftsInStep } from '../src/features/composer/draft-lifecycle';
import { alertFor } from '../src/features/notifications/notifier';
import { agentItems } from '../src/features/desk/useTargets';
import { translator } from '../src/features/i18n/i18n';
import { createDeskStore } from '../src/state/store';
import { UnsentQueue, worthResending } from '../src/state/unsent';

/** A Storage over a Map, as sessionStorage behaves. */
function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const me: AgentDto = {
  id: 'a1', username: 'agent1', displayName: 'Agent One', role: 'agent', state: 'available', idleReasonId: null,
  stateChangedAt: 0, capacity: { webchat: 2 }, load: {}, queueIds: ['q'], teamIds: [],
};
const conv = (id: string): ConversationDto => ({
  id, channel: 'webchat', entryPointId: 'web', entryPointName: 'Website', entryPointAddress: '', queueId: 'q', queueName: 'Chat',
  customer: { id: `u-${id}`, channel: 'webchat', name: `Customer ${id}`, email: null }, status: 'active', ownerAgentId: 'a1',
  participants: [{ agentId: 'a1', role: 'owner', status: 'active', joinedAt: 1 }], offer: null, createdAt: 1, queuedAt: 1, acceptedAt: 2,
  endedAt: null, endedBy: null,
});

describe('reply drafts in storage', () => {
  it('one entry per agent and conversation; an empty draft is removed; junk is ignored', () => {
    const st = memoryStorage();
    saveDraft(st, 'a1', 'c1', { text: 'hello', template: null });
    saveDraft(st, 'a2', 'c1', { text: 'other agent', template: null });
    const tpl = { id: 't', name: 'Order', body: 'Order {{param:order}}', locked: false, values: { order: '42' } };
    saveDraft(st, 'a1', 'c2', { text: '', template: tpl });
    st.setItem(draftKey('a1', 'c3'), '{"text": 5}');
    st.setItem(draftKey('a1', 'c4'), 'not json');
    expect(loadDrafts(st, 'a1')).toEqual({ c1: { text: 'hello', template: null }, c2: { text: '', template: tpl } });
    saveDraft(st, 'a1', 'c1', { text: '', template: null });
    expect(st.getItem(draftKey('a1', 'c1'))).toBeNull();
    expect(parseDraft('{"text":"x","template":{"id":"t"}}')).toBeNull();
    st.setItem('parley.token', 'keep me');
    clearAllDrafts(st);
    expect([...st.map.keys()]).toEqual(['parley.token']);
  });

  it('bound to the desk: stored drafts come back after the snapshot, edits are stored, a conversation leaving the desk takes its draft', () => {
    const st = memoryStorage();
    saveDraft(st, 'a1', 'c1', { text: 'from before the reload', template: null });
    saveDraft(st, 'a1', 'gone', { text: 'a conversation closed meanwhile', template: null });
    const store = createDeskStore();
    const stop = keepDraftsInStep(store, st);
    expect(drafts.get().c1).toBeUndefined(); // nothing known before the snapshot
    store.dispatch({ type: 'snapshot', snapshot: { seq: 1, agent: me, conversations: [conv('c1'), conv('c2')], offers: [], epoch: 'e1' } });
    expect(drafts.get().c1?.text).toBe('from before the reload');
    expect(st.getItem(draftKey('a1', 'gone'))).toBeNull();

    updateDraft('c2', (d) => ({ ...d, text: 'typing' }));
    expect(parseDraft(st.getItem(draftKey('a1', 'c2')))?.text).toBe('typing');
    store.dispatch({ type: 'wrapup.done', conversationId: 'c2' });
    expect(drafts.get().c2).toBeUndefined();
    expect(st.getItem(draftKey('a1', 'c2'))).toBeNull();
    expect(st.getItem(draftKey('a1', 'c1'))).not.toBeNull();
    stop();
  });
});

describe('resending after reconnect', () => {
  it('only a send that got no answer (or a gateway saying the server is away) is worth resending', () => {
    expect(worthResending(new ApiError(0, 'NETWORK', 'No connection'))).toBe(true);
    expect(worthResending(new ApiError(503, 'HTTP_503', 'Service Unavailable'))).toBe(true);
    expect(worthResending(new ApiError(409, 'PARLEY_ERR_CONFLICT', 'ended'))).toBe(false);
    expect(worthResending(new ApiError(400, 'PARLEY_ERR_VALIDATION', 'too long'))).toBe(false);
    expect(worthResending(new Error('boom'))).toBe(false);
  });

  it('the queue hands each waiting message out once, in order', () => {
    const q = new UnsentQueue();
    q.remember('x', { conversationId: 'c1', text: 'one' });
    q.remember('y', { conversationId: 'c1', text: 'two' });
    q.forget('x');
    q.remember('z', { conversationId: 'c2', text: 'three' });
    expect(q.drain().map(([id]) => id)).toEqual(['y', 'z']);
    expect(q.size).toBe(0);
    expect(q.drain()).toEqual([]);
  });

  it('the queue survives a reload of the tab: what was waiting is there again, in order; a drained queue leaves nothing behind', () => {
    const storage = memoryStorage();
    const before = new UnsentQueue(storage);
    before.remember('x', { conversationId: 'c1', text: 'one' });
    before.remember('y', { conversationId: 'c2', text: 'two', template: { id: 'ship', params: { order: 'A-1' } } });
    const after = new UnsentQueue(storage);
    expect(after.drain()).toEqual([
      ['x', { conversationId: 'c1', text: 'one' }],
      ['y', { conversationId: 'c2', text: 'two', template: { id: 'ship', params: { order: 'A-1' } } }],
    ]);
    expect(storage.map.size).toBe(0);
    storage.setItem('parley.draft.unsent', '{"not":"ours"}');
    expect(new UnsentQueue(storage).size).toBe(0);
  });
});

describe('alerts and transfer targets', () => {
  const t = translator('en');
  it('a customer message in the chat on screen is marked as such (no toast), another chat is not', () => {
    const store = createDeskStore();
    store.dispatch({ type: 'snapshot', snapshot: { seq: 1, agent: me, conversations: [conv('c1'), conv('c2')], offers: [], epoch: 'e1' } });
    store.dispatch({ type: 'select', conversationId: 'c1' });
    const message = (conversationId: string): StoredEvent => ({
      seq: 2, at: 0, type: 'message.created',
      message: { id: `m-${conversationId}`, conversationId, direction: 'inbound', authorType: 'customer', authorId: null, authorName: 'C', text: 'hi', attachments: [], status: 'received', createdAt: 1 },
    });
    expect(alertFor(message('c1'), store.getState(), t)).toMatchObject({ conversationId: 'c1', inOpenChat: true });
    expect(alertFor(message('c2'), store.getState(), t)).toMatchObject({ conversationId: 'c2', inOpenChat: false });
  });

  it('only agents who can take a chat now are selectable', () => {
    const agent = (id: string, over: Partial<AgentDto>): AgentDto => ({ ...me, id, displayName: id, ...over });
    const items = agentItems(
      [
        agent('free', {}),
        agent('idle', { state: 'idle' }),
        agent('full', { load: { webchat: 2 } }),
        agent('rona', { state: 'rona' }),
        agent('off', { state: 'offline' }),
      ],
      'webchat',
      t,
    );
    expect(Object.fromEntries(items.map((i) => [i.id, !!i.disabled]))).toEqual({ free: false, idle: true, full: true, rona: true, off: true });
  });
});
