/**
 * SMS/MMS through the whole server path (Twilio form webhooks signed over the configured public URL),
 * and Twilio's signature rules end to end: the published vector, the `:443` form, status callbacks
 * with our `parleyMessageId` query, wrong and missing signatures.
 */
import { expect, it } from 'vitest';
import { CHANNEL_FIXTURE, channelTestConfig, isSend, postWebhook, twilioSignature } from '@parley/testkit';
import { byProviderId, conversations, eventually, onlyConversation, thread, useChannelServer } from './channel-harness';
import { describeBackends, is } from './harness';
import { sms } from './provider-traffic';

const CUSTOMER = '+14155550123';
const SMS = CHANNEL_FIXTURE.sms;

/** Twilio's published example (twilio-python test_request_validator.py, wire-formats §3.3 #1). */
const PUBLISHED = {
  authToken: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  params: new URLSearchParams({ CallSid: 'CA1234567890ABCDE', Digits: '1234', From: '+14158675309', To: '+18005551212', Caller: '+14158675309' }),
  signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
  signatureWith443: 'kvajT1Ptam85bY51eRf/AJRuM3w=',
};

describeBackends('SMS pipeline', (backend) => {
  const env = useChannelServer(backend, {
    configFor: (providerUrl) => {
      const config = channelTestConfig(providerUrl);
      // A second number whose webhook URL and token are those of Twilio's published example.
      config.entryPoints.push({
        id: 'sms-published',
        name: 'Published vector',
        channel: 'sms',
        queue: SMS.queueId,
        settings: { number: '+18005551212', numberKind: 'long_code', accountSid: SMS.accountSid, authToken: PUBLISHED.authToken, publicWebhookUrl: PUBLISHED.url },
      } as (typeof config.entryPoints)[number]);
      return config;
    },
  });

  async function post(form: URLSearchParams, opts: Parameters<typeof postWebhook>[3] = {}) {
    return postWebhook(env().s.url, 'sms', form, opts);
  }

  it('an SMS and an MMS with 10 media land in one conversation; each medium downloaded once; an opt-out keyword is a notice', async () => {
    const { sup, fake } = env();
    const ok = await post(sms.inbound(CUSTOMER, 'SM00000000000000000000000000000001', 'Hello é& bye'));
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('<Response');
    const media = Array.from({ length: 10 }, (_, i) => ({ url: `${fake.url}/media/mms-${i}`, type: 'image/png' }));
    expect((await post(sms.inbound(CUSTOMER, 'MM00000000000000000000000000000002', 'ten photos', media))).status).toBe(200);
    const stop = sms.inbound(CUSTOMER, 'SM00000000000000000000000000000003', 'STOP');
    stop.set('OptOutType', 'STOP');
    expect((await post(stop)).status).toBe(200);

    const c = await onlyConversation(sup, 'sms', CUSTOMER);
    expect(c).toMatchObject({ entryPoint: { id: 'sms' }, queue: { id: 'q-sms' }, customer: { externalId: CUSTOMER, phone: CUSTOMER } });
    const msgs = await thread(sup, c.id);
    expect(byProviderId(msgs, 'SM00000000000000000000000000000001').text).toBe('Hello é& bye');
    expect(msgs.some((m) => m.notice?.code === 'unsupported_content' && m.text.includes('STOP'))).toBe(true);
    const done = await eventually(() => thread(sup, c.id), (ms) => byProviderId(ms, 'MM00000000000000000000000000000002').attachments.length === 10, 'downloaded');
    expect(byProviderId(done, 'MM00000000000000000000000000000002').text).toBe('ten photos');
    for (let i = 0; i < 10; i++) expect(fake.seen((r) => r.path === `/media/mms-${i}`)).toHaveLength(1);
  });

  it('Twilio’s published vector verifies over the configured URL, in its plain and explicit :443 forms; a wrong one is 403, none 401', async () => {
    const res = await post(PUBLISHED.params, { signature: PUBLISHED.signature });
    expect(res.status).toBe(200);
    expect((await post(PUBLISHED.params, { signature: PUBLISHED.signatureWith443 })).status).toBe(200);
    expect((await post(PUBLISHED.params, { signature: PUBLISHED.signature.replace('R', 'Q') })).status).toBe(403);
    expect((await post(PUBLISHED.params, { signature: null })).status).toBe(401);
    // Our own signer agrees with the published value (so the other tests sign the same way Twilio does).
    expect(twilioSignature(PUBLISHED.url, PUBLISHED.params, PUBLISHED.authToken)).toBe(PUBLISHED.signature);
  });

  it('an inbound SMS signed over the request’s own address, a wrong token or a tampered body is refused and stores nothing', async () => {
    const { s, sup } = env();
    const form = sms.inbound(CUSTOMER, 'SM0000000000000000000000000000000A', 'hi');
    const bad = [
      await post(form, { signedUrl: `${s.url}/webhooks/sms` }), // Twilio signs the public URL, not ours behind the proxy
      await post(form, { signature: twilioSignature(SMS.publicWebhookUrl, form, 'another-token') }),
      await post(form, { signature: twilioSignature(SMS.publicWebhookUrl, sms.inbound(CUSTOMER, 'SM0000000000000000000000000000000A', 'hi!')) }),
    ];
    expect(bad.map((r) => r.status)).toEqual([403, 403, 403]);
    expect(JSON.parse(bad[0]!.text)).toMatchObject({ error: { code: 'PARLEY_ERR_FORBIDDEN' } });
    const none = await post(form, { signature: null });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text)).toMatchObject({ error: { code: 'PARLEY_ERR_UNAUTHENTICATED' } });
    expect(await conversations(sup, 'sms')).toEqual([]);
  });

  it('an agent’s reply is sent with a status callback naming our message; callbacks signed with that query (plain and :443) move it to delivered; a failure carries Twilio’s code', async () => {
    const { s, sup, fake } = env();
    const a1 = await s.availableAgent('agent1');
    await post(sms.inbound(CUSTOMER, 'SM0000000000000000000000000000000B', 'hello'));
    const c = await onlyConversation(sup, 'sms', CUSTOMER);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    const sent = await a1.sendMessage(c.id, 'Hi from Parley');
    const [send] = await fake.waitFor(isSend);
    const form = new URLSearchParams(send!.body);
    expect(send!.path).toBe(`/2010-04-01/Accounts/${SMS.accountSid}/Messages.json`);
    expect(send!.headers.authorization).toBe(`Basic ${Buffer.from(`${SMS.accountSid}:${SMS.authToken}`).toString('base64')}`);
    expect(Object.fromEntries(form)).toMatchObject({ To: CUSTOMER, From: SMS.number, Body: 'Hi from Parley' });
    const callback = new URL(form.get('StatusCallback')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(SMS.publicWebhookUrl);
    expect(callback.searchParams.get('parleyMessageId')).toBe(sent.id);
    const sid = (await eventually(() => thread(sup, c.id), (ms) => !!ms.find((m) => m.id === sent.id)?.providerId, 'sent')).find((m) => m.id === sent.id)!.providerId!;

    const from = a1.mark();
    const query = callback.search;
    expect((await post(sms.status(sid, 'sent', CUSTOMER), { query })).status).toBe(200);
    const delivered = sms.status(sid, 'delivered', CUSTOMER);
    const with443 = `https://${new URL(SMS.publicWebhookUrl).hostname}:443${new URL(SMS.publicWebhookUrl).pathname}${query}`;
    expect((await post(delivered, { query, signedUrl: with443 })).status).toBe(200);
    await a1.waitFor((e) => e.type === 'message.status' && e.messageId === sent.id && e.status === 'delivered', undefined, from);
    // Signed without the query Twilio actually called: refused.
    expect((await post(sms.status(sid, 'read', CUSTOMER), { query, signedUrl: SMS.publicWebhookUrl })).status).toBe(403);

    const second = await a1.sendMessage(c.id, 'are you there?');
    const secondSid = (await eventually(() => thread(sup, c.id), (ms) => !!ms.find((m) => m.id === second.id)?.providerId, 'sent')).find((m) => m.id === second.id)!.providerId!;
    const failed = sms.status(secondSid, 'undelivered', CUSTOMER, { ErrorCode: '30003' });
    expect((await post(failed, { query: `?parleyMessageId=${second.id}` })).status).toBe(200);
    await a1.waitFor((e) => e.type === 'message.status' && e.messageId === second.id && e.status === 'failed', undefined, from);
    const final = await thread(sup, c.id);
    expect(final.find((m) => m.id === sent.id)?.status).toBe('delivered');
    expect(final.find((m) => m.id === second.id)).toMatchObject({ status: 'failed', statusReason: expect.stringContaining('30003') });
  });
});
