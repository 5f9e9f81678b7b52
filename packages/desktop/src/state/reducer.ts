import type { AgentEvent, ConversationDto, StoredEvent } from '@parley/protocol';
import { myParticipant } from './conversation';
import { emptyThread, mergePage, setMessageReactions, setMessageStatus, upsertMessage, type Thread } from './thread';
import type { DeskAction, DeskState } from './types';
import { withWorkflowRun } from './workflow-runs';

/** Whether a conversation belongs on my desk. */
function belongs(s: DeskState, c: ConversationDto): boolean {
  if (s.offers[c.id]) return true;
  if (s.wrapup[c.id]) return true;
  const mine = myParticipant(c, s.me?.id);
  if (mine) return mine.status !== 'done';
  return !!s.me && c.ownerAgentId === s.me.id && c.status !== 'closed';
}

function without<T>(rec: Record<string, T>, id: string): Record<string, T> {
  if (!(id in rec)) return rec;
  const next = { ...rec };
  delete next[id];
  return next;
}

function neighbour(order: string[], removedIndex: number, s: DeskState): string | null {
  const candidates = order.filter((id) => !s.offers[id]);
  if (candidates.length === 0) return null;
  const after = order.slice(removedIndex).find((id) => !s.offers[id]);
  return after ?? candidates[candidates.length - 1] ?? null;
}

function remove(s: DeskState, id: string): DeskState {
  if (!s.conversations[id] && !s.offers[id]) return s;
  const idx = s.order.indexOf(id);
  const order = s.order.filter((x) => x !== id);
  const next: DeskState = {
    ...s,
    conversations: without(s.conversations, id),
    offers: without(s.offers, id),
    threads: without(s.threads, id),
    unread: without(s.unread, id),
    typing: without(s.typing, id),
    wrapup: without(s.wrapup, id),
    workflowRuns: without(s.workflowRuns, id),
    order,
  };
  if (s.selectedId === id) next.selectedId = neighbour(order, Math.max(0, idx), next);
  return next;
}

function withConversation(s: DeskState, c: ConversationDto, force = false): DeskState {
  const known = !!s.conversations[c.id];
  const mine = myParticipant(c, s.me?.id);
  let wrapup = s.wrapup;
  if (mine?.status === 'wrapup' && !wrapup[c.id]) wrapup = { ...wrapup, [c.id]: true };
  if (mine?.status === 'done') wrapup = without(wrapup, c.id);
  const next: DeskState = { ...s, wrapup };
  if (!force && !belongs(next, c)) return known ? remove(next, c.id) : next;
  next.conversations = { ...s.conversations, [c.id]: c };
  if (!s.order.includes(c.id)) next.order = [...s.order, c.id];
  return next;
}

function updateThread(s: DeskState, id: string, fn: (t: Thread) => Thread): DeskState {
  const cur = s.threads[id] ?? emptyThread;
  const t = fn(cur);
  return t === cur ? s : { ...s, threads: { ...s.threads, [id]: t } };
}

function applyEvent(s: DeskState, e: AgentEvent): DeskState {
  const meId = s.me?.id;
  switch (e.type) {
    case 'agent.updated':
      return e.agent.id === meId ? { ...s, me: e.agent } : s;
    case 'offer.created': {
      if (e.offer.agentId !== meId) {
        return s.conversations[e.conversation.id] ? withConversation(s, e.conversation) : s;
      }
      const next = {
        ...s,
        offers: { ...s.offers, [e.conversation.id]: e.offer },
        wrapup: without(s.wrapup, e.conversation.id),
        finished: without(s.finished, e.conversation.id),
      };
      return withConversation(next, e.conversation, true);
    }
    case 'offer.withdrawn': {
      if (e.agentId !== meId || !s.offers[e.conversationId]) return s;
      const next = { ...s, offers: without(s.offers, e.conversationId) };
      const c = next.conversations[e.conversationId];
      return c && belongs(next, c) ? next : remove(next, e.conversationId);
    }
    case 'conversation.updated': {
      const mine = myParticipant(e.conversation, meId);
      if (!s.conversations[e.conversation.id] && (!mine || (s.finished[e.conversation.id] && mine.status !== 'active'))) return s;
      return withConversation(s, e.conversation);
    }
    case 'message.created': {
      const m = e.message;
      if (!s.conversations[m.conversationId]) return s;
      let next = updateThread(s, m.conversationId, (t) => ({ ...t, items: upsertMessage(t.items, m) }));
      if (m.authorType === 'customer') {
        next = { ...next, typing: without(next.typing, m.conversationId) };
        // The reply window counts from the customer's last message: it reopens at once, before the server's update.
        const c = next.conversations[m.conversationId];
        if (c && m.createdAt > (c.lastInboundAt ?? 0)) next.conversations = { ...next.conversations, [c.id]: { ...c, lastInboundAt: m.createdAt } };
        if (next.selectedId !== m.conversationId) {
          next.unread = { ...next.unread, [m.conversationId]: (next.unread[m.conversationId] ?? 0) + 1 };
        }
      }
      return next;
    }
    case 'message.status':
      return updateThread(s, e.conversationId, (t) => {
        const items = setMessageStatus(t.items, e.messageId, e.status, e.reason);
        return items === t.items ? t : { ...t, items };
      });
    case 'message.reactions':
      return updateThread(s, e.conversationId, (t) => {
        const items = setMessageReactions(t.items, e.messageId, e.reactions);
        return items === t.items ? t : { ...t, items };
      });
    case 'typing':
      if (!s.conversations[e.conversationId]) return s;
      return { ...s, typing: e.typing ? { ...s.typing, [e.conversationId]: true } : without(s.typing, e.conversationId) };
    case 'workflow.run':
      return { ...s, workflowRuns: withWorkflowRun(s.workflowRuns, e.run) };
    case 'config.updated':
      return s; // the configuration lives beside the store (Desk re-reads it)
  }
}

function applySnapshot(s: DeskState, snap: Extract<DeskAction, { type: 'snapshot' }>['snapshot']): DeskState {
  const conversations: Record<string, ConversationDto> = {};
  for (const c of snap.conversations) conversations[c.id] = c;
  const offers: DeskState['offers'] = {};
  for (const o of snap.offers) if (o.agentId === snap.agent.id) offers[o.conversationId] = o;
  const ids = new Set([...Object.keys(conversations), ...Object.keys(offers)].filter((id) => conversations[id]));
  const order = [...s.order.filter((id) => ids.has(id)), ...[...ids].filter((id) => !s.order.includes(id))];
  const keep = <T>(rec: Record<string, T>) => Object.fromEntries(Object.entries(rec).filter(([id]) => ids.has(id)));
  const wrapup: DeskState['wrapup'] = keep(s.wrapup);
  for (const c of snap.conversations) {
    if (myParticipant(c, snap.agent.id)?.status === 'wrapup') wrapup[c.id] = true;
  }
  const selectedId = s.selectedId && ids.has(s.selectedId) ? s.selectedId : (order.find((id) => !offers[id]) ?? null);
  return {
    ...s,
    seq: snap.seq,
    epoch: snap.epoch,
    me: snap.agent,
    conversations,
    offers,
    order,
    threads: keep(s.threads),
    unread: keep(s.unread),
    typing: keep(s.typing),
    wrapup,
    selectedId,
  };
}

/** The Desktop's state is a pure function of the snapshot, the event stream and local commands. */
export function deskReducer(s: DeskState, a: DeskAction): DeskState {
  switch (a.type) {
    case 'snapshot':
      return applySnapshot(s, a.snapshot);
    case 'event': {
      const ev: StoredEvent = a.event;
      if (ev.seq > 0 && ev.seq <= s.seq) return s;
      const next = applyEvent(s, ev);
      return ev.seq > s.seq ? { ...next, seq: ev.seq } : next;
    }
    case 'agent':
      return s.me && a.agent.id !== s.me.id ? s : { ...s, me: a.agent };
    case 'conversation':
      return withConversation(s, a.conversation, !!myParticipant(a.conversation, s.me?.id) || !!s.conversations[a.conversation.id]);
    case 'offer.gone': {
      const next = { ...s, offers: without(s.offers, a.conversationId) };
      const c = next.conversations[a.conversationId];
      return c && belongs(next, c) ? next : remove(next, a.conversationId);
    }
    case 'thread.loading':
      return updateThread(s, a.conversationId, (t) => ({ ...t, loading: true }));
    case 'thread.failed':
      return updateThread(s, a.conversationId, (t) => ({ ...t, loading: false }));
    case 'thread.page':
      if (!s.conversations[a.conversationId]) return s;
      return updateThread(s, a.conversationId, (t) => ({
        items: mergePage(t.items, a.messages),
        loaded: true,
        loading: false,
        hasMore: a.older || !t.loaded ? a.hasMore : t.hasMore || a.hasMore,
      }));
    case 'send.pending':
    case 'send.done':
      if (!s.conversations[a.message.conversationId]) return s;
      return updateThread(s, a.message.conversationId, (t) => ({ ...t, items: upsertMessage(t.items, a.message) }));
    case 'send.failed':
      return updateThread(s, a.conversationId, (t) => {
        const i = t.items.findIndex((m) => m.clientId === a.clientId && m.status === 'pending');
        if (i < 0) return t;
        const items = t.items.slice();
        items[i] = { ...items[i]!, status: 'failed', statusReason: a.reason };
        return { ...t, items };
      });
    case 'wrapup.start':
      return s.conversations[a.conversationId] ? { ...s, wrapup: { ...s.wrapup, [a.conversationId]: true } } : s;
    case 'wrapup.done':
      return { ...remove(s, a.conversationId), finished: { ...s.finished, [a.conversationId]: true } };
    case 'select':
      if (a.conversationId !== null && !s.conversations[a.conversationId]) return s;
      return { ...s, selectedId: a.conversationId, unread: a.conversationId ? without(s.unread, a.conversationId) : s.unread };
    case 'select.step': {
      if (s.order.length === 0) return s;
      const at = s.selectedId ? s.order.indexOf(s.selectedId) : -1;
      const n = s.order.length;
      const id = s.order[(((at + a.delta) % n) + n) % n]!;
      return { ...s, selectedId: id, unread: without(s.unread, id) };
    }
    case 'link':
      return s.link === a.status ? s : { ...s, link: a.status };
  }
}
