import { expect, it } from 'vitest';
import {
  createSession,
  createWebchatSession,
  deleteExpiredSessions,
  deleteExpiredWebchatSessions,
  deleteSession,
  findSession,
  findWebchatSession,
  getAttachment,
  getConversation,
  getCustomer,
  insertAttachment,
  insertWrapup,
  listConversations,
  listConversationsDue,
  listConversationsNotClosed,
  listWrapups,
  setAttachmentConversation,
  upsertConversation,
  upsertConversations,
  upsertCustomer,
  type Executor,
} from '../src/index';
import { describeEachDatabase } from './databases';
import { conversation } from './fixtures';

describeEachDatabase('conversation repositories', (t) => {
  it('upserts a customer once per (channel, externalId)', async () => {
    const ex = t.db.kysely;
    const first = await upsertCustomer(ex, { id: 'cu1', channel: 'sms', externalId: '+15550001', name: 'Ada', createdAt: 5 });
    const again = await upsertCustomer(ex, { id: 'cu2', channel: 'sms', externalId: '+15550001', name: 'Other' });
    const otherChannel = await upsertCustomer(ex, { channel: 'whatsapp', externalId: '+15550001', name: 'Ada', phone: '+15550001' });

    expect(first).toEqual({ id: 'cu1', channel: 'sms', externalId: '+15550001', name: 'Ada', email: null, phone: null, createdAt: 5 });
    expect(again).toEqual(first);
    expect(otherChannel.id).not.toBe('cu1');
    expect(otherChannel.phone).toBe('+15550001');
    expect(await getCustomer(ex, 'cu1')).toEqual(first);
    expect(await getCustomer(ex, 'cu2')).toBeNull();
  });

  it('upserts many conversations at once, a statement per 200: new ones inserted, known ones updated (createdAt kept)', async () => {
    const ex = t.db.kysely;
    const id = (i: number) => `c${String(i).padStart(3, '0')}`;
    await upsertConversations(ex, Array.from({ length: 250 }, (_, i) => conversation({ id: id(i), createdAt: i })));
    let statements = 0;
    const counting = ex.withPlugin({
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    }) as Executor;
    // 150 known (updated) and 300 new.
    const next = Array.from({ length: 450 }, (_, k) =>
      conversation({ id: id(100 + k), createdAt: 10_000, status: 'active', ownerAgentId: `a${k}`, state: { participants: [{ agentId: `a${k}` }] }, updatedAt: 20_000 + k }),
    );
    await upsertConversations(counting, next);
    expect(statements).toBe(3);
    const open = await listConversationsNotClosed(ex);
    expect(open).toHaveLength(550);
    expect(await getConversation(ex, id(0))).toEqual(conversation({ id: id(0), createdAt: 0 }));
    expect(await getConversation(ex, id(120))).toEqual({ ...next[20]!, createdAt: 120 });
    expect(await getConversation(ex, id(549))).toEqual(next[449]);
    // The same conversation twice in one call: the last one is stored.
    await upsertConversations(ex, [conversation({ id: id(0), status: 'active' }), conversation({ id: id(0), status: 'ended' })]);
    expect((await getConversation(ex, id(0)))?.status).toBe('ended');
  });

  it('upserts conversations and lists them by status', async () => {
    const ex = t.db.kysely;
    await upsertConversation(ex, conversation({ id: 'c1', createdAt: 1 }));
    await upsertConversation(ex, conversation({ id: 'c2', createdAt: 2, status: 'closed', closedAt: 9 }));
    await upsertConversation(ex, conversation({ id: 'c3', createdAt: 3 }));
    const updated = conversation({
      id: 'c1',
      createdAt: 1,
      status: 'active',
      ownerAgentId: 'a1',
      state: { participants: [{ agentId: 'a1' }] },
      updatedAt: 7,
    });
    await upsertConversation(ex, { ...updated, createdAt: 999 });

    expect(await getConversation(ex, 'c1')).toEqual(updated); // createdAt is never overwritten
    expect(await getConversation(ex, 'zz')).toBeNull();
    expect((await listConversationsNotClosed(ex)).map((c) => c.id)).toEqual(['c1', 'c3']);
    expect((await listConversations(ex, { limit: 2 })).map((c) => c.id)).toEqual(['c3', 'c2']);
    expect((await listConversations(ex, { status: 'closed', limit: 10 })).map((c) => c.id)).toEqual(['c2']);
  });

  it('finds conversations whose deadlines are due', async () => {
    const ex = t.db.kysely;
    await upsertConversation(ex, conversation({ id: 'c1', offerDeadline: 100 }));
    await upsertConversation(ex, conversation({ id: 'c2', maxWaitDeadline: 50 }));
    await upsertConversation(ex, conversation({ id: 'c3', offerDeadline: 500, maxWaitDeadline: 600 }));
    await upsertConversation(ex, conversation({ id: 'c4' }));
    expect((await listConversationsDue(ex, 100, 10)).map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    expect(await listConversationsDue(ex, 10, 10)).toEqual([]);
  });

  it('finds sessions only until they expire', async () => {
    const ex = t.db.kysely;
    await createSession(ex, { tokenHash: 'h1', agentId: 'a1', createdAt: 0, expiresAt: 100 });
    await createSession(ex, { tokenHash: 'h2', agentId: 'a1', createdAt: 0, expiresAt: 1000 });
    expect(await findSession(ex, 'h1', 99)).toEqual({ tokenHash: 'h1', agentId: 'a1', createdAt: 0, expiresAt: 100 });
    expect(await findSession(ex, 'h1', 100)).toBeNull();
    expect(await findSession(ex, 'nope', 0)).toBeNull();
    expect(await deleteExpiredSessions(ex, 100)).toBe(1);
    expect(await deleteSession(ex, 'h2')).toBe(true);
    expect(await findSession(ex, 'h2', 0)).toBeNull();
  });

  it('a web chat token works until ttl after its conversation closed, then is pruned', async () => {
    const ex = t.db.kysely;
    await upsertConversation(ex, conversation({ id: 'c1', status: 'closed', closedAt: 2_000 }));
    await upsertConversation(ex, conversation({ id: 'c2', status: 'active' }));
    await createWebchatSession(ex, { tokenHash: 'w1', conversationId: 'c1', customerId: 'cu1', createdAt: 1_000 });
    await createWebchatSession(ex, { tokenHash: 'w2', conversationId: 'c2', customerId: 'cu1', createdAt: 1_000 });
    expect((await findWebchatSession(ex, 'w1', 2_499, 500))?.expiresAt).toBe(2_500);
    expect(await findWebchatSession(ex, 'w1', 2_500, 500)).toBeNull();
    expect((await findWebchatSession(ex, 'w2', 1e12, 500))?.expiresAt).toBeNull();
    expect(await deleteExpiredWebchatSessions(ex, 1_999)).toBe(0);
    expect(await deleteExpiredWebchatSessions(ex, 2_000)).toBe(1);
    expect(await findWebchatSession(ex, 'w1', 0, 1e12)).toBeNull();
    expect(await findWebchatSession(ex, 'w2', 0, 1e12)).not.toBeNull();
  });

  it('stores web chat sessions, attachments and wrap-ups', async () => {
    const ex = t.db.kysely;
    await createWebchatSession(ex, { tokenHash: 'w1', conversationId: 'c1', customerId: 'cu1', createdAt: 3 });
    expect(await findWebchatSession(ex, 'w1', 10, 100)).toEqual({ tokenHash: 'w1', conversationId: 'c1', customerId: 'cu1', createdAt: 3, expiresAt: null });
    expect(await findWebchatSession(ex, 'w2', 10, 100)).toBeNull();

    const att = {
      id: 'f1',
      conversationId: null,
      name: 'a.png',
      mimeType: 'image/png',
      size: 5_000_000_000,
      sha256: 'ab',
      storageKey: 'ab/f1',
      createdAt: 4,
      uploadedBy: 'agent:a1',
    };
    await insertAttachment(ex, att);
    expect(await getAttachment(ex, 'f1')).toEqual(att);
    expect(await setAttachmentConversation(ex, 'f1', 'c1')).toBe(true);
    expect((await getAttachment(ex, 'f1'))?.conversationId).toBe('c1');

    await insertWrapup(ex, { id: 'wu2', conversationId: 'c1', agentId: 'a2', reasonIds: ['r1'], createdAt: 9 });
    await insertWrapup(ex, { id: 'wu1', conversationId: 'c1', agentId: 'a1', reasonIds: ['r1', 'r2'], createdAt: 8 });
    expect(await listWrapups(ex, 'c1')).toEqual([
      { id: 'wu1', conversationId: 'c1', agentId: 'a1', reasonIds: ['r1', 'r2'], createdAt: 8 },
      { id: 'wu2', conversationId: 'c1', agentId: 'a2', reasonIds: ['r1'], createdAt: 9 },
    ]);
  });
});
