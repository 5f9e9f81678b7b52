/**
 * Limits against abuse that lose nothing, over real sockets: a peer that never reads is cut off
 * and its queue freed; a customer's message rate (refused ones stored nowhere); sockets per chat;
 * typing floods; strict message text; no type coercion of API bodies.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import { ManualClock } from '@parley/core';
import { testConfig, type CustomerClient } from '@parley/testkit';
import type { AttachmentDto, WebchatServerFrame } from '@parley/protocol';
import { activeChat, describeBackends, is, useServer, type TestServer } from './harness';

async function metric(s: TestServer, name: string): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!m) throw new Error(`no metric ${name}`);
  return Number(m[1]);
}

/** Polls /metrics until `name` satisfies `ok` (a state to reach, not a time to wait). */
async function metricReaches(s: TestServer, name: string, ok: (v: number) => boolean, timeoutMs = 5_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await metric(s, name);
    if (ok(v)) return v;
    if (Date.now() > until) throw new Error(`${name} is still ${v}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function wsUrl(s: TestServer, path: string): string {
  return `${s.url.replace(/^http/, 'ws')}${path}`;
}

/** A raw socket with its frames and close recorded from the first moment. */
function rawSocket(url: string) {
  const ws = new WebSocket(url);
  const frames: WebchatServerFrame[] = [];
  ws.on('message', (raw: Buffer) => frames.push(JSON.parse(raw.toString('utf8')) as WebchatServerFrame));
  const opened = new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  const closed = new Promise<number>((ok) => ws.once('close', (code) => ok(code)));
  return { ws, frames, opened, closed };
}

describeBackends('a peer that never reads', (backend) => {
  const cap = 1024 * 1024;
  const srv = useServer(backend, {
    config: { ...testConfig({ offerTimeoutSeconds: 10 }), channels: { webchat: { maxMessageLength: 100_000 } } },
    limits: { socketBufferBytes: cap },
  });

  it('is cut off once its unsent data passes the cap, and its queue is freed; a reading socket gets everything', async () => {
    const s = srv();
    const { a1, id } = await activeChat(s);
    const stalled = rawSocket(wsUrl(s, `/api/ws?token=${encodeURIComponent(a1.token)}`));
    await stalled.opened;
    stalled.ws.pause(); // reads nothing more, answers no ping
    try {
      await metricReaches(s, 'parley_agent_sockets', (v) => v === 2);
      // ~300 kB a message (100,000 three-byte characters), to both of agent1's sockets.
      const big = '€'.repeat(100_000);
      let sent = 0;
      while ((await metric(s, 'parley_ws_overflow_closed_total')) === 0) {
        if (++sent > 200) throw new Error('the stalled socket was never cut off (60 MB sent)');
        await a1.sendMessage(id, big);
      }
      // Its close ran like any close: the socket is gone from the server, with what it held.
      await metricReaches(s, 'parley_agent_sockets', (v) => v === 1);
      expect(await metric(s, 'parley_ws_overflow_closed_total')).toBe(1);
      expect(await metric(s, 'parley_ws_buffered_bytes')).toBeLessThan(cap);
      // The socket that reads was never cut off and received every message.
      await a1.waitFor((e) => is.message(id, (m) => m.authorType === 'agent')(e) && a1.events.filter(is.message(id, (m) => m.authorType === 'agent')).length === sent);
      expect(await metric(s, 'parley_ws_overflow_closed_total')).toBe(1);
    } finally {
      stalled.ws.terminate();
    }
  });
});

describeBackends('replay under the buffer cap', (backend) => {
  const cap = 1024 * 1024;
  const srv = useServer(backend, {
    config: { ...testConfig({ offerTimeoutSeconds: 10 }), channels: { webchat: { maxMessageLength: 100_000 } } },
    limits: { socketBufferBytes: cap },
  });

  it('a resume whose history is larger than the cap follows the reader and delivers all of it', async () => {
    const s = srv();
    const { a1, id } = await activeChat(s);
    const since = a1.lastSeq;
    a1.close();
    const big = '€'.repeat(100_000);
    const sent = [];
    // Node counts queued text in UTF-16 units: 20 × 100,000 is twice the cap.
    for (let i = 0; i < 20; i++) sent.push((await a1.sendMessage(id, big)).id);
    const from = a1.mark();
    await a1.connect({ since });
    for (const messageId of sent) await a1.waitFor(is.message(id, (m) => m.id === messageId), 10_000, from);
    expect(await metric(s, 'parley_ws_overflow_closed_total')).toBe(0);
  });
});

describeBackends('customer message rate', (backend) => {
  const clock = new ManualClock(Date.now());
  const srv = useServer(backend, { clock }); // default limits: burst 10, then 1 a second

  it('past the burst each message gets an error frame and is stored nowhere; exactly the accepted ones are stored', async () => {
    const { a1, c, id } = await activeChat(srv());
    const from = c.mark();
    const ids = Array.from({ length: 30 }, (_, i) => c.sendMessage(`message ${i}`));
    const answers = [];
    for (const cid of ids) answers.push(await c.waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.clientId === cid, 10_000, from));
    expect(answers.slice(0, 10).every((f) => f.type === 'ack')).toBe(true);
    for (const f of answers.slice(10)) {
      expect(f).toMatchObject({ type: 'error', code: 'PARLEY_ERR_RATE_LIMITED', message: expect.stringContaining('try again in 1 s') });
    }
    // (Compared as sets: the frozen clock gives every message the same time, so the page order among them is the ids'.)
    const stored = (await a1.messages(id)).messages.filter((m) => m.authorType === 'customer');
    expect(stored.map((m) => m.clientId).sort()).toEqual(ids.slice(0, 10).sort());
    expect(stored.map((m) => m.text).sort()).toEqual(ids.slice(0, 10).map((_, i) => `message ${i}`).sort());

    // A second later one more fits: the widget's Retry of a refused message stores it, once.
    clock.advance(1_000);
    const retried = await c.say('message 10', { clientId: ids[10] });
    expect(retried.clientId).toBe(ids[10]);
    await expect(c.say('one too many')).rejects.toThrow(/PARLEY_ERR_RATE_LIMITED/);
    const after = (await a1.messages(id)).messages.filter((m) => m.authorType === 'customer');
    expect(after.map((m) => m.clientId).sort()).toEqual(ids.slice(0, 11).sort());
  });

  it('a message refused by the rules (blank, invalid) costs none of the allowance', async () => {
    const { c } = await activeChat(srv());
    const from = c.mark();
    const blanks = Array.from({ length: 5 }, () => c.sendMessage('\u200B'));
    const valid = Array.from({ length: 10 }, (_, i) => c.sendMessage(`valid ${i}`));
    for (const cid of blanks) expect(await c.waitFor((f) => f.type === 'error' && f.clientId === cid, 10_000, from)).toMatchObject({ code: 'PARLEY_ERR_EMPTY_MESSAGE' });
    for (const cid of valid) expect((await c.waitFor((f) => (f.type === 'ack' || f.type === 'error') && f.clientId === cid, 10_000, from)).type).toBe('ack');
  });

  it('typing floods reach the other side at most `burst` times, and a stop always passes', async () => {
    const { a1, c, id } = await activeChat(srv());
    // Customer → agents: frames are handled in order, so the message marks the end of the flood.
    let from = a1.mark();
    for (let i = 0; i < 50; i++) c.typing(true);
    c.sendMessage('after the flood');
    await a1.waitFor(is.message(id, (m) => m.text === 'after the flood'), 10_000, from);
    expect(a1.events.slice(from).filter(is.typing(id, true))).toHaveLength(4);
    c.typing(false);
    await a1.waitFor(is.typing(id, false), 5_000, from);

    // Agent → customer: the same on the agent socket.
    from = c.mark();
    for (let i = 0; i < 50; i++) a1.typing(id, true);
    a1.typing(id, false);
    await c.waitForFrame('typing', (f) => !f.typing, 5_000, from);
    expect(c.frames.slice(from).filter((f) => f.type === 'typing' && f.typing)).toHaveLength(4);
  });
});

describeBackends('sockets per chat session', (backend) => {
  const srv = useServer(backend);

  it('the 6th socket of one chat is refused with an error frame and close 4429; after one closes, a new one is let in', async () => {
    const s = srv();
    const c = await s.customer({ connect: false });
    const url = wsUrl(s, `/webchat/ws?token=${encodeURIComponent(c.token)}`);
    const open = [];
    try {
      for (let i = 0; i < 5; i++) {
        const sock = rawSocket(url);
        open.push(sock);
        await sock.opened;
        await expect.poll(() => sock.frames.some((f) => f.type === 'hello')).toBe(true);
      }
      const sixth = rawSocket(url);
      open.push(sixth);
      expect(await sixth.closed).toBe(4429);
      expect(sixth.frames).toEqual([expect.objectContaining({ type: 'error', code: 'PARLEY_ERR_TOO_MANY_CONNECTIONS' })]);
      // Another chat is not affected.
      const other = await s.customer();
      expect(other.frames.some((f) => f.type === 'hello')).toBe(true);

      const [first] = open;
      first?.ws.close();
      await first?.closed;
      await metricReaches(s, 'parley_customer_sockets', (v) => v === 5); // 4 of this chat + the other
      const again = rawSocket(url);
      open.push(again);
      await again.opened;
      await expect.poll(() => again.frames.some((f) => f.type === 'hello')).toBe(true);
    } finally {
      for (const x of open) x.ws.terminate();
    }
  });
});

describeBackends('strict input', (backend) => {
  const srv = useServer(backend);

  it('refuses lone surrogates and invisible-only text from customers and agents; emoji with ZWJ / VS16 pass unchanged', async () => {
    const { a1, c, id } = await activeChat(srv());
    const refused = async (text: string) => {
      const from = c.mark();
      const clientId = c.sendMessage(text);
      return c.waitForFrame('error', (f) => f.clientId === clientId, 5_000, from);
    };
    expect(await refused('ok \uD800')).toMatchObject({ code: 'PARLEY_ERR_INVALID_TEXT' });
    expect(await refused('\uDC00 lone low')).toMatchObject({ code: 'PARLEY_ERR_INVALID_TEXT' });
    expect(await refused('\u200B\u200D\uFEFF')).toMatchObject({ code: 'PARLEY_ERR_EMPTY_MESSAGE' });
    expect(await refused(' \u2060\u00AD\u3164\n')).toMatchObject({ code: 'PARLEY_ERR_EMPTY_MESSAGE' });
    const family = '👨\u200D👩\u200D👧';
    const heart = '\u2764\uFE0F';
    expect((await c.say(family)).text).toBe(family);
    expect((await c.say(heart)).text).toBe(heart);

    const post = (text: unknown) => a1.request('POST', `/api/conversations/${id}/messages`, { clientId: randomUUID(), text });
    const lone = await post('\uD83D');
    expect(lone.status).toBe(400);
    expect(lone.body).toMatchObject({ error: { code: 'PARLEY_ERR_INVALID_TEXT' } });
    const blank = await post('\u200B\u200D\uFEFF');
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({ error: { code: 'PARLEY_ERR_EMPTY_MESSAGE' } });
    expect((await a1.sendMessage(id, family)).text).toBe(family);

    const stored = (await a1.messages(id)).messages.filter((m) => !m.notice).map((m) => m.text);
    expect(stored.sort()).toEqual([family, heart, family].sort());
  });

  it('does not coerce API bodies (text: 123 is a 400), while numeric query strings still work', async () => {
    const { a1, id } = await activeChat(srv());
    const numeric = await a1.request('POST', `/api/conversations/${id}/messages`, { clientId: randomUUID(), text: 123 });
    expect(numeric.status).toBe(400);
    expect(numeric.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('text') } });
    const arrayId = await a1.request('POST', `/api/conversations/${id}/messages`, { clientId: ['x'], text: 'hi' });
    expect(arrayId.status).toBe(400);
    const boolState = await a1.request('PUT', '/api/me/state', { state: 'available', idleReasonId: false });
    expect(boolState.status).toBe(400);
    expect((await a1.messages(id)).messages.filter((m) => !m.notice)).toEqual([]);

    await a1.sendMessage(id, 'one');
    await a1.sendMessage(id, 'two');
    const page = await a1.call<{ messages: { text: string }[]; hasMore: boolean }>('GET', `/api/conversations/${id}/messages?limit=1`);
    expect(page.messages.map((m) => m.text)).toEqual(['two']);
    expect(page.hasMore).toBe(true);
    for (const bad of ['0', '501', 'abc', '1.5']) {
      const r = await a1.request('GET', `/api/conversations/${id}/messages?limit=${bad}`);
      expect(r.status, `limit=${bad}`).toBe(400);
    }
    expect((await a1.call<unknown[]>('GET', '/api/queues?channel=webchat')).length).toBeGreaterThan(0);
  });
});

describeBackends('upload ownership', (backend) => {
  const srv = useServer(backend);

  it('an upload not yet sent can be attached only by whoever uploaded it', async () => {
    const s = srv();
    const { a1, c: cA, id: chatA } = await activeChat(s);
    await a1.setState('idle'); // so the next chat goes to agent2
    const a2 = await s.availableAgent('agent2');
    const cB = await s.customer({ name: 'Eli' });
    await a2.waitFor(is.offer(cB.conversationId, 'a2'));
    await a2.accept(cB.conversationId);
    await cB.waitForFrame('status', (f) => f.status === 'active');
    const chatB = cB.conversationId;

    const form = new FormData();
    form.append('file', new Blob(['agent one draft'], { type: 'text/plain' }), 'draft.txt');
    const agentUpload = (await a1.request<AttachmentDto>('POST', '/api/attachments', form)).body;
    const customerUpload = (await cA.upload('mine.txt', 'text/plain', 'customer A file')).body;

    const refusedFor = async (c: CustomerClient, attachmentIds: string[]) => {
      const from = c.mark();
      const clientId = c.sendMessage('look', { attachmentIds });
      return c.waitForFrame('error', (f) => f.clientId === clientId, 5_000, from);
    };
    // Another conversation's customer, with either upload's id.
    expect(await refusedFor(cB, [agentUpload.id])).toMatchObject({ code: 'PARLEY_ERR_FORBIDDEN', message: expect.stringContaining('uploaded by someone else') });
    expect(await refusedFor(cB, [customerUpload.id])).toMatchObject({ code: 'PARLEY_ERR_FORBIDDEN' });
    // Another agent, in their own conversation; and the agent of chat A with its customer's upload.
    const byA2 = await a2.request('POST', `/api/conversations/${chatB}/messages`, { clientId: randomUUID(), text: 'look', attachmentIds: [agentUpload.id] });
    expect(byA2.status).toBe(403);
    expect(byA2.body).toMatchObject({ error: { code: 'PARLEY_ERR_FORBIDDEN' } });
    const a1TakesCustomers = await a1.request('POST', `/api/conversations/${chatA}/messages`, { clientId: randomUUID(), text: 'look', attachmentIds: [customerUpload.id] });
    expect(a1TakesCustomers.status).toBe(403);
    const unknown = await a1.request('POST', `/api/conversations/${chatA}/messages`, { clientId: randomUUID(), text: 'look', attachmentIds: [randomUUID()] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('Unknown attachment') } });
    expect((await a2.messages(chatB)).messages.filter((m) => !m.notice)).toEqual([]);

    // Nothing was bound by the refusals: each uploader still sends their own.
    const out = await a1.sendMessage(chatA, 'from agent one', { attachmentIds: [agentUpload.id] });
    expect(out.attachments).toEqual([expect.objectContaining({ id: agentUpload.id })]);
    const inbound = await cA.say('from customer A', { attachmentIds: [customerUpload.id] });
    expect(inbound.attachments).toEqual([expect.objectContaining({ id: customerUpload.id })]);
    // Once sent it stays in its conversation: agent one cannot reuse it in chat B either.
    expect(await refusedFor(cB, [agentUpload.id])).toMatchObject({ code: 'PARLEY_ERR_FORBIDDEN' });
  });
});
