/**
 * An agent's formatted reply goes out as each channel shows it (ChannelRules.formatting): WhatsApp
 * markup, Messenger and SMS plain text, and HTML for the web chat widget (live and in its snapshot).
 * The stored message keeps the authored text.
 */
import { expect, it } from 'vitest';
import { isSend, jsonOf, postWebhook, type FakeRequest } from '@parley/testkit';
import { onlyConversation, thread, useChannelServer } from './channel-harness';
import { describeBackends, is, useServer } from './harness';
import { fb, sms, wa } from './provider-traffic';

const ANA = '15551230001';
const PSID = '6543210987654321';
const PHONE = '+14155550123';
const AUTHORED = 'Your order is **ready**, _thanks_ ~~late~~\n- pick up at `desk 4`\n- see [the map](https://ex.com/map)';

/** The text a provider request carries (Graph JSON `text.body` / `message.text`, or Twilio's `Body`). */
function sentText(r: FakeRequest): string | undefined {
  const json = r.body.trimStart().startsWith('{') ? jsonOf(r.body) : null;
  if (json) return (json.text as { body?: string } | undefined)?.body ?? (json.message as { text?: string } | undefined)?.text;
  return new URLSearchParams(r.body).get('Body') ?? undefined;
}

describeBackends('formatted agent replies on provider channels', (backend) => {
  const env = useChannelServer(backend);

  it('WhatsApp gets its markup, Messenger and SMS plain text; the thread keeps what the agent wrote', async () => {
    const { s, sup, fake } = env();
    const a1 = await s.availableAgent('agent1');
    expect((await postWebhook(s.url, 'whatsapp', wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.F1', 'hello'))))).status).toBe(200);
    expect((await postWebhook(s.url, 'messenger', fb.body(fb.text(PSID, 'm_F1', 'hello')))).status).toBe(200);
    expect((await postWebhook(s.url, 'sms', sms.inbound(PHONE, 'SM00000000000000000000000000000f01', 'hello'))).status).toBe(200);
    const expected = {
      whatsapp: 'Your order is *ready*, _thanks_ ~late~\n- pick up at ```desk 4```\n- see the map (https://ex.com/map)',
      messenger: 'Your order is ready, thanks late\n• pick up at desk 4\n• see the map (https://ex.com/map)',
      sms: 'Your order is ready, thanks late\n- pick up at desk 4\n- see the map (https://ex.com/map)',
    };
    for (const [channel, who] of [['whatsapp', ANA], ['messenger', PSID], ['sms', PHONE]] as const) {
      const c = await onlyConversation(sup, channel, who);
      await a1.waitFor(is.offer(c.id, 'a1'));
      await a1.accept(c.id);
      const from = a1.mark();
      const m = await a1.sendMessage(c.id, AUTHORED);
      await a1.waitFor((e) => e.type === 'message.status' && e.messageId === m.id && e.status === 'sent', undefined, from);
      expect(fake.seen((r) => isSend(r) && sentText(r) === expected[channel])).toHaveLength(1);
      expect((await thread(sup, c.id)).find((x) => x.id === m.id)?.text).toBe(AUTHORED);
    }
  });
});

describeBackends('formatted agent replies on web chat', (backend) => {
  const srv = useServer(backend);

  it('the widget gets the safe HTML with the authored text, live and in its snapshot', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await a1.accept(c.conversationId);
    await a1.sendMessage(c.conversationId, '**Hi** <b>there</b> [x](javascript:alert(1))');
    const html = '<p><strong>Hi</strong> &lt;b&gt;there&lt;/b&gt; x (javascript:alert(1))</p>';
    const live = await c.waitForFrame('message', (f) => f.message.authorType === 'agent' && f.message.text.startsWith('**Hi**'));
    expect(live.message.html).toBe(html);
    const snap = (await c.snapshot()).body;
    expect(snap.messages.find((m) => m.id === live.message.id)?.html).toBe(html);
  });

  it('the limit counts what goes out (the rendering), and a reply that renders to nothing is refused', async () => {
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer();
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await a1.accept(c.conversationId);
    const post = (clientId: string, text: string) => a1.request('POST', `/api/conversations/${c.conversationId}/messages`, { clientId, text });
    // 1004 typed, 1000 sent (web chat's limit): the bold marks are not text the customer gets.
    expect((await post('bold', `**${'x'.repeat(1000)}**`)).status).toBe(200);
    expect((await post('long', `**${'x'.repeat(1001)}**`)).body).toMatchObject({ error: { code: 'PARLEY_ERR_MESSAGE_TOO_LONG' } });
    expect((await post('empty', '```\n```')).body).toMatchObject({ error: { code: 'PARLEY_ERR_EMPTY_MESSAGE' } });
  });
});
