/**
 * The webhook edge for every provider channel, end to end: Meta signatures on the raw bytes (escaped
 * Unicode included), unknown entry points, the GET handshake, duplicate deliveries (in turn and
 * concurrently), and receipts in any order.
 */
import { expect, it } from 'vitest';
import { CHANNEL_FIXTURE, isSend, metaJson, metaSignature, postWebhook, type FakeRequest } from '@parley/testkit';
import { byProviderId, conversations, customerThread, eventually, onlyConversation, thread, useChannelServer } from './channel-harness';
import { describeBackends, is } from './harness';
import { fb, sms, wa } from './provider-traffic';

const ANA = '15551230001';

describeBackends('provider webhooks', (backend) => {
  const env = useChannelServer(backend);
  const post = (channel: 'whatsapp' | 'messenger' | 'sms', body: string | URLSearchParams, opts?: Parameters<typeof postWebhook>[3]) => postWebhook(env().s.url, channel, body, opts);

  it('Meta: a missing signature is 401, a wrong one 403, and neither stores anything', async () => {
    const { sup } = env();
    const body = wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.S1', 'hi')));
    const missing = await post('whatsapp', body, { signature: null });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.text)).toMatchObject({ error: { code: 'PARLEY_ERR_UNAUTHENTICATED' } });
    const wrong = await post('whatsapp', body, { signature: metaSignature(body, 'not-the-app-secret') });
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.text)).toMatchObject({ error: { code: 'PARLEY_ERR_FORBIDDEN' } });
    expect((await post('whatsapp', body, { signature: 'sha256=zz' })).status).toBe(403);
    const fbBody = fb.body(fb.text('6543210987654321', 'm_S1', 'hi'));
    expect((await post('messenger', fbBody, { signature: null })).status).toBe(401);
    expect((await post('messenger', fbBody, { signature: metaSignature(`${fbBody} `) })).status).toBe(403);
    expect(await conversations(sup, 'whatsapp')).toEqual([]);
    expect(await conversations(sup, 'messenger')).toEqual([]);
  });

  it('escaped-Unicode bodies (\\u00e9, \\/) verify on the raw bytes and store the decoded text', async () => {
    const { sup } = env();
    const body = metaJson(wa.object([[wa.inbound(ANA, 'José', wa.text(ANA, 'wamid.U1', 'Café à 10h/11h 👍'))]]));
    expect(body).toContain('\\u00e9');
    expect(body).toContain('\\/');
    expect((await post('whatsapp', body)).status).toBe(200);
    // The same body re-serialised (what a careless verifier would hash) has another signature.
    expect(metaSignature(JSON.stringify(JSON.parse(body)))).not.toBe(metaSignature(body));
    const msgs = await customerThread(sup, 'whatsapp', ANA);
    expect(byProviderId(msgs, 'wamid.U1').text).toBe('Café à 10h/11h 👍');
    expect((await onlyConversation(sup, 'whatsapp', ANA)).customer.name).toBe('José');
    const fbBody = metaJson(fb.object([[fb.text('6543210987654321', 'm_U1', 'Crème brûlée / ça va')]]));
    expect((await post('messenger', fbBody)).status).toBe(200);
    expect(byProviderId(await customerThread(sup, 'messenger', '6543210987654321'), 'm_U1').text).toBe('Crème brûlée / ça va');
  });

  it('traffic for an entry point that is not configured gets a 2xx, and nothing is stored or queued', async () => {
    const { sup, fake } = env();
    const otherNumber = JSON.stringify(wa.object([[wa.value({ contacts: [{ profile: { name: 'Ana' }, wa_id: ANA }], messages: [wa.text(ANA, 'wamid.X1', 'hi')] }, '999999999999999')]]));
    expect((await post('whatsapp', otherNumber)).status).toBe(200);
    const otherPage = JSON.stringify({ object: 'page', entry: [{ id: '42', time: 1, messaging: [{ sender: { id: '77' }, recipient: { id: '42' }, timestamp: 1, message: { mid: 'm_X1', text: 'hi' } }] }] });
    expect((await post('messenger', otherPage)).status).toBe(200);
    const otherTo = sms.inbound('+14155550123', 'SM000000000000000000000000000000X1', 'hi');
    otherTo.set('To', '+15550000000');
    // Nobody can sign for a number we don't have: acknowledged before any signature check.
    const smsRes = await post('sms', otherTo, { signature: 'anything' });
    expect(smsRes.status).toBe(200);
    for (const channel of ['whatsapp', 'messenger', 'sms']) expect(await conversations(sup, channel)).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it('the GET handshake answers the challenge for the right verify token, 403 otherwise', async () => {
    const { s } = env();
    for (const channel of ['whatsapp', 'messenger']) {
      const q = (token: string) => `${s.url}/webhooks/${channel}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`;
      const ok = await fetch(q(CHANNEL_FIXTURE.meta.verifyToken));
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('1158201444');
      const wrong = await fetch(q('guess'));
      expect(wrong.status).toBe(403);
      expect(await wrong.text()).not.toContain('1158201444');
    }
  });

  it('the same webhook twice, and several times at once: stored once, routed once (one offer), media downloaded once', async () => {
    const { s, sup, fake } = env();
    const a1 = await s.availableAgent('agent1');
    const body = wa.body(
      wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.D1', 'first'), wa.msg(ANA, 'wamid.D2', 'image', { mime_type: 'image/png', sha256: 'x', id: 'media-dup' })),
    );
    expect((await post('whatsapp', body)).status).toBe(200);
    expect((await post('whatsapp', body)).status).toBe(200);
    const racing = await Promise.all(Array.from({ length: 5 }, () => post('whatsapp', body)));
    expect(racing.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // The same for Messenger and SMS, concurrently from the start.
    const fbBody = fb.body(fb.text('6543210987654321', 'm_D1', 'hello'));
    const smsForm = sms.inbound('+14155550123', 'SM000000000000000000000000000000D1', 'hello');
    const others = await Promise.all([...Array.from({ length: 4 }, () => post('messenger', fbBody)), ...Array.from({ length: 4 }, () => post('sms', smsForm))]);
    expect(others.every((r) => r.status === 200)).toBe(true);

    const c = await onlyConversation(sup, 'whatsapp', ANA);
    const msgs = await eventually(() => thread(sup, c.id), (ms) => byProviderId(ms, 'wamid.D2').attachments.length === 1, 'downloaded');
    expect(msgs.filter((m) => m.authorType === 'customer').map((m) => m.providerId)).toEqual(['wamid.D1', 'wamid.D2']);
    expect((await customerThread(sup, 'messenger', '6543210987654321')).filter((m) => m.authorType === 'customer')).toHaveLength(1);
    expect((await customerThread(sup, 'sms', '+14155550123')).filter((m) => m.authorType === 'customer')).toHaveLength(1);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.settle();
    expect(a1.events.filter((e) => e.type === 'offer.created' && e.offer.conversationId === c.id)).toHaveLength(1);
    expect(fake.seen((r) => r.path === '/v23.0/media-dup')).toHaveLength(1);
    expect(fake.seen((r) => r.path === '/media/media-dup')).toHaveLength(1);
  });

  it('receipts: reversed order ends read, a failure keeps the provider’s code and reason, unknown ids are acknowledged and ignored, agents see each change live', async () => {
    const { s, sup, fake } = env();
    const a1 = await s.availableAgent('agent1');
    await post('whatsapp', wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.IN', 'hello'))));
    const c = await onlyConversation(sup, 'whatsapp', ANA);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    const first = await a1.sendMessage(c.id, 'one');
    const second = await a1.sendMessage(c.id, 'two');
    await fake.waitFor(isSend, 2);
    const sent = await eventually(() => thread(sup, c.id), (ms) => [first.id, second.id].every((id) => ms.find((m) => m.id === id)?.status === 'sent'), 'sent');
    const wamid1 = sent.find((m) => m.id === first.id)!.providerId!;
    const wamid2 = sent.find((m) => m.id === second.id)!.providerId!;
    const from = a1.mark();

    // Read arrives before delivered and sent: it stays read.
    const statuses = (...xs: Record<string, unknown>[]) => wa.body(wa.value({ statuses: xs }));
    expect((await post('whatsapp', statuses(wa.status(wamid1, 'read', ANA, {}, 30)))).status).toBe(200);
    expect((await post('whatsapp', statuses(wa.status(wamid1, 'delivered', ANA, {}, 20), wa.status(wamid1, 'sent', ANA, {}, 10)))).status).toBe(200);
    await a1.waitFor((e) => e.type === 'message.status' && e.messageId === first.id && e.status === 'read', undefined, from);
    // A failure, with Meta's error object.
    const failure = { errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'Message failed to send because more than 24 hours have passed' } }] };
    expect((await post('whatsapp', statuses(wa.status(wamid2, 'failed', ANA, failure, 40)))).status).toBe(200);
    const failed = await a1.waitFor((e) => e.type === 'message.status' && e.messageId === second.id && e.status === 'failed', undefined, from);
    expect(failed).toMatchObject({ reason: expect.stringContaining('131047') });
    // Receipts for ids we never sent: 2xx, nothing changes.
    expect((await post('whatsapp', statuses(wa.status('wamid.NEVER', 'delivered', ANA), wa.status(wamid1, 'bogus', ANA)))).status).toBe(200);
    expect((await post('sms', sms.status('SM0000000000000000000000000000dead', 'delivered', '+14155550123'))).status).toBe(200);

    const final = await thread(sup, c.id);
    expect(final.find((m) => m.id === first.id)).toMatchObject({ status: 'read', providerId: wamid1 });
    expect(final.find((m) => m.id === second.id)).toMatchObject({ status: 'failed', statusReason: expect.stringMatching(/131047.*Re-engagement message.*24 hours/) });
    expect(final.filter((m) => m.authorType === 'customer')).toHaveLength(1);
    // Monotonic: no event ever moved the first message back from read.
    const changes = a1.events.filter((e) => e.seq > 0 && e.type === 'message.status' && e.messageId === first.id).map((e) => (e.type === 'message.status' ? e.status : ''));
    expect(changes.at(-1)).toBe('read');
    expect(changes.slice(changes.indexOf('read'))).toEqual(['read']);
  });

  it('a receipt that beats the provider’s answer to our send lands on the message: WhatsApp by its callback data, Twilio by the parleyMessageId of the callback URL', async () => {
    const { s, sup, fake } = env();
    const a1 = await s.availableAgent('agent1');
    const PHONE = '+14155550123';
    for (const channel of ['whatsapp', 'sms'] as const) {
      const first = channel === 'whatsapp' ? wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.RACE', 'hello'))) : sms.inbound(PHONE, 'SM0000000000000000000000000000race', 'hello');
      expect((await post(channel, first)).status).toBe(200);
      const c = await onlyConversation(sup, channel, channel === 'whatsapp' ? ANA : PHONE);
      await a1.waitFor(is.offer(c.id, 'a1'));
      await a1.accept(c.id);
      // The provider accepts the send but its answer is slow: the receipt comes first.
      let release!: () => void;
      const answered = new Promise<void>((ok) => (release = ok));
      const providerId = channel === 'whatsapp' ? 'wamid.SLOW' : 'SM00000000000000000000000000000slow';
      const isRaceSend = (r: FakeRequest) => isSend(r) && (r.body.includes(`racing on ${channel}`) || new URLSearchParams(r.body).get('Body') === `racing on ${channel}`);
      fake.script(isRaceSend, async () => {
        await answered;
        return channel === 'whatsapp'
          ? { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: ANA, wa_id: ANA }], messages: [{ id: providerId }] } }
          : { status: 201, body: { sid: providerId, status: 'queued' } };
      });
      const from = a1.mark();
      const m = await a1.sendMessage(c.id, `racing on ${channel}`);
      const [send] = await fake.waitFor(isRaceSend);
      const receipt =
        channel === 'whatsapp'
          ? await post('whatsapp', wa.body(wa.value({ statuses: [wa.status(providerId, 'delivered', ANA, { biz_opaque_callback_data: m.id })] })))
          : await post('sms', sms.status(providerId, 'delivered', PHONE), { query: new URL(new URLSearchParams(send!.body).get('StatusCallback')!).search });
      expect(receipt.status).toBe(200);
      release();
      await a1.waitFor((e) => e.type === 'message.status' && e.messageId === m.id && e.status === 'delivered', undefined, from);
      const stored = await eventually(() => thread(sup, c.id), (ms) => ms.find((x) => x.id === m.id)?.providerId === providerId, 'answered');
      expect(stored.find((x) => x.id === m.id)).toMatchObject({ status: 'delivered', providerId });
      await a1.end(c.id);
    }
  });

  it('a new customer’s first messages in separate concurrent deliveries open one conversation per channel, keep every message, and make one offer', async () => {
    const { s, sup } = env();
    const a1 = await s.availableAgent('agent1');
    const PSID = '6543210987654321';
    const PHONE = '+14155550123';
    const n = [1, 2, 3, 4, 5];
    const results = await Promise.all([
      ...n.map((i) => post('whatsapp', wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, `wamid.C${i}`, `wa ${i}`))))),
      ...n.map((i) => post('messenger', fb.body(fb.text(PSID, `m_C${i}`, `fb ${i}`, i)))),
      ...n.map((i) => post('sms', sms.inbound(PHONE, `SM00000000000000000000000000000C${i}`, `sms ${i}`))),
    ]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    for (const [channel, who] of [['whatsapp', ANA], ['messenger', PSID], ['sms', PHONE]] as const) {
      const c = await onlyConversation(sup, channel, who);
      const texts = (await thread(sup, c.id)).filter((m) => m.authorType === 'customer').map((m) => m.text);
      expect(texts.sort()).toEqual(n.map((i) => `${channel === 'whatsapp' ? 'wa' : channel === 'messenger' ? 'fb' : 'sms'} ${i}`));
      await a1.waitFor(is.offer(c.id, 'a1'));
    }
    await a1.settle();
    expect(a1.events.filter((e) => e.type === 'offer.created')).toHaveLength(3);
  });

  it('one provider message id under two senders in one batch is stored once, and opens no empty conversation for the second', async () => {
    const { sup } = env();
    const BEN = '15551230002';
    const res = await post('whatsapp', wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.SAME', 'from Ana')), wa.inbound(BEN, 'Ben', wa.text(BEN, 'wamid.SAME', 'from Ben'))));
    expect(res.status).toBe(200);
    const all = [...(await conversations(sup, 'whatsapp', ANA)), ...(await conversations(sup, 'whatsapp', BEN))];
    expect(all).toHaveLength(1);
    expect((await thread(sup, all[0]!.id)).filter((m) => m.authorType === 'customer')).toHaveLength(1);
  });

  it('Messenger: several entries with several events each are all processed, in order per customer', async () => {
    const { sup } = env();
    const [P1, P2] = ['1000000000000001', '1000000000000002'];
    const body = JSON.stringify(
      fb.object([
        [fb.text(P1, 'm_1a', '1a', 1), fb.text(P2, 'm_2a', '2a', 2), fb.text(P1, 'm_1b', '1b', 3)],
        [fb.text(P2, 'm_2b', '2b', 4), fb.text(P1, 'm_1c', '1c', 5)],
      ]),
    );
    expect((await post('messenger', body)).status).toBe(200);
    const texts = async (who: string) => (await customerThread(sup, 'messenger', who)).filter((m) => m.authorType === 'customer').map((m) => m.text);
    expect(await texts(P1)).toEqual(['1a', '1b', '1c']);
    expect(await texts(P2)).toEqual(['2a', '2b']);
  });
});
