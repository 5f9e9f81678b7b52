/**
 * The HTTP surface: visibility rules, input validation and error bodies, the web chat socket's
 * refusals, the admin API at run time, and the operational endpoints.
 */
import { expect, it } from 'vitest';
import type { QueueDto } from '@parley/protocol';
import { AgentClient, CustomerClient, httpRequest } from '@parley/testkit';
import { RATE_LIMITS } from '../src/http/rate-limit';
import type { WebchatServerFrame } from '@parley/protocol';
import { describeBackends, is, useServer } from './harness';

describeBackends('HTTP API', (backend) => {
  const srv = useServer(backend);

  it('visibility: an agent cannot read a conversation it never handled (404); a supervisor can', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const a3 = await s.agent('agent3', { connect: false });
    const sup = await s.agent('super', { connect: false });
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    // While offered, the offered agent may read it; others not.
    expect((await a1.request('GET', `/api/conversations/${c.conversationId}`)).status).toBe(200);
    await a1.accept(c.conversationId);
    await c.say('private matter');

    for (const path of [`/api/conversations/${c.conversationId}`, `/api/conversations/${c.conversationId}/messages`]) {
      const r = await a3.request('GET', path);
      expect(r.status, path).toBe(404);
      expect(r.body).toMatchObject({ error: { code: 'PARLEY_ERR_NOT_FOUND' } });
    }
    const post = await a3.request('POST', `/api/conversations/${c.conversationId}/messages`, { clientId: 'x', text: 'hi' });
    expect(post.status).toBe(403);
    expect(post.body).toMatchObject({ error: { code: 'PARLEY_ERR_NOT_PARTICIPANT' } });

    expect((await sup.conversation(c.conversationId)).ownerAgentId).toBe('a1');
    expect((await sup.messages(c.conversationId)).messages.map((m) => m.text)).toContain('private matter');

    // After it closes (read from storage) the rules are the same.
    await a1.end(c.conversationId);
    await a1.wrapup(c.conversationId, ['resolved']);
    expect((await a1.conversation(c.conversationId)).status).toBe('closed');
    expect((await a3.request('GET', `/api/conversations/${c.conversationId}`)).status).toBe(404);
    expect((await sup.conversation(c.conversationId)).status).toBe('closed');
    expect((await a1.request('GET', '/api/conversations/no-such-id')).status).toBe(404);
  });

  it('bad input: 400 PARLEY_ERR_VALIDATION with a clear message, 401 without a token', async () => {
    const s = srv();
    const url = s.url;

    // Malformed JSON.
    const broken = await httpRequest(url, 'POST', '/api/auth/login', { body: '{"username": "agent1", ' });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringMatching(/json/i) } });
    // Wrong types and missing fields name the field.
    const missing = await httpRequest(url, 'POST', '/api/auth/login', { body: { username: 'agent1' } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('password') } });
    const wrongType = await httpRequest(url, 'POST', '/api/auth/login', { body: { username: 'agent1', password: { guess: 1 } } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('password') } });
    const extra = await httpRequest(url, 'POST', '/api/auth/login', { body: { username: 'agent1', password: 'pw', admin: true } });
    expect(extra.status).toBe(400);
    expect((await httpRequest(url, 'POST', '/api/auth/login', { body: { username: 'agent1', password: 'nope' } })).body).toMatchObject({
      error: { code: 'PARLEY_ERR_BAD_CREDENTIALS' },
    });

    // Unauthenticated.
    for (const [method, path] of [['GET', '/api/desk'], ['PUT', '/api/me/state'], ['GET', '/api/admin/queues'], ['POST', '/api/conversations/x/accept']] as const) {
      const r = await httpRequest(url, method, path, method === 'PUT' ? { body: { state: 'available' } } : {});
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.body).toMatchObject({ error: { code: 'PARLEY_ERR_UNAUTHENTICATED' } });
    }
    expect((await httpRequest(url, 'GET', '/api/desk', { token: 'forged' })).status).toBe(401);

    const a1 = await s.agent('agent1', { connect: false });
    const badState = await a1.request('PUT', '/api/me/state', { state: 'busy' });
    expect(badState.status).toBe(400);
    expect(badState.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: 'body/state must be one of "available", "idle"' } });
    const badReason = await a1.request('PUT', '/api/me/state', { state: 'idle', idleReasonId: 'nap' });
    expect(badReason.status).toBe(400);
    expect(badReason.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: 'Unknown idle reason' } });
    const noClientId = await a1.request('POST', '/api/conversations/abc/messages', { text: 'hi' });
    expect(noClientId.status).toBe(400);
    expect(noClientId.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('clientId') } });
    const badTransfer = await a1.request('POST', '/api/conversations/abc/transfer', { target: 'moon' });
    expect(badTransfer.status).toBe(400);
    const badLimit = await a1.request('GET', '/api/conversations/abc/messages?limit=9999');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('limit') } });

    // Web chat start: bad email, unknown site.
    const badEmail = await httpRequest(url, 'POST', '/webchat/api/sessions', { body: { name: 'X', email: 'not-an-email' } });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('email') } });
    const badSite = await httpRequest(url, 'POST', '/webchat/api/sessions', { body: { name: 'X', email: 'x@example.com', site: 'nowhere' } });
    expect(badSite.status).toBe(404);

    // Unknown route: coded 404 too.
    expect((await httpRequest(url, 'GET', '/api/nothing-here')).body).toMatchObject({ error: { code: 'PARLEY_ERR_NOT_FOUND' } });
  });

  it('web chat refusals: too-long message, unknown token, malformed frames — and the server keeps serving', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await a1.accept(c.conversationId);

    // Over the channel's limit (web chat: 1000 characters).
    let from = c.mark();
    const longId = c.sendMessage('x'.repeat(1001));
    const tooLong = await c.waitForFrame('error', (f) => f.clientId === longId, 5000, from);
    expect(tooLong.code).toBe('PARLEY_ERR_MESSAGE_TOO_LONG');
    expect((await c.say('y'.repeat(1000))).text).toHaveLength(1000); // the limit itself is fine
    const agentTooLong = await a1.request('POST', `/api/conversations/${c.conversationId}/messages`, { clientId: 'long', text: 'z'.repeat(1001) });
    expect(agentTooLong.status).toBe(422);
    expect(agentTooLong.body).toMatchObject({ error: { code: 'PARLEY_ERR_MESSAGE_TOO_LONG' } });

    // Malformed frames get an error frame, the socket stays usable.
    from = c.mark();
    c.send('{not json');
    expect((await c.waitForFrame('error', () => true, 5000, from)).code).toBe('PARLEY_ERR_VALIDATION');
    from = c.mark();
    c.send(JSON.stringify({ type: 'message', text: 'no client id' }));
    expect((await c.waitForFrame('error', () => true, 5000, from)).code).toBe('PARLEY_ERR_VALIDATION');
    from = c.mark();
    c.send(JSON.stringify({ type: 'teleport' }));
    expect((await c.waitForFrame('error', () => true, 5000, from)).code).toBe('PARLEY_ERR_VALIDATION');
    c.send('null');
    c.send(JSON.stringify({ type: 'read', messageIds: 'nope' }));
    from = c.mark();
    c.send({ type: 'ping', t: 7 });
    expect(await c.waitForFrame('pong', (f) => f.t === 7, 5000, from)).toBeTruthy();
    expect((await c.say('still here')).text).toBe('still here');
    await a1.waitFor(is.message(c.conversationId, (m) => m.text === 'still here'));
    expect((await httpRequest(s.url, 'GET', '/healthz')).status).toBe(200);

    // Unknown token: 404 on REST, an error frame then close on the socket.
    const snap = await httpRequest(s.url, 'GET', '/webchat/api/session', { token: 'no-such-token' });
    expect(snap.status).toBe(404);
    expect(snap.body).toMatchObject({ error: { code: 'PARLEY_ERR_UNKNOWN_SESSION' } });
    expect((await httpRequest(s.url, 'GET', '/webchat/api/session')).status).toBe(404);
    const frames: WebchatServerFrame[] = [];
    const ws = await CustomerClient.openRaw(s.url, 'no-such-token', (f) => frames.push(f));
    const closeCode = await new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    expect(closeCode).toBe(4404);
    expect(frames).toEqual([expect.objectContaining({ type: 'error', code: 'PARLEY_ERR_UNKNOWN_SESSION' })]);

    // Malformed agent socket frames are ignored; the agent socket keeps working.
    a1.typing('nope', true);
    const raw = await AgentClient.login(s.url, 'agent1');
    await raw.connect();
    await raw.close();
    expect((await c.say('after all that')).text).toBe('after all that');
    expect((await c.snapshot()).body.messages.some((m) => m.text === 'after all that')).toBe(true);
  });

  it('admin API: a queue, agent and entry point added at run time route at once; agents get 403', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const sup = await s.agent('super', { connect: false });
    const a1 = await s.agent('agent1', { connect: false });

    const newAgent = { id: 'a4', username: 'agent4', displayName: 'Agent Four', password: 'pw4', capacity: { webchat: 1 } };
    const newQueue = { id: 'q-vip', name: 'VIP', channel: 'webchat', offerTimeoutSeconds: 10, agents: ['a4'] };
    const newEntry = { id: 'vip', name: 'VIP site', channel: 'webchat', queue: 'q-vip' };

    // Agents and supervisors cannot write; supervisors can read.
    for (const who of [a1, sup]) {
      const r = await who.request('PUT', '/api/admin/queues/q-vip', newQueue);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ error: { code: 'PARLEY_ERR_FORBIDDEN' } });
    }
    expect((await a1.request('GET', '/api/admin/queues')).status).toBe(403);
    expect((await sup.request('GET', '/api/admin/queues')).status).toBe(200);

    const mismatch = await admin.request('PUT', '/api/admin/agents/other', newAgent);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION' } });

    // The answer is the read shape, which is the PUT shape (no password).
    expect(await admin.call('PUT', '/api/admin/agents/a4', newAgent)).toEqual({ id: 'a4', username: 'agent4', displayName: 'Agent Four', role: 'agent', teams: [], capacity: { webchat: 1 } });
    expect(await admin.call('PUT', '/api/admin/queues/q-vip', newQueue)).toMatchObject({ id: 'q-vip', agents: ['a4'], offerTimeoutSeconds: 10 });
    expect(await admin.call('PUT', '/api/admin/entry-points/vip', newEntry)).toMatchObject({ id: 'vip', queue: 'q-vip' });
    const listed = await sup.call<QueueDto[]>('GET', '/api/admin/queues');
    expect(listed.map((q) => q.id)).toContain('q-vip');

    // The new agent logs in with its password and receives chats from the new entry point.
    expect((await httpRequest(s.url, 'POST', '/api/auth/login', { body: { username: 'agent4', password: 'pw' } })).status).toBe(401);
    const a4 = await AgentClient.login(s.url, 'agent4', 'pw4');
    await a4.connect();
    const me = await a4.available();
    expect(me.queueIds).toEqual(['q-vip']);
    await a1.available(); // not a member of q-vip: must not get it
    const c = await s.customer({ site: 'vip' });
    const offer = await a4.waitFor(is.offer(c.conversationId, 'a4'));
    if (offer.type !== 'offer.created') throw new Error('unreachable');
    expect(offer.conversation).toMatchObject({ queueId: 'q-vip', entryPointId: 'vip', entryPointName: 'VIP site' });
    await a4.accept(c.conversationId);
    await c.waitForFrame('message', (f) => f.message.notice?.agentName === 'Agent Four');
    await a4.close();
  });

  it('admin API: adding an available agent to a queue offers it the chat already waiting there', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await admin.call('PUT', '/api/admin/queues/q-vip', { id: 'q-vip', name: 'VIP', channel: 'webchat', agents: [] });
    await admin.call('PUT', '/api/admin/entry-points/vip', { id: 'vip', name: 'VIP', channel: 'webchat', queue: 'q-vip' });
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer({ site: 'vip' });
    const from = a1.mark();
    await a1.expectNone(is.anyOffer(), from);
    expect((await admin.call<QueueDto[]>('GET', '/api/queues')).find((q) => q.id === 'q-vip')?.waiting).toBe(1);
    await admin.call('PUT', '/api/admin/queues/q-vip', { id: 'q-vip', name: 'VIP', channel: 'webchat', agents: ['a1'] });
    await a1.waitFor(is.offer(c.conversationId, 'a1'), 3000, from);
  });

  it('operations: /healthz, /metrics, /openapi.json', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));

    const health = await httpRequest(s.url, 'GET', '/healthz');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });

    const metrics = await fetch(`${s.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    expect(text).toMatch(/^parley_offers_total 1$/m);
    expect(text).toMatch(/^parley_rona_total 0$/m);
    expect(text).toMatch(/^parley_agent_sockets 1$/m);
    expect(text).toMatch(/^parley_customer_sockets 1$/m);

    const doc = await fetch(`${s.url}/openapi.json`);
    expect(doc.status).toBe(200);
    const spec = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/conversations/{id}/accept', '/webchat/api/sessions', '/api/admin/queues']));
  });

  it('rate limits per address: web chat sessions and logins past the limit get 429 PARLEY_ERR_RATE_LIMITED', async () => {
    const s = srv();
    for (let i = 0; i < RATE_LIMITS.webchatSession; i++) {
      const r = await httpRequest(s.url, 'POST', '/webchat/api/sessions', { body: { name: `C${i}`, email: `c${i}@example.com` } });
      expect(r.status, `session ${i}`).toBe(200);
    }
    const over = await httpRequest(s.url, 'POST', '/webchat/api/sessions', { body: { name: 'One more', email: 'more@example.com' } });
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ error: { code: 'PARLEY_ERR_RATE_LIMITED' } });

    for (let i = 0; i < RATE_LIMITS.login; i++) {
      const r = await httpRequest(s.url, 'POST', '/api/auth/login', { body: { username: 'agent1', password: `guess${i}` } });
      expect(r.status, `login ${i}`).toBe(401);
    }
    // Even the right password waits out the window: guessing is capped.
    const locked = await httpRequest(s.url, 'POST', '/api/auth/login', { body: { username: 'agent1', password: 'pw' } });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: 'PARLEY_ERR_RATE_LIMITED' } });
  });
});
