import { describe, expect, it } from 'vitest';
import type { MessageDto } from '@parley/protocol';
import { errorText, noticeText, strings } from '../src/i18n';
import { newClientId, Thread } from '../src/thread';

let seq = 0;
function msg(p: Partial<MessageDto>): MessageDto {
  seq += 1;
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    direction: 'outbound',
    authorType: 'agent',
    authorId: 'a1',
    authorName: 'Alice Chen',
    text: `text ${seq}`,
    attachments: [],
    status: 'sent',
    createdAt: seq,
    ...p,
  };
}

describe('Thread', () => {
  it('replaces from a snapshot, dropping duplicate ids and sorting by time', () => {
    const t = new Thread();
    const a = msg({ createdAt: 5 });
    const b = msg({ createdAt: 1 });
    t.replace([a, b, a]);
    expect(t.entries.map((e) => e.message.id)).toEqual([b.id, a.id]);
  });

  it('turns an optimistic message into the stored one on ack, without a second row', () => {
    const t = new Thread();
    const clientId = newClientId();
    t.addLocal(clientId, 'hi', [], 'Carol');
    expect(t.sending()).toHaveLength(1);
    t.upsert(msg({ authorType: 'customer', direction: 'inbound', clientId, text: 'hi' }));
    expect(t.entries).toHaveLength(1);
    expect(t.entries[0]?.local).toBeUndefined();
    expect(t.sending()).toHaveLength(0);
  });

  it('keeps unsent messages across a snapshot and puts stored messages before them', () => {
    const t = new Thread();
    t.addLocal('x1', 'offline text', [], 'Carol');
    const stored = msg({});
    t.replace([stored]);
    expect(t.entries.map((e) => e.key)).toEqual([`m:${stored.id}`, 'c:x1']);
    const live = msg({});
    t.upsert(live);
    expect(t.entries.map((e) => e.key)).toEqual([`m:${stored.id}`, `m:${live.id}`, 'c:x1']);
  });

  it('a snapshot that already holds the unsent message replaces it', () => {
    const t = new Thread();
    t.addLocal('x2', 'sent just before the drop', [], 'Carol');
    t.replace([msg({ authorType: 'customer', clientId: 'x2', text: 'sent just before the drop' })]);
    expect(t.entries).toHaveLength(1);
    expect(t.entries[0]?.local).toBeUndefined();
  });

  it('marks a message failed and back to sending for a retry', () => {
    const t = new Thread();
    t.addLocal('x3', 'hello', [], 'Carol');
    t.setLocal('x3', 'failed', 'too long');
    expect(t.find('x3')).toMatchObject({ local: 'failed', error: 'too long' });
    expect(t.sending()).toHaveLength(0);
    t.setLocal('x3', 'sending');
    expect(t.sending()).toHaveLength(1);
  });

  it('client ids are unique and fit the protocol limit', () => {
    const ids = new Set(Array.from({ length: 1000 }, newClientId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(64);
  });
});

describe('i18n', () => {
  it('words notices from their code in both languages', () => {
    const en = strings('en');
    const zh = strings('zh-CN');
    expect(noticeText(en, { code: 'agent_joined', agentName: 'Alice Chen' }, '')).toBe('Alice Chen joined the chat');
    expect(noticeText(en, { code: 'agent_left', agentName: 'Alice Chen' }, '')).toBe('Alice Chen left the chat');
    expect(noticeText(en, { code: 'customer_left' }, '')).toBe('You left the chat');
    expect(noticeText(en, { code: 'conference_joined', agentName: 'Bob' }, '')).toBe('Bob joined the chat');
    expect(noticeText(en, { code: 'transferred' }, '')).toBe('You are being transferred…');
    expect(noticeText(zh, { code: 'agent_joined', agentName: '王芳' }, '')).toBe('王芳 已加入聊天');
    // Without a name the notice still reads well; an unknown code falls back to the server text.
    expect(noticeText(en, { code: 'agent_left' }, '')).toBe('Agent left the chat');
    expect(noticeText(en, { code: 'brand_new' as never }, 'Server words')).toBe('Server words');
  });

  it('maps error codes, else uses the server message', () => {
    const en = strings('en');
    expect(errorText(en, 'PARLEY_ERR_MESSAGE_TOO_LONG')).toBe('Your message is too long.');
    expect(errorText(en, 'PARLEY_ERR_SOMETHING_NEW', 'Server says no')).toBe('Server says no');
    expect(errorText(en, undefined)).toBe('Something went wrong. Please try again.');
  });
});

describe('Thread paging', () => {
  const page = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => msg({ id: `p${from + i}`, text: `t${from + i}`, createdAt: 1000 + from + i }));

  it('puts an older page first and keeps it across a reconnect snapshot that overlaps', () => {
    const t = new Thread();
    t.replace(page(101, 200), true);
    expect(t.hasMore).toBe(true);
    t.prepend(page(1, 100), false);
    expect(t.entries.map((e) => e.message.text).slice(0, 2)).toEqual(['t1', 't2']);
    expect(t.entries).toHaveLength(200);
    expect(t.hasMore).toBe(false);
    // Reconnect: the newest page again, plus one new message; the older pages stay.
    t.replace([...page(102, 201)], true);
    expect(t.entries).toHaveLength(201);
    expect(t.entries[0]?.message.text).toBe('t1');
    expect(t.hasMore).toBe(false);
  });

  it('drops older pages when the snapshot does not overlap them (a gap may be between)', () => {
    const t = new Thread();
    t.replace(page(101, 200), true);
    t.prepend(page(1, 100), true);
    t.replace(page(301, 400), true);
    expect(t.entries.map((e) => e.message.text)[0]).toBe('t301');
    expect(t.hasMore).toBe(true);
  });
});
