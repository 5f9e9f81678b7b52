import { expect, it } from 'vitest';
import {
  getMessage,
  getMessageByProviderId,
  insertMessage,
  insertMessageWithEvents,
  listEventsSince,
  listMessages,
  setMessageProviderId,
  updateMessageStatus,
  type MessageRecord,
} from '../src/index';
import { describeEachDatabase } from './databases';
import { message } from './fixtures';

describeEachDatabase('message repository', (t) => {
  it('stores a new message with its events in one go; a duplicate stores no events', async () => {
    const ex = t.db.kysely;
    const event = (seq: number, agentId: string | null) => ({
      seq, agentId, conversationId: 'c1', type: 'message.created', payload: { seq, n: 'ü' }, createdAt: 1_700_000_000_000 + seq,
    });
    const rec = message({ id: 'm1', clientId: 'k1', text: 'hello', attachments: [{ id: 'f1', name: 'a.png', mimeType: 'image/png', size: 3 }] });
    expect(await insertMessageWithEvents(ex, rec, [event(1, 'a1'), event(2, null)])).toEqual({ message: rec, duplicate: false });
    const seen = await listEventsSince(ex, 'a1', 0, 10);
    expect(seen.map((e) => [e.seq, e.agentId, e.payload])).toEqual([
      [1, 'a1', { seq: 1, n: 'ü' }],
      [2, null, { seq: 2, n: 'ü' }],
    ]);
    expect(seen[0]!.createdAt).toBe(1_700_000_000_001);

    const again = await insertMessageWithEvents(ex, message({ id: 'm2', clientId: 'k1', text: 'resent' }), [event(3, 'a1')]);
    expect(again).toEqual({ message: rec, duplicate: true });
    expect((await listEventsSince(ex, 'a1', 0, 10)).map((e) => e.seq)).toEqual([1, 2]);
    expect(await getMessage(ex, 'm2')).toBeNull();
  });

  it('round-trips a message with attachments and a notice', async () => {
    const rec = message({
      attachments: [{ id: 'f1', name: 'a.png', mimeType: 'image/png', size: 3 }],
      notice: { code: 'agent_joined', agentName: 'Ada' },
      direction: 'internal',
      authorType: 'system',
    });
    expect(await insertMessage(t.db.kysely, rec)).toEqual({ message: rec, duplicate: false });
    expect(await getMessage(t.db.kysely, 'm1')).toEqual(rec);
    expect(await getMessage(t.db.kysely, 'm2')).toBeNull();
  });

  it('dedupes on (conversationId, clientId)', async () => {
    const ex = t.db.kysely;
    const first = message({ id: 'm1', clientId: 'k1', text: 'first' });
    await insertMessage(ex, first);
    const again = await insertMessage(ex, message({ id: 'm2', clientId: 'k1', text: 'retry' }));
    expect(again).toEqual({ message: first, duplicate: true });
    // Same client id in another conversation is a different message.
    const other = await insertMessage(ex, message({ id: 'm3', conversationId: 'c2', clientId: 'k1' }));
    expect(other.duplicate).toBe(false);
    expect(await getMessage(ex, 'm2')).toBeNull();
  });

  it('dedupes on (channel, providerId) and finds by provider id', async () => {
    const ex = t.db.kysely;
    const first = message({ id: 'm1', channel: 'sms', providerId: 'SM1' });
    await insertMessage(ex, first);
    const again = await insertMessage(ex, message({ id: 'm2', channel: 'sms', providerId: 'SM1', conversationId: 'c9' }));
    expect(again).toEqual({ message: first, duplicate: true });
    expect((await insertMessage(ex, message({ id: 'm3', channel: 'whatsapp', providerId: 'SM1' }))).duplicate).toBe(false);
    expect((await getMessageByProviderId(ex, 'sms', 'SM1'))?.id).toBe('m1');
  });

  it('lets NULL client and provider ids coexist', async () => {
    const ex = t.db.kysely;
    for (const id of ['m1', 'm2', 'm3']) {
      expect((await insertMessage(ex, message({ id }))).duplicate).toBe(false);
    }
  });

  it('treats a repeated id as a duplicate', async () => {
    await insertMessage(t.db.kysely, message({ id: 'm1', text: 'a' }));
    const again = await insertMessage(t.db.kysely, message({ id: 'm1', text: 'b' }));
    expect(again.duplicate).toBe(true);
    expect(again.message.text).toBe('a');
  });

  it('keeps an enclosing transaction usable after a duplicate (PostgreSQL aborts on errors)', async () => {
    await t.db.kysely.transaction().execute(async (trx) => {
      await insertMessage(trx, message({ id: 'm1', clientId: 'k1' }));
      expect((await insertMessage(trx, message({ id: 'm2', clientId: 'k1' }))).duplicate).toBe(true);
      await insertMessage(trx, message({ id: 'm3', clientId: 'k2' }));
    });
    expect((await listMessages(t.db.kysely, 'c1', { limit: 10 })).messages.map((m) => m.id)).toEqual(['m1', 'm3']);
  });

  it('pages history oldest-first, newest page first, with ties broken by id', async () => {
    const ex = t.db.kysely;
    const all: MessageRecord[] = [];
    // 25 messages, three per millisecond, inserted out of order.
    for (let i = 0; i < 25; i++) {
      all.push(message({ id: `m${String(i).padStart(2, '0')}`, createdAt: 1000 + Math.floor(i / 3) }));
    }
    for (const m of [...all].reverse()) await insertMessage(ex, m);
    await insertMessage(ex, message({ id: 'x1', conversationId: 'other', createdAt: 1005 }));

    const p1 = await listMessages(ex, 'c1', { limit: 10 });
    expect(p1.hasMore).toBe(true);
    expect(p1.messages.map((m) => m.id)).toEqual(all.slice(15).map((m) => m.id));

    const p2 = await listMessages(ex, 'c1', { limit: 10, beforeId: p1.messages[0]?.id ?? '' });
    expect(p2.hasMore).toBe(true);
    expect(p2.messages.map((m) => m.id)).toEqual(all.slice(5, 15).map((m) => m.id));

    const p3 = await listMessages(ex, 'c1', { limit: 10, beforeId: p2.messages[0]?.id ?? '' });
    expect(p3.hasMore).toBe(false);
    expect(p3.messages.map((m) => m.id)).toEqual(all.slice(0, 5).map((m) => m.id));

    const exact = await listMessages(ex, 'c1', { limit: 5, beforeId: 'm05' });
    expect(exact).toMatchObject({ hasMore: false });
    expect(exact.messages).toHaveLength(5);
    expect(await listMessages(ex, 'c1', { limit: 5, beforeId: 'x1' })).toEqual({ messages: [], hasMore: false });
  });

  it("pages a customer's view without agent-only (internal) messages, full pages all the same", async () => {
    const ex = t.db.kysely;
    for (let i = 0; i < 12; i++) {
      const internal = i % 2 === 1;
      await insertMessage(ex, message({ id: `v${String(i).padStart(2, '0')}`, createdAt: 2000 + i, direction: internal ? 'internal' : 'outbound' }));
    }
    const p1 = await listMessages(ex, 'c1', { limit: 3, customerVisible: true });
    expect(p1).toMatchObject({ hasMore: true });
    expect(p1.messages.map((m) => m.id)).toEqual(['v06', 'v08', 'v10']);
    const p2 = await listMessages(ex, 'c1', { limit: 3, customerVisible: true, beforeId: 'v06' });
    expect(p2).toMatchObject({ hasMore: false });
    expect(p2.messages.map((m) => m.id)).toEqual(['v00', 'v02', 'v04']);
  });

  it('updates status and provider id', async () => {
    const ex = t.db.kysely;
    await insertMessage(ex, message({ id: 'm1', direction: 'outbound', status: 'pending' }));
    expect(await updateMessageStatus(ex, 'm1', 'failed', 'window closed')).toBe(true);
    expect(await setMessageProviderId(ex, 'm1', 'P1')).toBe(true);
    expect(await getMessage(ex, 'm1')).toMatchObject({ status: 'failed', statusReason: 'window closed', providerId: 'P1' });
    expect(await updateMessageStatus(ex, 'nope', 'sent', null)).toBe(false);
  });
});
