/**
 * Abandoned web chats: a chat whose customer left (no socket, no message) before any agent accepted
 * ends as abandoned after PARLEY_ABANDON_AFTER_MS — offer withdrawn, counted, never offered again —
 * and the same customer can start a new chat. Waits are on events: a second chat whose customer
 * leaves later serves as the witness that a deadline has passed.
 */
import { expect, it } from 'vitest';
import type { ConversationDto } from '@parley/protocol';
import { CustomerClient } from '@parley/testkit';
import { describeBackends, is, useServer, type TestServer } from './harness';

const ABANDON_MS = 300;

describeBackends('abandoned web chats', (backend) => {
  const srv = useServer(backend, { abandonAfterMs: ABANDON_MS });

  async function metric(s: TestServer): Promise<string> {
    return (await fetch(`${s.url}/metrics`)).text();
  }

  it('customer gone before any accept: offer withdrawn, closed as abandoned, counted; the widget coming back sees it ended; a new chat works', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const sup = await s.agent('super', { connect: false });
    const email = 'leaver@example.com';
    const c = await s.customer({ email });
    await a1.waitFor(is.offer(c.conversationId, 'a1'));

    await c.disconnect();
    await a1.waitFor(is.withdrawn(c.conversationId, 'abandoned'));
    await a1.waitFor(is.conversation(c.conversationId, 'closed'));
    const closed = await sup.call<ConversationDto>('GET', `/api/conversations/${c.conversationId}`);
    expect(closed).toMatchObject({ status: 'closed', endedBy: 'abandoned', offer: null, acceptedAt: null });
    expect(await metric(s)).toMatch(/^parley_conversations_abandoned_total 1$/m);
    expect(await a1.call('GET', '/api/desk')).toMatchObject({ offers: [], conversations: [] });

    // The widget comes back: the chat is over, with the reason in its thread; writing is refused.
    const hello = await c.connect();
    expect(hello.snapshot.status).toBe('closed');
    expect(hello.snapshot.messages.map((m) => m.notice?.code)).toContain('abandoned');
    await expect(c.say('anyone there?')).rejects.toThrow(/PARLEY_ERR_INVALID_STATE/);

    // The same customer starts anew: a new conversation, offered and accepted as usual.
    const again = await s.customer({ email });
    expect(again.conversationId).not.toBe(c.conversationId);
    await a1.waitFor(is.offer(again.conversationId, 'a1'));
    await a1.accept(again.conversationId);
    expect((await again.say('hello again')).text).toBe('hello again');
  });

  it('a customer who comes back in time keeps the chat, and an accepted chat is never abandoned', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1'); // capacity 2: takes both chats
    const back = await s.customer();
    await a1.waitFor(is.offer(back.conversationId, 'a1'));
    const accepted = await s.customer();
    await a1.waitFor(is.offer(accepted.conversationId, 'a1'));
    await a1.accept(accepted.conversationId);

    await back.disconnect();
    await back.connect();
    await accepted.disconnect();
    // The witness leaves after both: once it is abandoned, their deadlines would have passed too.
    const a2 = await s.availableAgent('agent2');
    const witness = await s.customer();
    await a2.waitFor(is.offer(witness.conversationId, 'a2'));
    await witness.disconnect();
    await a2.waitFor(is.withdrawn(witness.conversationId, 'abandoned'));

    const sup = await s.agent('super', { connect: false });
    expect(await sup.call<ConversationDto>('GET', `/api/conversations/${back.conversationId}`)).toMatchObject({ status: 'offered' });
    expect(await sup.call<ConversationDto>('GET', `/api/conversations/${accepted.conversationId}`)).toMatchObject({ status: 'active' });
    expect(await metric(s)).toMatch(/^parley_conversations_abandoned_total 1$/m);
  });

  it('after a restart (no customer socket survives it), an unaccepted chat whose customer does not reconnect is abandoned', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await s.restart();
    const from = a1.mark();
    await a1.connect({ since: a1.lastSeq });
    await a1.waitFor(is.withdrawn(c.conversationId, 'abandoned'), 5000, from);
    const fresh = s.track(new CustomerClient(s.url, c.token, c.conversationId));
    expect((await fresh.connect()).snapshot.status).toBe('closed');
  });
});
