/**
 * A web chat conversation over real sockets: messages and typing both ways, idempotency,
 * the customer ending it, wrap-up, and attachments.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AttachmentDto, MessageDto } from '@parley/protocol';
import { activeChat, describeBackends, is, useServer, } from './harness';

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describeBackends('web chat conversation', (backend) => {
  const srv = useServer(backend);

  it('carries messages both ways, each stored once per clientId', async () => {
    const { a1, c, id } = await activeChat(srv());

    // Customer → agent: acked once stored, then shown to the agent.
    const acked = await c.say('Hello, my order is late');
    expect(acked).toMatchObject({ conversationId: id, direction: 'inbound', authorType: 'customer', authorName: 'Dana', text: 'Hello, my order is late' });
    const seen = await a1.waitFor(is.message(id, (m) => m.authorType === 'customer'));
    if (seen.type !== 'message.created') throw new Error('unreachable');
    expect(seen.message.id).toBe(acked.id);

    // Agent → customer: the POST answers the stored message; the widget receives it and it is marked delivered.
    const clientId = randomUUID();
    const sent = await a1.sendMessage(id, 'Let me check that for you', { clientId });
    expect(sent).toMatchObject({ conversationId: id, direction: 'outbound', authorType: 'agent', authorId: 'a1', clientId });
    const frame = await c.waitForFrame('message', (f) => f.message.authorType === 'agent');
    expect(frame.message).toMatchObject({ id: sent.id, text: 'Let me check that for you', authorName: 'Agent One' });
    await a1.waitForEvent('message.status', (e) => e.messageId === sent.id && e.status === 'delivered');

    // The same clientId again (a retried POST) stores nothing new and answers the same message.
    const again = await a1.sendMessage(id, 'Let me check that for you', { clientId });
    expect(again.id).toBe(sent.id);
    // The same customer clientId twice: both acked with the one stored message.
    const dupId = randomUUID();
    const first = await c.say('only once', { clientId: dupId });
    const second = await c.say('only once', { clientId: dupId });
    expect(second.id).toBe(first.id);

    const { messages } = await a1.messages(id);
    const byClient = (cid: string) => messages.filter((m: MessageDto) => m.clientId === cid);
    expect(byClient(clientId)).toHaveLength(1);
    expect(byClient(dupId)).toHaveLength(1);
    expect(messages.map((m) => m.text)).toEqual(expect.arrayContaining(['Hello, my order is late', 'Let me check that for you', 'only once']));
    // The agent saw the duplicate message once.
    await a1.waitFor(is.message(id, (m) => m.text === 'only once'));
    expect(a1.events.filter(is.message(id, (m) => m.text === 'only once'))).toHaveLength(1);
    // The customer's own snapshot has the history too (agent-internal notices excluded).
    const snap = await c.snapshot();
    expect(snap.status).toBe(200);
    expect(snap.body.messages.map((m) => m.id)).toEqual(expect.arrayContaining([acked.id, sent.id, first.id]));
    expect(snap.body.messages.every((m) => m.direction !== 'internal')).toBe(true);
  });

  it('shows typing both ways', async () => {
    const { a1, c, id } = await activeChat(srv());
    c.typing(true);
    await a1.waitFor(is.typing(id, true));
    c.typing(false);
    await a1.waitFor(is.typing(id, false));
    const typingEvents = a1.events.filter((e) => e.type === 'typing');
    expect(typingEvents.every((e) => e.seq === 0)).toBe(true); // ephemeral: never stored

    const from = c.mark();
    a1.typing(id, true);
    const f = await c.waitForFrame('typing', (x) => x.typing, 5000, from);
    expect(f.name).toBe('Agent One');
    a1.typing(id, false);
    await c.waitForFrame('typing', (x) => !x.typing, 5000, from);
  });

  it('customer ends: the agent sees customer_left, goes to wrap-up, and wraps up with several reasons', async () => {
    const { a1, c, id } = await activeChat(srv());
    const early = await a1.request('POST', `/api/conversations/${id}/wrapup`, { reasonIds: ['resolved'] });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: { code: 'PARLEY_ERR_INVALID_STATE' } });

    c.end();
    await c.waitForFrame('status', (f) => f.status === 'ended');
    await a1.waitFor(is.notice(id, 'customer_left'));
    const upd = await a1.waitFor(is.conversation(id, 'ended'));
    if (upd.type !== 'conversation.updated') throw new Error('unreachable');
    expect(upd.conversation.endedBy).toBe('customer');
    expect(upd.conversation.participants).toEqual([expect.objectContaining({ agentId: 'a1', status: 'wrapup' })]);

    // The customer can no longer write.
    const from = c.mark();
    const cid = c.sendMessage('hello?');
    const err = await c.waitForFrame('error', (f) => f.clientId === cid, 5000, from);
    expect(err.code).toBe('PARLEY_ERR_INVALID_STATE');

    // Unknown reason → 400; several known reasons are fine on web chat (multiWrapup).
    const bad = await a1.request('POST', `/api/conversations/${id}/wrapup`, { reasonIds: ['resolved', 'no-such-reason'] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('no-such-reason') } });
    const empty = await a1.request('POST', `/api/conversations/${id}/wrapup`, { reasonIds: [] });
    expect(empty.status).toBe(400);
    expect((await a1.conversation(id)).participants[0]!.status).toBe('wrapup');

    const ok = await a1.request('POST', `/api/conversations/${id}/wrapup`, { reasonIds: ['resolved', 'follow-up'] });
    expect(ok.status).toBe(204);
    const closed = await a1.conversation(id);
    expect(closed.status).toBe('closed');
    expect(closed.participants[0]!.status).toBe('done');
    expect((await a1.desk()).conversations.map((x) => x.id)).not.toContain(id);
    expect((await a1.desk()).agent.load.webchat ?? 0).toBe(0);
  });

  it('attachments: customer uploads, sends, the agent sees a signed url it can fetch; bad type 415, tampered link 403', async () => {
    const server = srv();
    const { a1, c, id } = await activeChat(server);

    const up = await c.upload('photo.png', 'image/png', PNG);
    expect(up.status).toBe(200);
    const att = up.body as AttachmentDto;
    expect(att).toMatchObject({ name: 'photo.png', mimeType: 'image/png', size: PNG.length });
    expect(att.url).toMatch(/^\/files\/[^?]+\?exp=\d+&sig=/);

    const msg = await c.say('here is the photo', { attachmentIds: [att.id] });
    expect(msg.attachments).toEqual([expect.objectContaining({ id: att.id, name: 'photo.png' })]);
    const seen = await a1.waitFor(is.message(id, (m) => m.text === 'here is the photo'));
    if (seen.type !== 'message.created') throw new Error('unreachable');
    const url = seen.message.attachments[0]!.url;
    const file = await fetch(new URL(url, server.url));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

    // Tampered signature (or expiry) → 403.
    const u = new URL(url, server.url);
    const sig = u.searchParams.get('sig')!;
    u.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    const tampered = await fetch(u);
    expect(tampered.status).toBe(403);
    expect(await tampered.json()).toMatchObject({ error: { code: 'PARLEY_ERR_FORBIDDEN' } });
    const u2 = new URL(url, server.url);
    u2.searchParams.set('exp', String(Number(u2.searchParams.get('exp')) + 3_600_000));
    expect((await fetch(u2)).status).toBe(403);

    // HTML is never accepted.
    const html = await c.upload('page.html', 'text/html', '<script>alert(1)</script>');
    expect(html.status).toBe(415);
    expect(html.body).toMatchObject({ error: { code: 'PARLEY_ERR_UNSUPPORTED_MEDIA' } });
    // No token / unknown token.
    const anon = await c.upload('a.txt', 'text/plain', 'hi', { token: 'nope' });
    expect(anon.status).toBe(404);
    expect(anon.body).toMatchObject({ error: { code: 'PARLEY_ERR_UNKNOWN_SESSION' } });

    // The agent replies with an attachment of its own; the customer gets its url.
    const form = new FormData();
    form.append('file', new Blob(['order #123 details'], { type: 'text/plain' }), 'order.txt');
    const agentUp = await a1.request<AttachmentDto>('POST', '/api/attachments', form);
    expect(agentUp.status).toBe(200);
    const out = await a1.sendMessage(id, 'see attached', { attachmentIds: [agentUp.body.id] });
    const got = await c.waitForFrame('message', (f) => f.message.id === out.id);
    const fetched = await fetch(new URL(got.message.attachments[0]!.url, server.url));
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toBe('order #123 details');
  });

  it('uploads never sent are deleted after a day; sent ones stay', async () => {
    const server = srv();
    const { a1, id } = await activeChat(server);
    const upload = async (name: string) => {
      const form = new FormData();
      form.append('file', new Blob([`content of ${name}`], { type: 'text/plain' }), name);
      const r = await a1.request<AttachmentDto>('POST', '/api/attachments', form);
      expect(r.status).toBe(200);
      return r.body;
    };
    const sent = await upload('sent.txt');
    const abandoned = await upload('abandoned.txt');
    const out = await a1.sendMessage(id, 'with a file', { attachmentIds: [sent.id] });

    expect(await server.server.sweepUnsentAttachments(Date.now())).toBe(0); // too young
    expect(await server.server.sweepUnsentAttachments(Date.now() + 25 * 3600_000)).toBe(1);
    expect((await fetch(new URL(abandoned.url, server.url))).status).toBe(404);
    const kept = (await a1.messages(id)).messages.find((m) => m.id === out.id)!;
    const file = await fetch(new URL(kept.attachments[0]!.url, server.url));
    expect(await file.text()).toBe('content of sent.txt');
  });
});
