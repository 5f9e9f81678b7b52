import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { DEFAULT_CHANNEL_RULES, type ConversationHistoryPage, type HistoryConversationDto, type MessageDto } from '@parley/protocol';
import { EarlierConversationsView } from '../src/features/history/EarlierConversationsView';
import { emptyHistory, loadFailed, loadStarted, olderCursor, oldestFirst, pageArrived, type HistoryView } from '../src/features/history/history-state';

const msg = (over: Partial<MessageDto>): MessageDto => ({
  id: 'm1', conversationId: 'h1', direction: 'inbound', authorType: 'customer', authorId: null, authorName: 'Dana', text: 'hi',
  attachments: [], status: 'received', createdAt: Date.UTC(2026, 10, 20, 9, 30), ...over,
});
const earlier = (id: string, day: number, over: Partial<HistoryConversationDto> = {}): HistoryConversationDto => ({
  id, channel: 'webchat', entryPointId: 'web', entryPointName: 'Website', queueId: 'q', queueName: 'Chat', status: 'closed',
  createdAt: Date.UTC(2026, 10, day, 9, 0), endedAt: Date.UTC(2026, 10, day, 9, 20), agents: [{ id: 'a2', name: 'Agent Two' }],
  messages: [], hasMoreMessages: false, ...over,
});
const page = (conversations: HistoryConversationDto[], hasMore: boolean, total: number): ConversationHistoryPage => ({ conversations, hasMore, total });

function render(view: HistoryView, expanded: boolean): string {
  return renderToStaticMarkup(
    createElement(EarlierConversationsView, {
      view, expanded, onToggle: () => undefined, onShowOlder: () => undefined,
      rulesFor: (c) => DEFAULT_CHANNEL_RULES[c], customerName: 'Dana', meId: 'a1',
    }),
  );
}

describe('earlier conversations: paging state', () => {
  it('appends older pages newest first, never twice, and pages from the oldest shown', () => {
    let v = pageArrived(loadStarted(emptyHistory), page([earlier('h3', 3), earlier('h2', 2)], true, 3));
    expect(v).toMatchObject({ total: 3, hasMore: true, loading: false });
    expect(olderCursor(v)).toBe('h2');
    v = pageArrived(loadStarted(v), page([earlier('h2', 2), earlier('h1', 1)], false, 3));
    expect(v.conversations.map((c) => c.id)).toEqual(['h3', 'h2', 'h1']);
    expect(oldestFirst(v).map((c) => c.id)).toEqual(['h1', 'h2', 'h3']);
    expect(v.hasMore).toBe(false);
  });

  it('a failed load keeps what is shown and says why; the next load clears the error', () => {
    const shown = pageArrived(emptyHistory, page([earlier('h2', 2)], true, 2));
    const failed = loadFailed(loadStarted(shown), 'No connection');
    expect(failed).toMatchObject({ loading: false, error: 'No connection', total: 2 });
    expect(failed.conversations).toHaveLength(1);
    expect(loadStarted(failed).error).toBeNull();
  });
});

describe('earlier conversations: rendering', () => {
  it('nothing when the customer has no earlier conversation (or before the first page arrived)', () => {
    expect(render(emptyHistory, false)).toBe('');
    expect(render(pageArrived(emptyHistory, page([], false, 0)), true)).toBe('');
  });

  it('collapsed: a button "Earlier conversations (N)" that controls a hidden panel', () => {
    const html = render(pageArrived(emptyHistory, page([earlier('h2', 2)], true, 4)), false);
    expect(html).toMatch(/<button[^>]*aria-expanded="false"[^>]*>.*Earlier conversations \(4\)<\/button>/);
    const controls = /aria-controls="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain(`id="${controls}" class="history-list" hidden=""`);
  });

  it('expanded: each conversation is a region named by its date, oldest at the top, messages read-only; "Show older" while more exist', () => {
    const failedReply = msg({ id: 'm2', direction: 'outbound', authorType: 'agent', authorId: 'a2', authorName: 'Agent Two', text: 'We are on it', status: 'failed', statusReason: 'x', clientId: 'k1' });
    const v = pageArrived(
      emptyHistory,
      page([earlier('h2', 12, { messages: [msg({ text: 'Where is my parcel?' }), failedReply], hasMoreMessages: true }), earlier('h1', 5, { agents: [], endedAt: null, status: 'queued' })], true, 3),
    );
    const html = render(v, true);
    expect(html).toMatch(/aria-expanded="true"/);
    expect(html).not.toContain('hidden=""');
    expect(html).toContain('Show older');
    const regions = [...html.matchAll(/<section class="history-block" aria-labelledby="([^"]+)" data-conversation="(\w+)"><h3 id="([^"]+)"/g)];
    expect(regions.map((r) => r[2])).toEqual(['h1', 'h2']);
    for (const r of regions) expect(r[1]).toBe(r[3]);
    expect(html).toContain(`dateTime="${new Date(Date.UTC(2026, 10, 12, 9, 0)).toISOString()}"`);
    expect(html).toContain('Handled by Agent Two');
    expect(html).toContain('No agent handled it · Still open');
    expect(html).toContain('Only the latest 2 messages are shown.');
    // The same bubbles as the thread…
    expect(html).toContain('Where is my parcel?');
    expect(html).toContain('bubble bubble-out');
    // …but nothing to act on: a failed message of another conversation offers no Retry.
    expect(html).toContain('Failed: x');
    expect(html).not.toContain('Retry');
  });

  it('an error while paging is announced', () => {
    const v = loadFailed(pageArrived(emptyHistory, page([earlier('h2', 2)], true, 2)), 'No connection');
    expect(render(v, true)).toContain('role="alert">Could not load earlier conversations: No connection</p>');
  });
});
