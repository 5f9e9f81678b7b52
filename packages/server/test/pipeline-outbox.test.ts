/**
 * Agent replies through the outbox to a provider that misbehaves: 429 with Retry-After, 500s,
 * dropped connections and timeouts (retried, then delivered once), permanent errors (failed at once
 * with the provider's reason), and one click sent twice (one provider send).
 */
import { expect, it } from 'vitest';
import { ManualClock } from '@parley/core';
import { getOutboxJob } from '@parley/storage';
import { CHANNEL_FIXTURE, isSend, jsonOf, PNG_1PX, postWebhook, type AgentClient, type FakeRequest } from '@parley/testkit';
import { acceptedChat, eventually, onlyConversation, thread, useChannelServer, WA_CUSTOMER } from './channel-harness';
import { describeBackends, is } from './harness';
import { fb, wa } from './provider-traffic';

const ANA = WA_CUSTOMER;
/** Short enough that a hung provider call ends within the test; the lease must exceed it. */
const OUTBOX = { sendTimeoutMs: 400, leaseMs: 10_000 };

/** Sends of this text (agents' joins are sent to WhatsApp customers too: scripts must not catch those). */
const sendsOf = (text: string) => (r: FakeRequest) => isSend(r) && ((jsonOf(r.body).text as { body?: string } | undefined)?.body ?? new URLSearchParams(r.body).get('Body')) === text;

describeBackends('outbox against a failing provider', (backend) => {
  describe429(backend);
  const env = useChannelServer(backend, { outbox: OUTBOX });

  it('a 500, a dropped connection and a timeout are retried with the same message, then it is delivered once', { timeout: 30_000 }, async () => {
    const { fake, sup } = env();
    const { a1, id } = await acceptedChat(env(), 'whatsapp');
    const graph500 = { status: 500, body: { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1, fbtrace_id: 'x' } } };
    fake.script(sendsOf('persistent'), graph500, 'drop', 'hang');
    const from = a1.mark();
    const m = await a1.sendMessage(id, 'persistent');
    await a1.waitFor((e) => e.type === 'message.status' && e.messageId === m.id && e.status === 'sent', 20_000, from);
    const attempts = fake.seen(sendsOf("persistent"));
    expect(attempts).toHaveLength(4);
    // Every attempt is the same message to the same customer, tagged with our id.
    for (const r of attempts) expect(jsonOf(r.body)).toMatchObject({ to: ANA, type: 'text', biz_opaque_callback_data: m.id });
    const stored = (await thread(sup, id)).find((x) => x.id === m.id);
    expect(stored).toMatchObject({ status: 'sent', providerId: expect.stringMatching(/^wamid\.OUT/) });
    expect(await getOutboxJob(env().s.server.db.kysely, `${m.id}:send`)).toMatchObject({ status: 'sent', attempts: 4 });
  });

  it('a permanent 4xx fails at once with the provider’s code and reason, and is not retried', async () => {
    const { fake } = env();
    const { a1, id } = await acceptedChat(env(), 'whatsapp');
    const undeliverable = { status: 400, body: { error: { message: '(#131026) Message undeliverable', type: 'OAuthException', code: 131026, error_data: { details: 'Receiver is incapable of receiving this message' }, fbtrace_id: 'x' } } };
    fake.script(sendsOf('doomed'), undeliverable);
    const from = a1.mark();
    const m = await a1.sendMessage(id, 'doomed');
    const failed = await a1.waitFor((e) => e.type === 'message.status' && e.messageId === m.id && e.status === 'failed', undefined, from);
    expect(failed).toMatchObject({ reason: expect.stringContaining('131026') });
    // The next message goes out (the conversation is not stuck) and the failed one was tried once.
    const next = await a1.sendMessage(id, 'after');
    await a1.waitFor((e) => e.type === 'message.status' && e.messageId === next.id && e.status === 'sent', undefined, from);
    expect(fake.seen(sendsOf('doomed'))).toHaveLength(1);
    expect(await getOutboxJob(env().s.server.db.kysely, `${m.id}:send`)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('one click sent twice at once (same clientId) is one message and one provider send', async () => {
    const { fake, sup } = env();
    const { a1, id } = await acceptedChat(env(), 'whatsapp');
    const [x, y, z] = await Promise.all([1, 2, 3].map(() => a1.sendMessage(id, 'once', { clientId: 'click-1' })));
    expect(new Set([x!.id, y!.id, z!.id]).size).toBe(1);
    // A later message is sent after it (one conversation's sends go in order): by then any second send would have happened.
    const later = await a1.sendMessage(id, 'later');
    await fake.waitFor(sendsOf('later'));
    expect(fake.seen(sendsOf('once'))).toHaveLength(1);
    expect((await thread(sup, id)).filter((m) => m.text === 'once')).toHaveLength(1);
    expect(later.id).not.toBe(x!.id);
  });
});

describeBackends('agent attachments to provider channels', (backend) => {
  const env = useChannelServer(backend);

  async function uploadAs(a: AgentClient, name: string, mimeType: string, bytes: Uint8Array): Promise<{ id: string }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: mimeType }), name);
    const res = await fetch(`${env().s.url}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${a.token}` }, body: form });
    expect(res.status).toBe(200);
    return (await res.json()) as { id: string };
  }

  it('WhatsApp and Messenger: the file is uploaded to the provider and sent by its id, never by our private link', async () => {
    const { s, sup, fake } = env();
    const a1 = await s.availableAgent('agent1');
    const PSID = '6543210987654321';
    expect((await postWebhook(s.url, 'whatsapp', wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.AT1', 'hello'))))).status).toBe(200);
    expect((await postWebhook(s.url, 'messenger', fb.body(fb.text(PSID, 'm_AT1', 'hello')))).status).toBe(200);
    for (const [channel, who] of [['whatsapp', ANA], ['messenger', PSID]] as const) {
      const c = await onlyConversation(sup, channel, who);
      await a1.waitFor(is.offer(c.id, 'a1'));
      await a1.accept(c.id);
      const file = await uploadAs(a1, 'dot.png', 'image/png', PNG_1PX);
      const from = a1.mark();
      const m = await a1.sendMessage(c.id, `picture on ${channel}`, { attachmentIds: [file.id] });
      await a1.waitFor((e) => e.type === 'message.status' && e.messageId === m.id && e.status === 'sent', undefined, from);
    }
    const waUpload = fake.seen((r) => r.method === 'POST' && r.path === `/v23.0/${CHANNEL_FIXTURE.whatsapp.phoneNumberId}/media`);
    expect(waUpload).toHaveLength(1);
    expect(waUpload[0]!.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(waUpload[0]!.body).toContain('name="messaging_product"');
    const fbUpload = fake.seen((r) => r.method === 'POST' && r.path === `/v23.0/${CHANNEL_FIXTURE.messenger.pageId}/message_attachments`);
    expect(fbUpload).toHaveLength(1);
    const sends = fake.seen(isSend).map((r) => jsonOf(r.body));
    expect(sends.some((b) => (b.image as { id?: string } | undefined)?.id?.startsWith('media-up-') && (b.image as { caption?: string }).caption === 'picture on whatsapp')).toBe(true);
    expect(sends.some((b) => ((b.message as { attachment?: { payload?: { attachment_id?: string } } } | undefined)?.attachment?.payload?.attachment_id ?? '').startsWith('att-up-'))).toBe(true);
    // Our signed /files/ links never leave the server.
    expect(fake.requests.some((r) => r.body.includes('/files/'))).toBe(false);
  });
});

/** 429: the Retry-After the provider asked for is when the next attempt is due (on the server's clock). */
function describe429(backend: Parameters<typeof useChannelServer>[0]) {
  const clock = new ManualClock(Date.now());
  const env = useChannelServer(backend, { outbox: OUTBOX, clock });

  it('a 429 with Retry-After: the next attempt is due exactly then, not before; then it is sent', async () => {
    const { fake, sup, s } = env();
    const { a1, id } = await acceptedChat(env(), 'sms');
    const tooMany = { status: 429, headers: { 'retry-after': '120' }, body: { code: 20429, message: 'Too Many Requests', more_info: 'https://www.twilio.com/docs/errors/20429', status: 429 } };
    fake.script(sendsOf('rate limited'), tooMany);
    const m = await a1.sendMessage(id, 'rate limited');
    const job = () => getOutboxJob(s.server.db.kysely, `${m.id}:send`);
    const waiting = await eventually(job, (j) => j?.attempts === 1 && j.status === 'pending', 'retrying');
    const failedAt = waiting!.updatedAt;
    expect(waiting!.nextAttemptAt).toBe(failedAt + 120_000);
    expect(waiting!.lastError).toMatchObject({ code: 'rate_limited' });
    // Just before it is due, a look at the table claims nothing.
    clock.advance(119_000);
    s.server.parley.outbox.poke();
    await s.server.parley.outbox.idle();
    expect(fake.seen(sendsOf('rate limited'))).toHaveLength(1);
    expect((await job())!.attempts).toBe(1);
    clock.advance(1_000);
    const from = a1.mark();
    await a1.waitFor((e) => e.type === 'message.status' && e.messageId === m.id && e.status === 'sent', undefined, from);
    const sends = fake.seen(sendsOf('rate limited'));
    expect(sends).toHaveLength(2);
    expect(sends[1]!.n).toBeGreaterThan(sends[0]!.n);
    expect(new URLSearchParams(sends[1]!.body).get('Body')).toBe('rate limited');
    expect((await thread(sup, id)).find((x) => x.id === m.id)?.status).toBe('sent');
  });
}
