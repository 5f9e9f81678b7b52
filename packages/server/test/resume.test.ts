/**
 * The agent event stream: a reconnecting Desktop resumes from the last sequence it saw and gets
 * exactly what it missed, in order, without duplicates; then live events continue.
 */
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import { describeBackends, is, useServer } from './harness';

describeBackends('agent event stream resume', (backend) => {
  const srv = useServer(backend);

  it('replays exactly the missed events after since=<last seq>, in order, then continues live', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    // A second session of the same agent stays connected throughout: the reference of what was sent.
    const observer = await s.agent('agent1');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await a1.accept(c.conversationId);
    await a1.waitFor(is.conversation(c.conversationId, 'active'));
    const since = a1.lastSeq;
    expect(since).toBeGreaterThan(0);

    await a1.disconnect();
    const missedFrom = observer.mark();
    for (const text of ['one', 'two', 'three']) await c.say(text);
    const a2 = await s.agent('agent2', { connect: false });
    await a2.available(); // a broadcast agent.updated
    const reply = await a1.sendMessage(c.conversationId, 'reply while away');
    await observer.waitForEvent('message.status', (e) => e.messageId === reply.id && e.status === 'delivered');
    await observer.waitFor(is.agentState('a2', 'available'));

    const expected = observer.events.filter((e) => e.seq > since);
    expect(expected.length).toBeGreaterThanOrEqual(6);
    expect(observer.events.slice(missedFrom).filter((e) => e.seq !== 0).every((e) => e.seq > since)).toBe(true);

    const replayFrom = a1.mark();
    const hello = await a1.connect({ since });
    expect(hello).toMatchObject({ type: 'hello', resumed: true, seq: since, agentId: 'a1' });
    const last = expected[expected.length - 1]!;
    await a1.waitFor((e) => e.seq === last.seq, 5000, replayFrom);
    const replayed = a1.events.slice(replayFrom);
    expect(replayed.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
    expect(replayed).toEqual(expected);
    const seqs = replayed.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(replayed.filter(is.message(c.conversationId, (m) => m.authorType === 'customer')).map((e) => e.type === 'message.created' && e.message.text)).toEqual(['one', 'two', 'three']);

    // Live again: the next event arrives once, after the replay.
    const liveFrom = a1.mark();
    await c.say('four');
    const live = await a1.waitFor(is.message(c.conversationId, (m) => m.text === 'four'), 5000, liveFrom);
    expect(live.seq).toBeGreaterThan(last.seq);
    await observer.waitFor(is.message(c.conversationId, (m) => m.text === 'four'));
    expect(a1.events.slice(liveFrom).filter((e) => e.seq !== 0)).toEqual(observer.events.filter((e) => e.seq > last.seq));
  });

  it('a fresh connection (no since) replays nothing; the desk snapshot seq is where to resume from', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    const desk = await a1.desk();
    expect(desk.offers.map((o) => o.conversationId)).toEqual([c.conversationId]);
    expect(desk.conversations.map((x) => x.id)).toEqual([c.conversationId]);
    expect(desk.seq).toBeGreaterThanOrEqual(a1.lastSeq);

    const fresh = await s.agent('agent1', { connect: false });
    const hello = await fresh.connect();
    expect(hello.resumed).toBe(false);
    await fresh.expectNone(() => true);

    // Resuming from the snapshot's seq: only what happened after it.
    const resumed = await s.agent('agent1', { connect: false });
    await resumed.connect({ since: desk.seq });
    await a1.accept(c.conversationId);
    const first = await resumed.waitFor(() => true);
    expect(first.seq).toBeGreaterThan(desk.seq);
    expect(resumed.events.every((e) => e.seq > desk.seq)).toBe(true);
  });

  it('hello tells the server\'s head and epoch; a since ahead of the head or from another epoch gets resync, then live events', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await a1.accept(c.conversationId);
    await a1.waitFor(is.conversation(c.conversationId, 'active'));
    // The "joined" notice reaches the customer through the outbox; once its status is in, nothing is in flight.
    await a1.waitFor((e) => e.type === 'message.status' && e.status === 'delivered');
    const desk = await a1.desk();
    const hello = await a1.connect({ since: desk.seq, epoch: desk.epoch });
    expect(hello).toMatchObject({ seq: desk.seq, epoch: desk.epoch });
    expect(hello.head).toBeGreaterThanOrEqual(desk.seq);

    for (const [opts, reason] of [
      [{ since: hello.head + 1000, epoch: desk.epoch }, 'ahead'],
      [{ since: desk.seq, epoch: 'another-stream' }, 'epoch'],
    ] as const) {
      const from = a1.mark();
      const h = await a1.connect(opts);
      const resync = await a1.waitForFrame('resync');
      expect(resync).toMatchObject({ reason, seq: h.head });
      // Nothing is dropped as "already seen": the next event arrives live.
      const m = await c.say(`after ${reason}`);
      await a1.waitFor(is.message(c.conversationId, (x) => x.id === m.id), 5000, from);
    }
    // A client within the head, on the same epoch, replays instead (a resync would come before any event).
    const from = a1.mark();
    await a1.connect({ since: a1.lastSeq, epoch: desk.epoch });
    const m = await c.say('plain resume');
    await a1.waitFor(is.message(c.conversationId, (x) => x.id === m.id), 5000, from);
    expect(a1.frames.some((f) => f.type === 'resync')).toBe(false);
  });

  it('refuses a socket without a valid token', async () => {
    const s = srv();
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/api/ws?token=bogus`);
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    expect(code).toBe(4401);
  });
});
