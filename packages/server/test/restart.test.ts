/**
 * The real server as a process: a crash (SIGKILL) with an offer pending, a restart on the same
 * storage after its deadline passed, and a graceful SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { AgentDto, ConversationDto } from '@parley/protocol';
import { AgentClient, CustomerClient, createScratchDatabase, startServer, testConfig, type ScratchDatabase, type ServerProcess } from '@parley/testkit';
import { describeBackends, is, type Backend } from './harness';

describeBackends('server process', (backend: Backend) => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  /** A data dir (and, on PostgreSQL, a fresh database) that outlive one server process. */
  async function storage(): Promise<{ dataDir: string; databaseUrl: string | null }> {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-proc-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let db: ScratchDatabase | undefined;
    if (backend === 'postgres') {
      db = await createScratchDatabase();
      cleanup.push(() => db!.drop());
    }
    return { dataDir, databaseUrl: db?.url ?? null };
  }

  async function start(opts: { dataDir: string; databaseUrl: string | null; port?: number }): Promise<ServerProcess> {
    const server = await startServer({ ...opts, config: testConfig({ offerTimeoutSeconds: 3 }) });
    cleanup.push(() => server.kill());
    return server;
  }

  it('after SIGKILL and a restart past the offer deadline: the agent is RONA, the chat re-offered, acked messages kept', { timeout: 60_000 }, async () => {
    const st = await storage();
    const first = await start(st);
    const a1 = await AgentClient.login(first.url, 'agent1');
    const a2 = await AgentClient.login(first.url, 'agent2');
    cleanup.push(() => a1.close(), () => a2.close());
    await a1.connect();
    await a2.connect();
    await a1.available();
    await a2.available();

    const c = await CustomerClient.open(first.url);
    cleanup.push(() => c.close());
    const offer = await a1.waitFor(is.offer(c.conversationId, 'a1'));
    if (offer.type !== 'offer.created') throw new Error('unreachable');
    // An acknowledged customer message is durable.
    const acked = await c.say('sent just before the crash');

    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');
    await a1.close();
    await a2.close();
    await c.close();
    // Stay down until the offer's deadline (3 s) has passed.
    const downFor = offer.offer.deadline - Date.now() + 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, downFor)));

    const second = await start({ ...st, port: first.port });
    expect(second.url).toBe(first.url);
    // Sessions survive the restart: the same tokens resume where the sockets stopped.
    const a1From = a1.mark();
    const a2From = a2.mark();
    await a1.connect({ since: a1.lastSeq });
    await a2.connect({ since: a2.lastSeq });
    await a1.waitFor(is.withdrawn(c.conversationId, 'timeout'), 5000, a1From);
    await a1.waitFor(is.agentState('a1', 'rona'), 5000, a1From);
    await a2.waitFor(is.offer(c.conversationId, 'a2', 'route'), 5000, a2From);

    const agents = await a2.call<AgentDto[]>('GET', '/api/agents');
    expect(agents.find((a) => a.id === 'a1')?.state).toBe('rona');
    const conv = await a2.call<ConversationDto>('GET', `/api/conversations/${c.conversationId}`);
    expect(conv).toMatchObject({ status: 'offered', offer: { agentId: 'a2', kind: 'route' } });
    await a2.accept(c.conversationId);

    const { messages } = await a2.messages(c.conversationId);
    const kept = messages.find((m) => m.id === acked.id);
    expect(kept).toMatchObject({ text: 'sent just before the crash', clientId: acked.clientId, authorType: 'customer' });

    // The customer's token works too, and its history has the message.
    const hello = await c.connect();
    expect(hello.snapshot.messages.map((m) => m.id)).toContain(acked.id);
    await a2.sendMessage(c.conversationId, 'sorry for the wait');
    await c.waitForFrame('message', (f) => f.message.text === 'sorry for the wait');
  });

  it('an event number is never handed out twice: after a duplicate, SIGKILL and a restart, the resumed Desktop gets the next message', { timeout: 60_000 }, async () => {
    const st = await storage();
    const first = await start(st);
    const a1 = await AgentClient.login(first.url, 'agent1');
    cleanup.push(() => a1.close());
    await a1.connect();
    await a1.available();
    const c = await CustomerClient.open(first.url);
    cleanup.push(() => c.close());
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await a1.accept(c.conversationId);
    await a1.waitFor(is.conversation(c.conversationId, 'active'));
    const sent = await c.say('hello', { clientId: 'same-client-id' });
    await a1.waitFor(is.message(c.conversationId, (m) => m.id === sent.id));
    // The same clientId again: deduplicated (no new message), but today it burned an event number.
    expect((await c.say('hello', { clientId: 'same-client-id' })).id).toBe(sent.id);
    // What the Desktop holds as its resume point (a reload takes it from the desk snapshot).
    const desk = await a1.desk();

    await first.kill();
    await a1.close();
    await c.close();
    await start({ ...st, port: first.port });

    const from = a1.mark();
    const hello = await a1.connect({ since: desk.seq, epoch: desk.epoch });
    expect(hello).toMatchObject({ resumed: true, seq: desk.seq, epoch: desk.epoch });
    expect(hello.head).toBeGreaterThanOrEqual(desk.seq);
    await c.connect();
    const after = await c.say('after the restart');
    const got = await a1.waitFor(is.message(c.conversationId, (m) => m.id === after.id), 5000, from);
    expect(got.seq).toBeGreaterThan(desk.seq);
    expect(a1.frames.some((f) => f.type === 'resync')).toBe(false);
  });

  it('SIGTERM shuts down gracefully: sockets told to reconnect, exit code 0', { timeout: 60_000 }, async () => {
    const server = await start(await storage());
    const a1 = await AgentClient.login(server.url, 'agent1');
    cleanup.push(() => a1.close());
    await a1.connect();
    const c = await CustomerClient.open(server.url);
    cleanup.push(() => c.close());
    await c.say('hello');

    const agentClosed = a1.waitForClose(15_000);
    const customerClosed = c.waitForClose(15_000);
    await server.stop();
    expect(server.child.exitCode).toBe(0);
    expect(server.child.signalCode).toBeNull();
    expect((await agentClosed).code).toBe(1012);
    expect((await customerClosed).code).toBe(1012);
  });
});
