import { expect, it } from 'vitest';
import { insertMessage, listCustomerHistory, upsertConversation, type CustomerHistoryPage } from '../src/index';
import { describeEachDatabase } from './databases';
import { conversation, message } from './fixtures';

const ids = (p: CustomerHistoryPage) => p.items.map((e) => e.conversation.id);

describeEachDatabase('customer history', (t) => {
  it("lists the customer's conversations before the given one, newest first, never another customer's", async () => {
    const ex = t.db.kysely;
    // Two conversations created in the same millisecond sort by id.
    await upsertConversation(ex, conversation({ id: 'c1', customerId: 'cu1', createdAt: 100, status: 'closed' }));
    await upsertConversation(ex, conversation({ id: 'c2a', customerId: 'cu1', createdAt: 200, entryPointId: 'ep2', status: 'closed' }));
    await upsertConversation(ex, conversation({ id: 'c2b', customerId: 'cu1', createdAt: 200, status: 'closed' }));
    await upsertConversation(ex, conversation({ id: 'other', customerId: 'cu2', createdAt: 250, status: 'closed' }));
    await upsertConversation(ex, conversation({ id: 'now', customerId: 'cu1', createdAt: 300, status: 'active' }));
    await upsertConversation(ex, conversation({ id: 'later', customerId: 'cu1', createdAt: 400 }));

    const page = await listCustomerHistory(ex, { of: 'now', limit: 10, messagesPerConversation: 5 });
    expect(ids(page)).toEqual(['c2b', 'c2a', 'c1']);
    expect(page).toMatchObject({ hasMore: false, total: 3 });
    expect((await listCustomerHistory(ex, { of: 'c1', limit: 10, messagesPerConversation: 5 })).items).toEqual([]);
    expect(ids(await listCustomerHistory(ex, { of: 'other', limit: 10, messagesPerConversation: 5 }))).toEqual([]);
    expect(await listCustomerHistory(ex, { of: 'unknown', limit: 10, messagesPerConversation: 5 })).toEqual({ items: [], hasMore: false, total: 0 });
  });

  it('pages by (created_at, id) from the last conversation of the previous page; a foreign anchor gives nothing', async () => {
    const ex = t.db.kysely;
    for (const [id, at] of [['c1', 100], ['c2', 200], ['c3', 200], ['c4', 300], ['now', 400]] as const) {
      await upsertConversation(ex, conversation({ id, customerId: 'cu1', createdAt: at }));
    }
    await upsertConversation(ex, conversation({ id: 'theirs', customerId: 'cu2', createdAt: 350 }));
    const req = { of: 'now', limit: 2, messagesPerConversation: 5 };
    const first = await listCustomerHistory(ex, req);
    expect(ids(first)).toEqual(['c4', 'c3']);
    expect(first).toMatchObject({ hasMore: true, total: 4 });
    const second = await listCustomerHistory(ex, { ...req, beforeId: 'c3' });
    expect(ids(second)).toEqual(['c2', 'c1']);
    expect(second).toMatchObject({ hasMore: false, total: 4 });
    expect(await listCustomerHistory(ex, { ...req, beforeId: 'theirs' })).toEqual({ items: [], hasMore: false, total: 4 });
    expect((await listCustomerHistory(ex, { ...req, beforeId: 'nope' })).items).toEqual([]);
    // An anchor after the conversation asked about still never returns it or anything newer.
    expect(ids(await listCustomerHistory(ex, { ...req, limit: 10, beforeId: 'now' }))).toEqual(['c4', 'c3', 'c2', 'c1']);
  });

  it("each conversation comes with its newest messages by people, oldest first, and whether there are more", async () => {
    const ex = t.db.kysely;
    await upsertConversation(ex, conversation({ id: 'old', customerId: 'cu1', createdAt: 100 }));
    await upsertConversation(ex, conversation({ id: 'quiet', customerId: 'cu1', createdAt: 150 }));
    await upsertConversation(ex, conversation({ id: 'now', customerId: 'cu1', createdAt: 200 }));
    const texts = ['one', 'two', 'three', 'four'];
    for (const [i, text] of texts.entries()) {
      await insertMessage(ex, message({ id: `m${i}`, conversationId: 'old', text, createdAt: 1_000 + i }));
    }
    await insertMessage(ex, message({ id: 'n1', conversationId: 'old', authorType: 'system', direction: 'internal', text: 'Agent One joined', createdAt: 1_010 }));
    await insertMessage(ex, message({ id: 'x1', conversationId: 'now', text: 'current', createdAt: 2_000 }));

    const page = await listCustomerHistory(ex, { of: 'now', limit: 5, messagesPerConversation: 3 });
    expect(ids(page)).toEqual(['quiet', 'old']);
    expect(page.items[0]).toMatchObject({ messages: [], hasMoreMessages: false });
    expect(page.items[1]!.messages.map((m) => m.text)).toEqual(['two', 'three', 'four']);
    expect(page.items[1]!.hasMoreMessages).toBe(true);
    const all = await listCustomerHistory(ex, { of: 'now', limit: 5, messagesPerConversation: 4 });
    expect(all.items[1]!.messages.map((m) => m.id)).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(all.items[1]!.hasMoreMessages).toBe(false);
  });
});
