/**
 * The supervisor read API: listing every conversation with filters and keyset paging, reading any
 * conversation and its whole thread (notices, statuses, provider ids), and who may call it.
 */
import { expect, it } from 'vitest';
import { ManualClock } from '@parley/core';
import type { SupervisorConversationDto, SupervisorConversationPage, SupervisorMessagePage } from '@parley/protocol';
import * as store from '@parley/storage';
import { httpRequest, type AgentClient } from '@parley/testkit';
import { describeBackends, is, useServer, type TestServer } from './harness';

const LIST = '/api/supervisor/conversations';

async function list(sup: AgentClient, query = ''): Promise<SupervisorConversationPage> {
  const r = await sup.request<SupervisorConversationPage>('GET', `${LIST}${query}`);
  expect(r.status, `${query}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

const idsOf = (p: SupervisorConversationPage) => p.conversations.map((c) => c.id);
const sorted = (ids: string[]) => [...ids].sort();

/** Newest first: createdAt descending, then id descending. */
function expectNewestFirst(items: SupervisorConversationDto[]): void {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1]!, items[i]!];
    expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id), `${a.id} before ${b.id}`).toBe(true);
  }
}

/**
 * A closed WhatsApp conversation written straight into storage, as the WhatsApp channel will write
 * it (same tables): a customer known by phone number, an entry point no longer configured, and
 * messages with the provider's ids and statuses.
 */
async function storeWhatsappConversation(s: TestServer, at: number) {
  const db = s.server.db.kysely;
  const phone = '+15550001234';
  const customer = await store.upsertCustomer(db, { channel: 'whatsapp', externalId: phone, name: 'Wanda', phone, createdAt: at });
  const id = store.orderedId();
  const state = {
    id, channel: 'whatsapp', queueId: 'q-wa', status: 'closed', ownerAgentId: 'a2',
    participants: [{ agentId: 'a2', role: 'owner', status: 'done', joinedAt: at + 1_000, leftAt: at + 4_000 }],
    offer: null, createdAt: at, queuedAt: at, maxWaitDeadline: null, acceptedAt: at + 1_000, abandonDeadline: null,
    endedAt: at + 4_000, endedBy: 'agent', overflowedFrom: [],
  };
  await store.upsertConversation(db, {
    id, channel: 'whatsapp', entryPointId: 'wa-retired', queueId: 'q-wa', customerId: customer.id, status: 'closed', ownerAgentId: 'a2',
    state, offerDeadline: null, maxWaitDeadline: null, createdAt: at, updatedAt: at + 5_000, closedAt: at + 5_000,
  });
  const message = (n: number, m: Partial<store.MessageRecord>): store.MessageRecord => ({
    id: store.orderedId(), conversationId: id, direction: 'inbound', authorType: 'customer', authorId: null, authorName: 'Wanda',
    text: '', attachments: [], notice: null, clientId: null, providerId: null, channel: 'whatsapp', status: 'received',
    statusReason: null, createdAt: at + n, ...m,
  });
  await store.insertMessage(db, message(100, { text: 'Where is my order?', providerId: 'wamid.IN1' }));
  await store.insertMessage(db, message(2_000, {
    direction: 'outbound', authorType: 'agent', authorId: 'a2', authorName: 'Agent Two', text: 'Checking now',
    providerId: 'wamid.OUT1', status: 'failed', statusReason: '131047: re-engagement message',
  }));
  return { id, phone };
}

describeBackends('supervisor API: access and input', (backend) => {
  const srv = useServer(backend);

  it('401 without a token (before the query is validated), 403 for agents, 200 for supervisors and admins', async () => {
    const s = srv();
    const c = await s.customer();
    const paths = [`${LIST}?limit=0&bogus=1`, `${LIST}/${c.conversationId}`, `${LIST}/${c.conversationId}/messages?limit=x`];
    for (const path of paths) {
      for (const token of [undefined, 'forged']) {
        const r = await httpRequest(s.url, 'GET', path, token ? { token } : {});
        expect(r.status, `${path} ${token}`).toBe(401);
        expect(r.body).toMatchObject({ error: { code: 'PARLEY_ERR_UNAUTHENTICATED' } });
      }
    }
    const agent = await s.agent('agent1', { connect: false });
    for (const path of paths) {
      const r = await agent.request('GET', path);
      expect(r.status, path).toBe(403);
      expect(r.body).toMatchObject({ error: { code: 'PARLEY_ERR_FORBIDDEN' } });
    }
    for (const username of ['super', 'admin']) {
      const reader = await s.agent(username, { connect: false });
      expect(idsOf(await list(reader)), username).toEqual([c.conversationId]);
      expect((await reader.call<SupervisorConversationDto>('GET', `${LIST}/${c.conversationId}`)).id).toBe(c.conversationId);
      expect((await reader.call<SupervisorMessagePage>('GET', `${LIST}/${c.conversationId}/messages`)).hasMore).toBe(false);
    }
  });

  it('bad query values are 400 PARLEY_ERR_VALIDATION naming the parameter; unknown ids 404', async () => {
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    const bad: [string, RegExp][] = [
      ['limit=0', /limit/],
      ['limit=201', /limit/],
      ['limit=ten', /limit/],
      ['limit=-1', /limit/],
      ['from=-5', /from/],
      ['from=1.5', /from/],
      ['to=yesterday', /to/],
      ['from=2000&to=1000', /from must not be after .*to/],
      ['status=open', /status: "open" is not a status; use any of queued, offered, active, conference, ended, closed/],
      ['status=queued,,closed', /status: "" is not a status/],
      ['status=closed&status=nope', /"nope" is not a status/],
      ['channel=fax', /channel must be one of/],
      ['cursor=not-a-cursor', /cursor is not a cursor this API returned/],
      [`cursor=${Buffer.from('[1,2]').toString('base64url')}`, /cursor/],
      ['entryPointId=', /entryPointId/],
      ['state=closed', /additional properties/],
    ];
    for (const [query, message] of bad) {
      const r = await sup.request('GET', `${LIST}?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body, query).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringMatching(message) } });
    }
    for (const query of ['limit=0', 'limit=501', 'before=', 'page=2']) {
      const r = await sup.request('GET', `${LIST}/any/messages?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION' } });
    }
    for (const path of [`${LIST}/no-such-id`, `${LIST}/no-such-id/messages`]) {
      const r = await sup.request('GET', path);
      expect(r.status, path).toBe(404);
      expect(r.body).toMatchObject({ error: { code: 'PARLEY_ERR_NOT_FOUND' } });
    }
    // Both forms of a status list, and the largest page, are accepted.
    for (const query of ['status=queued,closed', 'status=queued&status=closed', 'limit=200', 'from=0&to=0']) {
      expect((await sup.request('GET', `${LIST}?${query}`)).status, query).toBe(200);
    }
  });
  it('the OpenAPI document describes the three routes, their parameters and answers', async () => {
    const doc = (await httpRequest<OpenApi>(srv().url, 'GET', '/openapi.json')).body;
    const listOp = doc.paths[LIST]?.get;
    expect(listOp?.parameters?.map((p) => p.name).sort()).toEqual(
      ['channel', 'cursor', 'customerExternalId', 'entryPointId', 'from', 'limit', 'status', 'to'],
    );
    const page = listOp?.responses['200']?.content['application/json']?.schema;
    expect(Object.keys(page?.properties ?? {})).toEqual(['conversations', 'nextCursor']);
    const thread = doc.paths[`${LIST}/{id}/messages`]?.get?.responses['200']?.content['application/json']?.schema;
    const message = (thread?.properties?.messages as { items?: { properties?: object } } | undefined)?.items?.properties ?? {};
    expect(Object.keys(message)).toEqual(expect.arrayContaining(['providerId', 'status', 'statusReason', 'notice', 'content']));
    expect(doc.paths[`${LIST}/{id}`]?.get?.responses['200']).toBeDefined();
  });
});

type OpenApiSchema = { properties?: Record<string, unknown> };
interface OpenApi {
  paths: Record<
    string,
    { get?: { parameters?: { name: string }[]; responses: Record<string, { content: Record<string, { schema?: OpenApiSchema }> } | undefined> } } | undefined
  >;
}

describeBackends('supervisor API: the conversation list', (backend) => {
  const clock = new ManualClock(Date.now());
  const srv = useServer(backend, { clock });

  it('each filter narrows to exactly the matching conversations, and they combine', async () => {
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    const a1 = await s.agent('agent1');
    const t0 = clock.now();
    const alice1 = await s.customer({ name: 'Alice', email: 'Alice@Example.com' });
    const t1 = clock.advance(1_000);
    const bob = await s.customer({ name: 'Bob', email: 'bob@example.com', site: 'web2' });
    const t2 = clock.advance(1_000);
    const alice2 = await s.customer({ name: 'Alice', email: 'alice@example.com' });
    const t3 = clock.advance(1_000);
    const wa = await storeWhatsappConversation(s, t3);
    clock.advance(1_000);

    // Bob leaves while waiting; agent1 (room for two chats) is offered both of Alice's and takes the first.
    bob.end();
    await bob.waitForFrame('status', (f) => f.status === 'closed');
    await a1.available();
    await a1.waitFor(is.offer(alice1.conversationId, 'a1'));
    await a1.waitFor(is.offer(alice2.conversationId, 'a1'));
    await a1.accept(alice1.conversationId);
    const all = await list(sup);
    expect(idsOf(all)).toEqual([wa.id, alice2.conversationId, bob.conversationId, alice1.conversationId]);
    expect(all.nextCursor).toBeNull();
    const byId = new Map(all.conversations.map((c) => [c.id, c]));
    expect([...byId.values()].map((c) => c.status)).toEqual(['closed', 'offered', 'closed', 'active']);
    expect(byId.get(alice1.conversationId)).toMatchObject({ owner: { id: 'a1', name: 'Agent One' }, offer: null });
    expect(byId.get(alice2.conversationId)).toMatchObject({ owner: null, offer: { agentId: 'a1', kind: 'route' } });

    const cases: [string, string[]][] = [
      ['channel=webchat', [alice2.conversationId, bob.conversationId, alice1.conversationId]],
      ['channel=whatsapp', [wa.id]],
      ['channel=sms', []],
      ['entryPointId=web', [alice2.conversationId, alice1.conversationId]],
      ['entryPointId=web2', [bob.conversationId]],
      ['entryPointId=wa-retired', [wa.id]],
      // Web chat customers are known by their e-mail address, stored in lower case: both chats are Alice's.
      ['customerExternalId=alice%40example.com', [alice2.conversationId, alice1.conversationId]],
      [`customerExternalId=${encodeURIComponent(wa.phone)}`, [wa.id]],
      ['customerExternalId=nobody%40example.com', []],
      ['status=active', [alice1.conversationId]],
      ['status=offered', [alice2.conversationId]],
      ['status=queued', []],
      ['status=closed', [wa.id, bob.conversationId]],
      ['status=offered,active', [alice2.conversationId, alice1.conversationId]],
      ['status=offered&status=active', [alice2.conversationId, alice1.conversationId]],
      [`from=${t1}`, [wa.id, alice2.conversationId, bob.conversationId]],
      [`to=${t1}`, [alice1.conversationId]],
      [`from=${t1}&to=${t2}`, [bob.conversationId]],
      [`from=${t0}&to=${t0 + 1}`, [alice1.conversationId]],
      [`from=${t2}&to=${t2}`, []],
      [`channel=webchat&customerExternalId=alice%40example.com&from=${t1}`, [alice2.conversationId]],
      ['entryPointId=web&status=closed', []],
    ];
    for (const [query, expected] of cases) expect(idsOf(await list(sup, `?${query}`)), query).toEqual(expected);

    // What each item carries.
    const active = byId.get(alice1.conversationId)!;
    expect(active).toMatchObject({
      channel: 'webchat',
      entryPoint: { id: 'web', name: 'Website', address: '' },
      queue: { id: 'q-chat', name: 'Chat' },
      customer: { externalId: 'alice@example.com', name: 'Alice', email: 'alice@example.com', phone: null, channel: 'webchat' },
      participants: [{ agentId: 'a1', agentName: 'Agent One', role: 'owner', status: 'active', joinedAt: t3 + 1_000, leftAt: null }],
      createdAt: t0,
      closedAt: null,
      endedBy: null,
      lastMessage: null,
    });
    const left = (await list(sup, '?entryPointId=web2')).conversations[0]!;
    expect(left).toMatchObject({ status: 'closed', endedBy: 'customer', owner: null, participants: [] });
    expect(left.closedAt).toEqual(expect.any(Number));
    expect(byId.get(wa.id)).toMatchObject({
      channel: 'whatsapp',
      entryPoint: { id: 'wa-retired', name: null, address: null },
      queue: { id: 'q-wa', name: 'WhatsApp' },
      customer: { externalId: wa.phone, phone: wa.phone, email: null },
      owner: { id: 'a2', name: 'Agent Two' },
      endedBy: 'agent',
      updatedAt: t3 + 5_000,
      closedAt: t3 + 5_000,
      lastMessage: { direction: 'outbound', authorType: 'agent', authorName: 'Agent Two', text: 'Checking now', attachmentCount: 0 },
    });
  });

  it('paging returns every conversation exactly once, newest first, while new ones arrive', async () => {
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    const before: string[] = [];
    // Pairs created in the same millisecond: the id breaks the tie, so the order stays total.
    for (let i = 0; i < 4; i++) {
      before.push((await s.customer({ connect: false })).conversationId);
      before.push((await s.customer({ connect: false })).conversationId);
      clock.advance(1);
    }
    const seen: SupervisorConversationDto[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: SupervisorConversationPage = await list(sup, `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.conversations.length).toBeLessThanOrEqual(3);
      seen.push(...page.conversations);
      cursor = page.nextCursor;
      pages++;
      // New conversations arrive between pages (newer than any seen: they sort before the cursor).
      await s.customer({ connect: false });
      clock.advance(1);
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((c) => c.id)).toEqual([...before].reverse());
    expectNewestFirst(seen);

    const now = await list(sup, '?limit=200');
    expect(now.conversations).toHaveLength(before.length + pages);
    expectNewestFirst(now.conversations);
    expect(sorted(idsOf(now).slice(pages))).toEqual(sorted(before));
    // A filter pages the same way.
    const first = await list(sup, `?limit=2&status=queued`);
    const second = await list(sup, `?limit=200&status=queued&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect([...idsOf(first), ...idsOf(second)]).toEqual(idsOf(now));
    expect(second.nextCursor).toBeNull();
  });
});

describeBackends('supervisor API: a thread', (backend) => {
  const srv = useServer(backend);

  it('shows every message with notices (internal ones too), statuses, client and provider ids, attachments', async () => {
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer({ email: 'casey@example.com' });
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await a1.accept(c.conversationId);
    const up = await c.upload('note.txt', 'text/plain', 'hello');
    expect(up.status).toBe(200);
    const asked = await c.say('can you help?', { attachmentIds: [up.body.id] });
    const reply = await a1.sendMessage(c.conversationId, 'Of course');
    // The customer reads the reply: its status becomes `read`.
    const from = a1.mark();
    c.send({ type: 'read', messageIds: [reply.id] });
    await a1.waitForEvent('message.status', (e) => e.messageId === reply.id && e.status === 'read', undefined, from);
    // An invitation to a conference: a notice for agents only.
    const a2 = await s.availableAgent('agent2');
    await a1.inviteToConference(c.conversationId, 'a2');
    await a2.waitFor(is.offer(c.conversationId, 'a2', 'conference'));

    const thread = await sup.call<SupervisorMessagePage>('GET', `${LIST}/${c.conversationId}/messages`);
    expect(thread.hasMore).toBe(false);
    const notices = thread.messages.filter((m) => m.notice);
    expect(notices.map((m) => [m.notice!.code, m.direction])).toEqual([
      ['agent_joined', 'outbound'],
      ['conference_requested', 'internal'],
    ]);
    expect(notices[1]).toMatchObject({ authorType: 'system', notice: { agentName: 'Agent Two' }, status: 'sent' });
    const customerMessage = thread.messages.find((m) => m.id === asked.id)!;
    expect(customerMessage).toMatchObject({
      conversationId: c.conversationId, channel: 'webchat', direction: 'inbound', authorType: 'customer', text: 'can you help?',
      status: 'received', statusReason: null, clientId: asked.clientId, providerId: null, content: null,
      attachments: [{ id: up.body.id, name: 'note.txt', mimeType: 'text/plain', size: 5, url: expect.stringMatching(/^\/files\//) }],
    });
    expect((await httpRequest(s.url, 'GET', customerMessage.attachments[0]!.url)).body).toBe('hello');
    expect(thread.messages.find((m) => m.id === reply.id)).toMatchObject({
      direction: 'outbound', authorType: 'agent', authorId: 'a1', authorName: 'Agent One', status: 'read', clientId: reply.clientId,
    });
    // Oldest first; `before` pages backwards.
    const older = await sup.call<SupervisorMessagePage>('GET', `${LIST}/${c.conversationId}/messages?limit=2&before=${thread.messages.at(-1)!.id}`);
    expect(older.messages.map((m) => m.id)).toEqual(thread.messages.slice(-3, -1).map((m) => m.id));
    expect(older.hasMore).toBe(true);

    // The conversation: its preview is the agent's reply (the notice after it is left out).
    const conv = await sup.call<SupervisorConversationDto>('GET', `${LIST}/${c.conversationId}`);
    expect(conv).toMatchObject({
      status: 'active',
      customer: { externalId: 'casey@example.com' },
      offer: { agentId: 'a2', kind: 'conference' },
      lastMessage: { id: reply.id, text: 'Of course', authorType: 'agent', attachmentCount: 0 },
    });
    expect(conv.acceptedAt).toEqual(expect.any(Number));
    // The customer external id filter finds the web chat customer.
    expect(idsOf(await list(sup, '?customerExternalId=casey%40example.com'))).toEqual([c.conversationId]);
  });

  it("another channel's thread: provider ids, a failure's reason, a long preview cut at 200 characters", async () => {
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    const wa = await storeWhatsappConversation(s, 1_000_000);
    const thread = await sup.call<SupervisorMessagePage>('GET', `${LIST}/${wa.id}/messages`);
    expect(thread.messages.map((m) => [m.providerId, m.status, m.statusReason])).toEqual([
      ['wamid.IN1', 'received', null],
      ['wamid.OUT1', 'failed', '131047: re-engagement message'],
    ]);
    expect(thread.messages.every((m) => m.channel === 'whatsapp' && m.content === null)).toBe(true);

    const long = '😀'.repeat(250);
    await store.insertMessage(s.server.db.kysely, {
      id: store.orderedId(), conversationId: wa.id, direction: 'inbound', authorType: 'customer', authorId: null, authorName: 'Wanda',
      text: long, attachments: [], notice: null, clientId: null, providerId: 'wamid.IN2', channel: 'whatsapp', status: 'received',
      statusReason: null, createdAt: 1_010_000,
    });
    const conv = await sup.call<SupervisorConversationDto>('GET', `${LIST}/${wa.id}`);
    expect(conv.lastMessage?.text).toBe(`${'😀'.repeat(200)}…`);
    expect((await sup.call<SupervisorMessagePage>('GET', `${LIST}/${wa.id}/messages`)).messages.at(-1)?.text).toBe(long);
  });
});
