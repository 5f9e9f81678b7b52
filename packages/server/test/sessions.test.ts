/**
 * Sessions end everywhere at once: logout and expiry close every socket opened with the token
 * (close code 4401, "signed out"), and a web chat customer token stops working a configured time
 * after its conversation closed.
 */
import { afterEach, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CustomerClient } from '@parley/testkit';
import { describeBackends, is, startTestServer, type TestServer } from './harness';

const HOUR = 60 * 60 * 1000;

/** A clock the test moves forward. */
function movableClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms) };
}

/** A raw agent socket opened with `token`, resolving its close code. */
async function rawAgentSocket(url: string, token: string): Promise<{ closed: Promise<number> }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/ws?token=${encodeURIComponent(token)}`);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve()); // hello
    ws.once('error', reject);
  });
  return { closed };
}

describeBackends('sessions', (backend) => {
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('logout closes every socket of that token with 4401 and only those; the token stops working', async () => {
    s = await startTestServer(backend);
    const a1 = await s.agent('agent1');
    const second = await rawAgentSocket(s.url, a1.token);
    const other = await s.agent('agent1'); // another session of the same agent
    const closed = a1.waitForClose();

    await a1.logout();
    expect((await closed).code).toBe(4401);
    expect(await second.closed).toBe(4401);
    expect((await a1.request('GET', '/api/desk')).status).toBe(401);
    const again = new WebSocket(`${s.url.replace('http', 'ws')}/api/ws?token=${encodeURIComponent(a1.token)}`);
    expect(await new Promise<number>((r) => again.once('close', (code) => r(code)))).toBe(4401);

    // The other session's socket is still live.
    const from = other.mark();
    const a2 = await s.agent('agent2', { connect: false });
    await a2.available();
    await other.waitFor(is.agentState('a2', 'available'), 5000, from);
  });

  it('an expired agent session closes its sockets and stops working', async () => {
    const clock = movableClock();
    s = await startTestServer(backend, { clock });
    const a1 = await s.agent('agent1');
    const closed = a1.waitForClose(10_000);
    expect((await a1.request('GET', '/api/desk')).status).toBe(200);
    clock.advance(12 * HOUR + 1000);
    expect((await closed).code).toBe(4401);
    expect((await a1.request('GET', '/api/desk')).status).toBe(401);
    // Expired rows leave storage too (the sweep does this once a minute).
    const db = s.server.db.kysely;
    expect((await db.selectFrom('sessions').select('token_hash').execute()).length).toBe(1);
    await s.server.parley.sessions.pruneSessions(clock.now());
    expect(await db.selectFrom('sessions').select('token_hash').execute()).toEqual([]);
  });

  it('a web chat customer token works until the configured time after its chat closed, then its sockets close', async () => {
    const clock = movableClock();
    s = await startTestServer(backend, { clock, webchatTokenTtlMs: 60_000 });
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await a1.accept(c.conversationId);
    await a1.end(c.conversationId);
    await a1.wrapup(c.conversationId, ['resolved']);
    await c.waitForFrame('status', (f) => f.status === 'closed');

    // Closed, but within the lifetime: the transcript is still readable.
    clock.advance(59_000);
    expect((await c.snapshot()).status).toBe(200);
    const closed = c.waitForClose(10_000);
    clock.advance(2_000);
    expect((await closed).code).toBe(4401);
    const gone = await c.snapshot();
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error: { code: 'PARLEY_ERR_UNKNOWN_SESSION' } });
    const frames: string[] = [];
    const ws = await CustomerClient.openRaw(s.url, c.token, (f) => frames.push(f.type));
    expect(await new Promise<number>((r) => ws.once('close', (code) => r(code)))).toBe(4404);
    await s.server.parley.sessions.pruneSessions(clock.now());
    expect(await s.server.db.kysely.selectFrom('webchat_sessions').select('token_hash').execute()).toEqual([]);
  });
});


