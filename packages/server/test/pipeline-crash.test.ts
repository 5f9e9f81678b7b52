/**
 * A crash between storing an agent's reply and the provider's answer, with the real server as a
 * process: SIGKILL while the provider holds the send, restart on the same storage.
 *
 * The contract (docs/adr/0002, README PARLEY_OUTBOX_LEASE_MS): a stored message is sent AT LEAST
 * once. Once the crashed process's lease has run out, the restarted server sends it again, with the
 * same content and our message id (WhatsApp `biz_opaque_callback_data`, Twilio `parleyMessageId`), so
 * receipts of either attempt land on the one stored message. Exactly one attempt gets a successful
 * answer, and nothing is sent after it. Messages stored behind it are sent once, in order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { AgentClient, channelTestConfig, createScratchDatabase, isSend, jsonOf, postWebhook, ProviderFake, startServer, type FakeRequest, type ServerProcess } from '@parley/testkit';
import { eventually, onlyConversation, thread } from './channel-harness';
import { describeBackends, is, type Backend } from './harness';
import { wa } from './provider-traffic';

const ANA = '15551230001';
const textOf = (r: FakeRequest) => (jsonOf(r.body).text as { body?: string } | undefined)?.body;
const sendsOf = (text: string) => (r: FakeRequest) => isSend(r) && textOf(r) === text;

describeBackends('crash between store and send', (backend: Backend) => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('SIGKILL while the provider holds the send: after a restart the send resumes, one attempt succeeds, the message behind it is sent once, in order', { timeout: 60_000 }, async () => {
    const fake = await ProviderFake.start();
    cleanup.push(() => fake.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const db = backend === 'postgres' ? await createScratchDatabase() : undefined;
    if (db) cleanup.push(() => db.drop());
    const start = async (port?: number): Promise<ServerProcess> => {
      const p = await startServer({
        config: channelTestConfig(fake.url),
        dataDir,
        databaseUrl: db?.url ?? null,
        port,
        // A held send outlives the crash; the lease (how long until a restart may retake the job) is short for the test.
        env: { PARLEY_OUTBOX_SEND_TIMEOUT_MS: '8000', PARLEY_OUTBOX_LEASE_MS: '9000' },
      });
      cleanup.push(() => p.kill());
      return p;
    };

    const first = await start();
    const a1 = await AgentClient.login(first.url, 'agent1');
    cleanup.push(() => a1.close());
    await a1.connect();
    await a1.available();
    expect((await postWebhook(first.url, 'whatsapp', wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.IN1', 'hello'))))).status).toBe(200);
    const offer = await a1.waitFor(is.anyOffer());
    const conversationId = offer.type === 'offer.created' ? offer.offer.conversationId : '';
    await a1.accept(conversationId);

    fake.script(sendsOf('held by the provider'), 'hang');
    const held = await a1.sendMessage(conversationId, 'held by the provider');
    const [attempt1] = await fake.waitFor(sendsOf('held by the provider'));
    // Stored, its send in flight and unanswered; a second reply waits behind it (one conversation, in order).
    const behind = await a1.sendMessage(conversationId, 'stored behind it');
    await first.kill();
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(fake.seen(sendsOf('stored behind it'))).toEqual([]);
    await a1.close();

    const second = await start(first.port);
    const sup = await AgentClient.login(second.url, 'super');
    cleanup.push(() => sup.close());
    const c = await onlyConversation(sup, 'whatsapp', ANA);
    expect(c.id).toBe(conversationId);
    const msgs = await eventually(
      () => thread(sup, conversationId),
      (ms) => [held.id, behind.id].every((id) => ms.find((m) => m.id === id)?.status === 'sent'),
      'sent after the restart',
      40_000,
    );

    const heldSends = fake.seen(sendsOf('held by the provider'));
    // The first attempt never got an answer; the retry did, and was the last.
    expect(heldSends).toHaveLength(2);
    expect(heldSends.map((r) => jsonOf(r.body).biz_opaque_callback_data)).toEqual([held.id, held.id]);
    expect(heldSends.map((r) => jsonOf(r.body).to)).toEqual([ANA, ANA]);
    expect(heldSends[0]!.n).toBe(attempt1!.n);
    const behindSends = fake.seen(sendsOf('stored behind it'));
    expect(behindSends).toHaveLength(1);
    expect(behindSends[0]!.n).toBeGreaterThan(heldSends[1]!.n);
    expect(msgs.find((m) => m.id === held.id)).toMatchObject({ status: 'sent', providerId: expect.stringMatching(/^wamid\.OUT/) });
    expect(msgs.filter((m) => m.text === 'held by the provider')).toHaveLength(1);

    // Nothing more is sent: a later reply goes out right after them, and they stay at one successful attempt each.
    const a1b = await AgentClient.login(second.url, 'agent1');
    cleanup.push(() => a1b.close());
    await a1b.sendMessage(conversationId, 'after the restart');
    await fake.waitFor(sendsOf('after the restart'));
    expect(fake.seen(sendsOf('held by the provider'))).toHaveLength(2);
    expect(fake.seen(sendsOf('stored behind it'))).toHaveLength(1);
  });
});
