/**
 * What the web chat customer sees: who is chatting with them (snapshot and live), why a transfer
 * ended the chat, and the thread beyond its newest page.
 */
import { expect, it } from 'vitest';
import type { WebchatServerFrame } from '@parley/protocol';
import { UNLIMITED_RATES } from '../src/app/limits';
import { describeBackends, is, useServer, type TestServer } from './harness';

async function chatOwnedByAgentOne(s: TestServer, site = 'web') {
  const a1 = await s.availableAgent('agent1');
  const a2 = await s.agent('agent2');
  const c = await s.customer({ site });
  await a1.waitFor(is.offer(c.conversationId, 'a1'));
  await a1.accept(c.conversationId);
  await c.waitForFrame('status', (f) => f.status === 'active');
  return { a1, a2, c, id: c.conversationId };
}

describeBackends('web chat customer view', (backend) => {
  // Unlimited rates: the paging test writes a long thread in one burst.
  const srv = useServer(backend, { offerTimeoutSeconds: 1.5, limits: UNLIMITED_RATES });

  it('names the agents chatting now: in the snapshot and in status frames, right after a conference exit', async () => {
    const s = srv();
    const { a1, a2, c, id } = await chatOwnedByAgentOne(s);
    expect((await c.snapshot()).body.agents).toEqual(['Agent One']);

    await a2.available();
    await a1.inviteToConference(id, 'a2');
    await a2.waitFor(is.offer(id, 'a2', 'conference'));
    await a2.accept(id);
    await c.waitForFrame('status', (f) => f.status === 'conference' && f.agents.join() === 'Agent One,Agent Two');
    expect((await c.snapshot()).body.agents).toEqual(['Agent One', 'Agent Two']);

    const from = c.mark();
    await a2.exitConference(id);
    await c.waitForFrame('status', (f) => f.status === 'active' && f.agents.join() === 'Agent One', 5000, from);
    // A reload (a new snapshot, a new socket's hello) names the remaining agent too.
    expect((await c.snapshot()).body.agents).toEqual(['Agent One']);
    const hello = await c.connect();
    expect(hello.snapshot.agents).toEqual(['Agent One']);
  });

  it('a transfer the target does not accept tells the customer why, before the chat ends', async () => {
    const { a1, a2, c, id } = await chatOwnedByAgentOne(srv());
    await a2.available();
    await a1.transferToAgent(id, 'a2');
    await a2.waitFor(is.withdrawn(id, 'timeout'), 4000);
    const failed = await c.waitForFrame('message', (f) => f.message.notice?.code === 'transfer_failed');
    const ended = await c.waitForFrame('status', (f) => f.status === 'ended');
    expect(c.frames.indexOf(failed)).toBeLessThan(c.frames.indexOf(ended));
    expect(ended.agents).toEqual([]);
    const snap = (await c.snapshot()).body;
    expect(snap.messages.map((m) => m.notice?.code).filter(Boolean)).toContain('transfer_failed');
  });

  it('pages the thread: the snapshot holds the newest page, older pages come by `before`, agent-only notices never', async () => {
    const s = srv();
    const { a1, a2, c, id } = await chatOwnedByAgentOne(s);
    // An agent-only notice early in the thread (a conference request that is declined).
    await a2.available();
    await a1.inviteToConference(id, 'a2');
    await a1.waitFor(is.notice(id, 'conference_declined'), 4000);

    const total = 250;
    let last = '';
    for (let i = 1; i <= total; i++) last = c.sendMessage(`m${i}`);
    await c.waitFor((f: WebchatServerFrame) => f.type === 'ack' && f.clientId === last, 20_000);

    const snap = (await c.snapshot()).body;
    expect(snap.messages).toHaveLength(100);
    expect(snap.hasMore).toBe(true);
    // Messages stored within one millisecond share created_at; their order there is the id's.
    expect(snap.messages.slice(-5).map((m) => m.text)).toContain(`m${total}`);

    const seen = [...snap.messages];
    for (let more = snap.hasMore; more; ) {
      const page = await c.messages({ before: seen[0]?.id ?? '', limit: 100 });
      expect(page.status).toBe(200);
      seen.unshift(...page.body.messages);
      more = page.body.hasMore;
    }
    // Every message exactly once: no gaps, no duplicates across page borders.
    const texts = seen.filter((m) => m.authorType === 'customer').map((m) => m.text);
    expect(texts.slice().sort()).toEqual(Array.from({ length: total }, (_, i) => `m${i + 1}`).sort());
    expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
    expect(seen.some((m) => m.notice?.code === 'agent_joined')).toBe(true);
    expect(seen.some((m) => m.notice?.code === 'conference_requested' || m.notice?.code === 'conference_declined')).toBe(false);
  });

  it('refuses a bad token or query with a clear error', async () => {
    const { c } = await chatOwnedByAgentOne(srv());
    const noToken = await c.messages({}, { token: 'nope' });
    expect(noToken.body).toMatchObject({ error: { code: 'PARLEY_ERR_UNKNOWN_SESSION' } });
    const badLimit = await c.messages({ limit: 0 });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION' } });
    // An id from another conversation (or none at all) is an empty page, not someone else's messages.
    const other = await c.messages({ before: 'not-a-message' });
    expect(other.body).toEqual({ messages: [], hasMore: false });
  });
});
