/**
 * WhatsApp through the whole server path: signed webhook → storage → what the supervisor read API
 * shows (and the media downloaded from the provider fake), for every message type of wire-formats §2.2.
 */
import { expect, it } from 'vitest';
import { CHANNEL_FIXTURE } from '@parley/testkit';
import { byProviderId, conversations, customerThread, eventually, onlyConversation, thread, useChannelServer } from './channel-harness';
import { describeBackends, is } from './harness';
import { wa } from './provider-traffic';
import { isSend, jsonOf, postWebhook, type FakeRequest } from '@parley/testkit';

const ANA = '15551230001';

describeBackends('WhatsApp pipeline', (backend) => {
  const env = useChannelServer(backend);

  async function post(body: string) {
    const res = await postWebhook(env().s.url, 'whatsapp', body);
    expect(res.status).toBe(200);
    return res;
  }

  it('every message type lands in the customer’s conversation as the supervisor API shows it', async () => {
    const { sup, fake } = env();
    const m = (id: string, type: string, payload: unknown, extra = {}) => wa.msg(ANA, id, type, payload, extra);
    await post(wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.T1', 'Olá, tudo bem?'))));
    await post(
      wa.body(
        wa.inbound(
          ANA,
          'Ana',
          m('wamid.IMG', 'image', { caption: 'my receipt', mime_type: 'image/jpeg', sha256: 'abc', id: 'media-img' }),
          m('wamid.VOICE', 'audio', { mime_type: 'audio/ogg; codecs=opus', sha256: 'abc', id: 'media-voice', voice: true }),
          m('wamid.VID', 'video', { mime_type: 'video/mp4', sha256: 'abc', id: 'media-vid' }),
          m('wamid.DOC', 'document', { caption: 'invoice', filename: 'invoice.pdf', mime_type: 'application/pdf', sha256: 'abc', id: 'media-doc' }),
          m('wamid.STK', 'sticker', { mime_type: 'image/webp', sha256: 'abc', id: 'media-stk', animated: false }),
          m('wamid.LOC', 'location', { latitude: 38.7223, longitude: -9.1393, name: 'Praça do Comércio', address: 'Lisboa' }),
          m('wamid.CON', 'contacts', [{ name: { formatted_name: 'Rui Costa', first_name: 'Rui' }, phones: [{ phone: '+351 912 345 678', type: 'CELL', wa_id: '351912345678' }] }]),
          m('wamid.BTN', 'interactive', { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes, please' } }),
          m('wamid.LST', 'interactive', { type: 'list_reply', list_reply: { id: 'opt-2', title: 'Tuesday', description: 'afternoon' } }),
          m('wamid.TPL', 'button', { payload: 'STOP_PROMOS', text: 'Stop promotions' }),
          wa.text(ANA, 'wamid.CTX', 'this one', { context: { from: CHANNEL_FIXTURE.whatsapp.displayNumber.slice(1), id: 'wamid.T1' } }),
          wa.text(ANA, 'wamid.FWD', 'look at this', { context: { forwarded: true } }),
          wa.text(ANA, 'wamid.REF', 'I saw your ad', { referral: { source_url: 'https://fb.me/ad', source_id: '12345', source_type: 'ad', headline: 'Sale', body: 'Half price', media_type: 'image', ctwa_clid: 'clid-1' } }),
          m('wamid.UNS', 'unsupported', undefined, { errors: [{ code: 131051, title: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }] }),
        ),
      ),
    );
    const c = await onlyConversation(sup, 'whatsapp', ANA);
    expect(c).toMatchObject({ status: 'queued', entryPoint: { id: 'wa' }, queue: { id: 'q-wa' }, customer: { externalId: ANA, name: 'Ana' } });
    const msgs = await thread(sup, c.id);
    const inbound = msgs.filter((x) => x.authorType === 'customer');
    // All in payload order, each once.
    expect(inbound.map((x) => x.providerId)).toEqual([
      'wamid.T1', 'wamid.IMG', 'wamid.VOICE', 'wamid.VID', 'wamid.DOC', 'wamid.STK', 'wamid.LOC', 'wamid.CON', 'wamid.BTN', 'wamid.LST', 'wamid.TPL', 'wamid.CTX', 'wamid.FWD', 'wamid.REF', 'wamid.UNS',
    ]);
    expect(inbound.every((x) => x.direction === 'inbound' && x.status === 'received')).toBe(true);
    expect(byProviderId(msgs, 'wamid.T1').text).toBe('Olá, tudo bem?');
    expect(byProviderId(msgs, 'wamid.LOC')).toMatchObject({ text: expect.stringContaining('Praça do Comércio'), content: { type: 'location', latitude: 38.7223, longitude: -9.1393 } });
    expect(byProviderId(msgs, 'wamid.CON')).toMatchObject({ text: expect.stringContaining('Rui Costa'), content: { type: 'contacts' } });
    expect(byProviderId(msgs, 'wamid.BTN')).toMatchObject({ text: 'Yes, please', content: { type: 'interactive_reply', kind: 'button_reply', id: 'yes' } });
    expect(byProviderId(msgs, 'wamid.LST')).toMatchObject({ text: 'Tuesday', content: { type: 'interactive_reply', kind: 'list_reply', id: 'opt-2' } });
    expect(byProviderId(msgs, 'wamid.TPL')).toMatchObject({ text: 'Stop promotions', content: { type: 'button', payload: 'STOP_PROMOS' } });
    expect(byProviderId(msgs, 'wamid.STK').content).toMatchObject({ type: 'sticker' });
    const t1 = byProviderId(msgs, 'wamid.T1');
    expect(byProviderId(msgs, 'wamid.CTX')).toMatchObject({ replyTo: { messageId: t1.id, text: 'Olá, tudo bem?' } });
    expect(byProviderId(msgs, 'wamid.FWD')).toMatchObject({ forwarded: true });
    expect(byProviderId(msgs, 'wamid.REF')).toMatchObject({ referral: { source: 'ad', headline: 'Sale', ctwaClid: 'clid-1' } });
    // Unsupported: shown in the thread with the provider's reason, never dropped.
    expect(byProviderId(msgs, 'wamid.UNS').text).toContain('Message type is currently not supported');

    // Media: downloaded once each through the two-step Graph lookup, then on the message.
    const withMedia = ['wamid.IMG', 'wamid.VOICE', 'wamid.VID', 'wamid.DOC', 'wamid.STK'];
    const done = await eventually(
      () => thread(sup, c.id),
      (ms) => withMedia.every((id) => byProviderId(ms, id).attachments.length === 1),
      'downloaded',
    );
    expect(byProviderId(done, 'wamid.IMG')).toMatchObject({ text: 'my receipt', attachments: [{ mimeType: 'image/png' }] }); // the bytes' type (the fake serves a PNG), not the webhook's image/jpeg
    expect(byProviderId(done, 'wamid.DOC').attachments[0]!.name).toBe('invoice.pdf');
    for (const id of ['media-img', 'media-voice', 'media-vid', 'media-doc', 'media-stk']) {
      expect(fake.seen((r) => r.path === `/v23.0/${id}`)).toHaveLength(1);
      expect(fake.seen((r) => r.path === `/media/${id}`)).toHaveLength(1);
      expect(fake.seen((r) => r.path === `/v23.0/${id}`)[0]!.headers.authorization).toBe(`Bearer ${CHANNEL_FIXTURE.whatsapp.accessToken}`);
    }
  });

  it('a reaction (added, changed, removed) is never a message; it lands on the message it names', async () => {
    const { sup, s } = env();
    const a1 = await s.availableAgent('agent1');
    await post(wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.R0', 'hello'))));
    const c = await onlyConversation(sup, 'whatsapp', ANA);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    const from = a1.mark();
    await post(wa.body(wa.inbound(ANA, 'Ana', wa.msg(ANA, 'wamid.R1', 'reaction', { message_id: 'wamid.R0', emoji: '👍' }))));
    await a1.waitFor((e) => e.type === 'message.reactions' && e.reactions.length === 1 && e.reactions[0]!.emoji === '👍', undefined, from);
    await post(wa.body(wa.inbound(ANA, 'Ana', wa.msg(ANA, 'wamid.R2', 'reaction', { message_id: 'wamid.R0', emoji: '' }))));
    await a1.waitFor((e) => e.type === 'message.reactions' && e.reactions.length === 0, undefined, from);
    const msgs = await thread(sup, c.id);
    expect(msgs.filter((x) => x.authorType === 'customer').map((x) => x.providerId)).toEqual(['wamid.R0']);
    const { messages } = await a1.messages(c.id);
    expect(messages.find((x) => x.providerId === 'wamid.R0')?.reactions ?? []).toEqual([]);
  });

  it('user_changed_number: a notice in the thread, and later traffic from the new number lands in the same customer and conversation', async () => {
    const { sup } = env();
    const NEW = '15559990002';
    await post(wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.N0', 'before'))));
    const before = await onlyConversation(sup, 'whatsapp', ANA);
    await post(
      wa.body(
        wa.value({
          messages: [wa.msg(ANA, 'wamid.SYS', 'system', { body: `User A changed from ${ANA} to ${NEW}`, wa_id: NEW, type: 'user_changed_number' })],
        }),
      ),
    );
    await post(wa.body(wa.inbound(NEW, 'Ana', wa.text(NEW, 'wamid.N1', 'after'))));
    expect(await conversations(sup, 'whatsapp', ANA)).toEqual([]);
    const after = await onlyConversation(sup, 'whatsapp', NEW);
    expect(after.id).toBe(before.id);
    expect(after.customer).toMatchObject({ id: before.customer.id, externalId: NEW, phone: `+${NEW}` });
    const msgs = await customerThread(sup, 'whatsapp', NEW);
    expect(msgs.map((x) => x.providerId ?? x.notice?.code)).toEqual(expect.arrayContaining(['wamid.N0', 'wamid.N1']));
    expect(msgs.find((x) => x.notice?.code === 'customer_identity_changed')?.text).toContain(NEW);
  });

  it('a number change inside one batch: the new number’s later messages in that same batch join the same customer', async () => {
    const { sup } = env();
    const NEW = '15559990003';
    const BEA = '15551230002';
    const body = JSON.stringify(
      wa.object([
        [
          wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.M1', 'old number')),
          wa.inbound(BEA, 'Bea', wa.text(BEA, 'wamid.M2', 'bystander')),
          wa.value({ messages: [wa.msg(ANA, 'wamid.M3', 'system', { body: `User A changed from ${ANA} to ${NEW}`, wa_id: NEW, type: 'user_changed_number' })] }),
          wa.inbound(NEW, 'Ana', wa.text(NEW, 'wamid.M4', 'new number')),
        ],
      ]),
    );
    await post(body);
    expect(await conversations(sup, 'whatsapp', ANA)).toEqual([]);
    const msgs = await customerThread(sup, 'whatsapp', NEW);
    expect(msgs.filter((m) => m.authorType === 'customer').map((m) => m.text)).toEqual(['old number', 'new number']);
    expect((await customerThread(sup, 'whatsapp', BEA)).filter((m) => m.authorType === 'customer')).toHaveLength(1);
  });

  it('a multi-entry, multi-change, multi-message batch: every event processed, in order per conversation', async () => {
    const { sup } = env();
    const BEA = '15551230002';
    const CAL = '15551230003';
    const body = JSON.stringify(
      wa.object([
        [wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.A1', 'a1'), wa.text(ANA, 'wamid.A2', 'a2')), wa.inbound(BEA, 'Bea', wa.text(BEA, 'wamid.B1', 'b1'))],
        [wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.A3', 'a3')), wa.inbound(CAL, 'Cal', wa.text(CAL, 'wamid.C1', 'c1'), wa.text(CAL, 'wamid.C2', 'c2'))],
        [wa.inbound(BEA, 'Bea', wa.text(BEA, 'wamid.B2', 'b2'))],
      ]),
    );
    await post(body);
    const texts = async (who: string) => (await customerThread(sup, 'whatsapp', who)).filter((x) => x.authorType === 'customer').map((x) => x.text);
    expect(await texts(ANA)).toEqual(['a1', 'a2', 'a3']);
    expect(await texts(BEA)).toEqual(['b1', 'b2']);
    expect(await texts(CAL)).toEqual(['c1', 'c2']);
  });

  it('media: a provider 500 is retried then downloaded; a permanent error is said in the thread at once', { timeout: 20_000 }, async () => {
    const { sup, fake } = env();
    const unavailable = { status: 500, body: { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1 } } };
    fake.script((r) => r.path === '/v23.0/media-flaky', unavailable);
    const gone = { status: 400, body: { error: { message: 'Unsupported get request. Object with ID does not exist', type: 'GraphMethodException', code: 100, error_subcode: 33 } } };
    fake.script((r) => r.path === '/v23.0/media-gone', gone);
    await post(
      wa.body(
        wa.inbound(
          ANA,
          'Ana',
          wa.msg(ANA, 'wamid.FLAKY', 'image', { mime_type: 'image/png', sha256: 'x', id: 'media-flaky' }),
          wa.msg(ANA, 'wamid.GONE', 'document', { mime_type: 'application/pdf', sha256: 'x', id: 'media-gone', filename: 'x.pdf' }),
        ),
      ),
    );
    const c = await onlyConversation(sup, 'whatsapp', ANA);
    const msgs = await eventually(
      () => thread(sup, c.id),
      (ms) => byProviderId(ms, 'wamid.FLAKY').attachments.length === 1 && byProviderId(ms, 'wamid.GONE').text.includes('could not be downloaded'),
      'settled',
      15_000,
    );
    expect(byProviderId(msgs, 'wamid.GONE')).toMatchObject({ attachments: [], text: expect.stringContaining('100') });
    expect(fake.seen((r) => r.path === '/v23.0/media-flaky')).toHaveLength(2);
    expect(fake.seen((r) => r.path === '/v23.0/media-gone')).toHaveLength(1);
  });

  it('an agent reading customer messages tells WhatsApp once per message (blue ticks), through the outbox', async () => {
    const { sup, s, fake } = env();
    const a1 = await s.availableAgent('agent1');
    await post(wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.RD1', 'one'), wa.text(ANA, 'wamid.RD2', 'two'))));
    const c = await onlyConversation(sup, 'whatsapp', ANA);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    const ids = (await thread(sup, c.id)).filter((m) => m.authorType === 'customer').map((m) => m.id);
    const isRead = (r: FakeRequest) => r.method === 'POST' && r.path.endsWith('/messages') && jsonOf(r.body).status === 'read';
    await Promise.all([a1.call('POST', `/api/conversations/${c.id}/read`, { messageIds: ids }), a1.call('POST', `/api/conversations/${c.id}/read`, { messageIds: ids })]);
    const reads = await fake.waitFor(isRead, 2);
    expect(reads.map((r) => jsonOf(r.body).message_id).sort()).toEqual(['wamid.RD1', 'wamid.RD2']);
    expect(reads[0]!.headers.authorization).toBe(`Bearer ${CHANNEL_FIXTURE.whatsapp.accessToken}`);
    // Read again later: nothing more is sent (a reply after it is, so the outbox has moved on).
    await a1.call('POST', `/api/conversations/${c.id}/read`, { messageIds: ids });
    await a1.sendMessage(c.id, 'marker');
    await fake.waitFor((r) => isSend(r) && (jsonOf(r.body).text as { body?: string } | undefined)?.body === 'marker');
    expect(fake.seen(isRead)).toHaveLength(2);
  });
});
