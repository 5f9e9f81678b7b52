/**
 * GET /api/conversations/:id/history: a returning customer's earlier conversations, shown to the
 * agent handling the new one. Web chat customers are keyed by e-mail, so two chats started with
 * the same address belong to the same customer.
 */
import { expect, it } from 'vitest';
import type { ConversationHistoryPage } from '@parley/protocol';
import { httpRequest, type AgentClient } from '@parley/testkit';
import { describeBackends, is, useServer, type TestServer } from './harness';

const historyOf = (id: string, query = '') => `/api/conversations/${id}/history${query}`;

async function history(agent: AgentClient, id: string, query = ''): Promise<ConversationHistoryPage> {
  const r = await agent.request<ConversationHistoryPage>('GET', historyOf(id, query));
  expect(r.status, `${query}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

/** A web chat from `email` that `agent` accepts. */
async function acceptedChat(s: TestServer, agent: AgentClient, email: string) {
  const c = await s.customer({ name: 'Dana', email });
  await agent.waitFor(is.offer(c.conversationId, agent.id));
  await agent.accept(c.conversationId);
  await c.waitForFrame('status', (f) => f.status === 'active');
  return { c, id: c.conversationId };
}

describeBackends('customer history', (backend) => {
  const srv = useServer(backend);

  it("a returning customer's second chat shows the first with its messages; another customer's never appears", async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const first = await acceptedChat(s, a1, 'dana@example.com');
    await first.c.say('My parcel never came');
    await a1.sendMessage(first.id, 'Sorry, I will send another one');
    await a1.end(first.id);
    await a1.wrapup(first.id, ['resolved']);

    const stranger = await acceptedChat(s, a1, 'someone.else@example.com');
    await stranger.c.say('Not Dana');
    // The address is the customer's identity whatever its case.
    const second = await acceptedChat(s, a1, 'Dana@Example.com');

    const page = await history(a1, second.id);
    expect(page).toMatchObject({ hasMore: false, total: 1 });
    expect(page.conversations).toHaveLength(1);
    const earlier = page.conversations[0]!;
    expect(earlier).toMatchObject({
      id: first.id,
      channel: 'webchat',
      entryPointId: 'web',
      queueId: 'q-chat',
      queueName: 'Chat',
      status: 'closed',
      agents: [{ id: 'a1', name: 'Agent One' }],
      hasMoreMessages: false,
    });
    expect(earlier.entryPointName).toEqual(expect.any(String));
    expect(earlier.endedAt).toBeGreaterThanOrEqual(earlier.createdAt);
    // What people wrote, oldest first; the "joined"/"left" notices are left out.
    expect(earlier.messages.map((m) => [m.authorType, m.text])).toEqual([
      ['customer', 'My parcel never came'],
      ['agent', 'Sorry, I will send another one'],
    ]);
    expect(earlier.messages.every((m) => m.conversationId === first.id)).toBe(true);
    // The stranger's chat is not Dana's history, and Dana's first chat has none.
    expect((await history(a1, stranger.id)).conversations).toEqual([]);
    expect(await history(a1, first.id)).toEqual({ conversations: [], hasMore: false, total: 0 });
  });

  it('only whoever may see the conversation reads its history: other agents get 404, supervisors 200, no token 401', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    await acceptedChat(s, a1, 'erin@example.com');
    const { id } = await acceptedChat(s, a1, 'erin@example.com');

    const a2 = await s.agent('agent2', { connect: false });
    const denied = await a2.request('GET', historyOf(id));
    expect(denied.status).toBe(404);
    expect(denied.body).toMatchObject({ error: { code: 'PARLEY_ERR_NOT_FOUND' } });
    expect((await a2.request('GET', historyOf('no-such-conversation'))).status).toBe(404);
    const sup = await s.agent('super', { connect: false });
    expect((await history(sup, id)).total).toBe(1);
    expect((await httpRequest(s.url, 'GET', historyOf(id))).status).toBe(401);
  });

  it('pages newest first with before=<last id>; bad query values are 400 naming the parameter', async () => {
    const s = srv();
    const chats: string[] = [];
    // Queued chats are enough: the supervisor may read any conversation.
    for (let i = 0; i < 4; i++) chats.push((await s.customer({ email: 'frank@example.com', connect: false })).conversationId);
    await s.customer({ email: 'not-frank@example.com', connect: false });
    const sup = await s.agent('super', { connect: false });
    const latest = chats[3]!;

    const one = await history(sup, latest, '?limit=2');
    expect(one.conversations.map((c) => c.id)).toEqual([chats[2], chats[1]]);
    expect(one).toMatchObject({ hasMore: true, total: 3 });
    expect(one.conversations[0]).toMatchObject({ status: 'queued', endedAt: null, agents: [], messages: [] });
    const two = await history(sup, latest, `?limit=2&before=${one.conversations[1]!.id}`);
    expect(two.conversations.map((c) => c.id)).toEqual([chats[0]]);
    expect(two).toMatchObject({ hasMore: false, total: 3 });
    expect((await history(sup, latest)).conversations).toHaveLength(3);

    for (const [query, param] of [['limit=0', 'limit'], ['limit=21', 'limit'], ['limit=two', 'limit'], ['before=', 'before'], ['page=2', 'additional']] as const) {
      const r = await sup.request('GET', historyOf(latest, `?${query}`));
      expect(r.status, query).toBe(400);
      expect(r.body, query).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining(param) } });
    }
  });
});
