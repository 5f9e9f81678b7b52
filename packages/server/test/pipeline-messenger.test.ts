/**
 * Messenger through the whole server path: signed webhook → storage → supervisor read API and the
 * agent's socket; echoes of our own sends and of messages typed in Meta's Page inbox; watermarks.
 */
import { expect, it } from 'vitest';
import { isSend, jsonOf, postWebhook, type FakeRequest } from '@parley/testkit';
import { byProviderId, conversations, customerThread, eventually, onlyConversation, thread, useChannelServer } from './channel-harness';
import { describeBackends, is } from './harness';
import { fb } from './provider-traffic';

const PSID = '6543210987654321';

describeBackends('Messenger pipeline', (backend) => {
  const env = useChannelServer(backend);

  async function post(body: string) {
    const res = await postWebhook(env().s.url, 'messenger', body);
    expect(res.status).toBe(200);
    expect(res.text).toBe('EVENT_RECEIVED');
  }

  it('text, attachments (media, location, fallback link), quick replies, postbacks, replies and unsupported events land as shown', async () => {
    const { sup, fake } = env();
    const img = `${fake.url}/media/cdn-photo.png`;
    await post(
      fb.body(
        fb.text(PSID, 'm_T1', 'Hi there ✓', 1),
        fb.message(PSID, 'm_IMG', { attachments: [{ type: 'image', payload: { url: img } }] }, 2),
        fb.message(PSID, 'm_LOC', { attachments: [{ type: 'location', title: 'Home', url: 'https://maps.example/x', payload: { coordinates: { lat: 48.8566, long: 2.3522 } } }] }, 3),
        fb.message(PSID, 'm_FBK', { attachments: [{ type: 'fallback', title: 'A shared post', url: 'https://example.com/p', payload: { url: 'https://example.com/p', title: 'A shared post' } }] }, 4),
        fb.message(PSID, 'm_QR', { text: 'Red', quick_reply: { payload: 'COLOR_RED' } }, 5),
        fb.event(PSID, { postback: { mid: 'm_PB', title: 'Get Started', payload: 'GET_STARTED' } }, 6),
        fb.message(PSID, 'm_RPL', { text: 'about that', reply_to: { mid: 'm_T1' } }, 7),
        fb.message(PSID, 'm_UNS', { attachments: [{ type: 'hologram', payload: {} }] }, 8),
        fb.event(PSID, { optin: { type: 'notification_messages', payload: 'x' } }, 9),
      ),
    );
    const c = await onlyConversation(sup, 'messenger', PSID);
    expect(c).toMatchObject({ status: 'queued', entryPoint: { id: 'fb' }, queue: { id: 'q-fb' } });
    const msgs = await thread(sup, c.id);
    expect(msgs.filter((m) => m.authorType === 'customer').map((m) => m.providerId)).toEqual(['m_T1', 'm_IMG', 'm_LOC', 'm_FBK', 'm_QR', 'm_PB', 'm_RPL', 'm_UNS']);
    expect(byProviderId(msgs, 'm_T1').text).toBe('Hi there ✓');
    expect(byProviderId(msgs, 'm_LOC')).toMatchObject({ text: expect.stringContaining('Home'), content: { type: 'location', latitude: 48.8566, longitude: 2.3522 } });
    expect(byProviderId(msgs, 'm_FBK')).toMatchObject({ text: expect.stringContaining('https://example.com/p'), content: { type: 'link', kind: 'fallback' } });
    expect(byProviderId(msgs, 'm_QR')).toMatchObject({ text: 'Red', content: { type: 'quick_reply', payload: 'COLOR_RED' } });
    expect(byProviderId(msgs, 'm_PB')).toMatchObject({ text: 'Get Started', content: { type: 'postback', payload: 'GET_STARTED' } });
    expect(byProviderId(msgs, 'm_RPL')).toMatchObject({ replyTo: { messageId: byProviderId(msgs, 'm_T1').id } });
    expect(byProviderId(msgs, 'm_UNS')).toMatchObject({ text: expect.stringContaining('hologram'), content: { type: 'unsupported' } });
    // An event we don't map (an opt-in) is a notice in the thread, not silence.
    expect(msgs.some((m) => m.notice?.code === 'unsupported_content' && m.text.includes('optin'))).toBe(true);

    const done = await eventually(() => thread(sup, c.id), (ms) => byProviderId(ms, 'm_IMG').attachments.length === 1, 'downloaded');
    expect(byProviderId(done, 'm_IMG').attachments[0]).toMatchObject({ mimeType: 'image/png' });
    expect(fake.seen((r) => r.path === '/media/cdn-photo.png')).toHaveLength(1);
  });

  it('a reaction is never a message; removing it clears it', async () => {
    const { sup, s } = env();
    const a1 = await s.availableAgent('agent1');
    await post(fb.body(fb.text(PSID, 'm_R0', 'hello')));
    const c = await onlyConversation(sup, 'messenger', PSID);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    const from = a1.mark();
    await post(fb.body(fb.event(PSID, { reaction: { mid: 'm_R0', action: 'react', reaction: 'love', emoji: '❤' } }, 10)));
    await a1.waitFor((e) => e.type === 'message.reactions' && e.reactions[0]?.emoji === '❤', undefined, from);
    await post(fb.body(fb.event(PSID, { reaction: { mid: 'm_R0', action: 'unreact' } }, 20)));
    await a1.waitFor((e) => e.type === 'message.reactions' && e.reactions.length === 0, undefined, from);
    expect((await thread(sup, c.id)).filter((m) => m.authorType === 'customer')).toHaveLength(1);
  });

  it('echoes: our own send adds nothing; one typed in the Page inbox is an external agent message that never routes; watermarks move our message to read', async () => {
    const { sup, s, fake } = env();
    const a1 = await s.availableAgent('agent1');
    await post(fb.body(fb.text(PSID, 'm_E0', 'hello')));
    const c = await onlyConversation(sup, 'messenger', PSID);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    const sent = await a1.sendMessage(c.id, 'Hello from Parley');
    const [send] = await fake.waitFor(isSend);
    expect(jsonOf(send!.body)).toMatchObject({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'Hello from Parley' } });
    const mid = await eventually(() => thread(sup, c.id), (ms) => !!ms.find((m) => m.id === sent.id)?.providerId, 'sent').then((ms) => ms.find((m) => m.id === sent.id)!.providerId!);

    // Meta echoes our send (with our metadata), then a message someone typed in the Page inbox.
    const metadata = (jsonOf(send!.body).message as { metadata?: string }).metadata;
    await post(fb.body(fb.echo(PSID, mid, { text: 'Hello from Parley', app_id: '999', ...(metadata ? { metadata } : {}) }, 30)));
    await post(fb.body(fb.echo(PSID, 'm_INBOX', { text: 'Typed in the Page inbox' }, 31)));
    const msgs = await thread(sup, c.id);
    expect(msgs.filter((m) => m.text === 'Hello from Parley')).toHaveLength(1);
    expect(byProviderId(msgs, 'm_INBOX')).toMatchObject({ direction: 'outbound', authorType: 'agent', authorId: null, external: true, status: 'sent' });
    // Never sent by us, never routed.
    expect(fake.seen(isSend)).toHaveLength(1);
    expect(await conversations(sup, 'messenger')).toHaveLength(1);

    // An echo for a customer without an open conversation opens none.
    await post(fb.body(fb.echo('1111222233334444', 'm_INBOX2', { text: 'cold outreach' }, 32)));
    expect(await conversations(sup, 'messenger', '1111222233334444')).toEqual([]);

    // Delivery, then read watermarks (epoch ms at or after the send).
    const from = a1.mark();
    const wm = Date.now() + 60_000;
    await post(fb.body(fb.event(PSID, { delivery: { mids: [mid], watermark: wm } }, 40)));
    await post(fb.body(fb.event(PSID, { read: { watermark: wm } }, 41)));
    await a1.waitFor((e) => e.type === 'message.status' && e.messageId === sent.id && e.status === 'read', undefined, from);
    expect((await customerThread(sup, 'messenger', PSID)).find((m) => m.id === sent.id)?.status).toBe('read');
  });

  it('the echo of our send arriving before Meta’s answer to it adds nothing (matched by our metadata)', async () => {
    const { sup, s, fake } = env();
    const a1 = await s.availableAgent('agent1');
    await post(fb.body(fb.text(PSID, 'm_Q0', 'hello')));
    const c = await onlyConversation(sup, 'messenger', PSID);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    let release!: () => void;
    const answered = new Promise<void>((ok) => (release = ok));
    const ours = (r: FakeRequest) => isSend(r) && r.body.includes('echo race');
    fake.script(ours, async () => {
      await answered;
      return { status: 200, body: { recipient_id: PSID, message_id: 'm_SLOW' } };
    });
    const sent = await a1.sendMessage(c.id, 'echo race');
    const [send] = await fake.waitFor(ours);
    const metadata = (jsonOf(send!.body).message as { metadata?: string }).metadata;
    expect(metadata).toBe(sent.id);
    await post(fb.body(fb.echo(PSID, 'm_SLOW', { text: 'echo race', app_id: '999', metadata }, 50)));
    release();
    const msgs = await eventually(() => thread(sup, c.id), (ms) => ms.find((m) => m.id === sent.id)?.providerId === 'm_SLOW', 'answered');
    expect(msgs.filter((m) => m.text === 'echo race')).toHaveLength(1);
    expect(msgs.some((m) => m.external)).toBe(false);
  });
});
