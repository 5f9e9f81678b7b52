/**
 * Outbound media through each provider's API, via the outbox: WhatsApp upload retried after a media
 * error, a permanent provider error shown on the message, Twilio MMS by a signed public link, and
 * each channel's own limits enforced on upload and on send.
 */
import { expect, it } from 'vitest';
import type { AttachmentDto } from '@parley/protocol';
import { CHANNEL_FIXTURE, channelTestConfig, isSend, PNG_1PX, postWebhook, type AgentClient, type FakeRequest } from '@parley/testkit';
import { acceptedChat, onlyConversation, SMS_CUSTOMER, thread, useChannelServer } from './channel-harness';
import { describeBackends, is } from './harness';
import { sms } from './provider-traffic';

const PHONE = SMS_CUSTOMER;
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const isWaUpload = (r: FakeRequest) => r.method === 'POST' && r.path === `/v23.0/${CHANNEL_FIXTURE.whatsapp.phoneNumberId}/media`;

function upload(a: AgentClient, conversationId: string, name: string, type: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return a.request<AttachmentDto>('POST', `/api/attachments?conversationId=${conversationId}`, form);
}

describeBackends('outbound media: WhatsApp', (backend) => {
  const env = useChannelServer(backend);

  it('a media error on upload is retried by the outbox; the file then goes by its media id', async () => {
    const { fake } = env();
    const { a1, id } = await acceptedChat(env(), 'whatsapp');
    fake.script(isWaUpload, { status: 500, body: { error: { message: 'Media upload error', type: 'OAuthException', code: 131053, fbtrace_id: 'T1' } } });
    const file = await upload(a1, id, 'dot.png', 'image/png', PNG_1PX);
    expect(file.status).toBe(200);
    const from = a1.mark();
    const m = await a1.sendMessage(id, 'the receipt', { attachmentIds: [file.body.id] });
    await a1.waitFor((e) => e.type === 'message.status' && e.messageId === m.id && e.status === 'sent', undefined, from);
    expect(fake.seen(isWaUpload)).toHaveLength(2);
    const sent = fake.seen(isSend).map((r) => JSON.parse(r.body) as { image?: { id?: string; caption?: string } });
    expect(sent.some((b) => b.image?.id?.startsWith('media-up-') && b.image.caption === 'the receipt')).toBe(true);
  });

  it('a provider refusing the media: the message is failed with the provider’s code and reason', async () => {
    const { fake, sup } = env();
    const { a1, id } = await acceptedChat(env(), 'whatsapp');
    fake.script(isWaUpload, { status: 400, body: { error: { message: '(#100) Param file must be a file with one of the following types', type: 'OAuthException', code: 100, fbtrace_id: 'T2' } } });
    const file = await upload(a1, id, 'dot.png', 'image/png', PNG_1PX);
    const from = a1.mark();
    const m = await a1.sendMessage(id, '', { attachmentIds: [file.body.id] });
    await a1.waitFor((e) => e.type === 'message.status' && e.messageId === m.id && e.status === 'failed', undefined, from);
    const stored = (await thread(sup, id)).find((x) => x.id === m.id);
    expect(stored).toMatchObject({ status: 'failed', statusReason: expect.stringMatching(/^100: .*Param file/) });
  });

  it('WhatsApp’s own limits: a GIF is refused on upload for the conversation and on send; a 6 MB JPEG is over the image limit', async () => {
    const { a1, id } = await acceptedChat(env(), 'whatsapp');
    const gif = await upload(a1, id, 'smile.gif', 'image/gif', GIF);
    expect(gif.status).toBe(415);
    expect(gif.body).toMatchObject({ error: { code: 'PARLEY_ERR_UNSUPPORTED_MEDIA', message: expect.stringContaining('image/gif') } });
    // Uploaded without naming the conversation (e.g. an older client): the send still refuses it.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(GIF)], { type: 'image/gif' }), 'smile.gif');
    const loose = await a1.request<AttachmentDto>('POST', '/api/attachments', form);
    expect(loose.status).toBe(200);
    const send = await a1.request('POST', `/api/conversations/${id}/messages`, { clientId: 'gif-1', text: 'look', attachmentIds: [loose.body.id] });
    expect(send.status).toBe(415);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]), Buffer.alloc(6 * 1024 * 1024)]);
    const big = await upload(a1, id, 'big.jpg', 'image/jpeg', jpeg);
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: { code: 'PARLEY_ERR_PAYLOAD_TOO_LARGE', message: expect.stringContaining('5 MB') } });
  });
});

describeBackends('outbound media: Twilio MMS', (backend) => {
  // MMS is on where the deployment says so (US/CA numbers).
  const env = useChannelServer(backend, { configFor: (url) => ({ ...channelTestConfig(url), channels: { sms: { attachments: true } } }) });

  it('the file goes as a MediaUrl under the public address, signed and expiring, that serves the bytes', async () => {
    const { fake, s } = env();
    const { a1, id } = await acceptedChat(env(), 'sms');
    const file = await upload(a1, id, 'dot.png', 'image/png', PNG_1PX);
    expect(file.status).toBe(200);
    const from = a1.mark();
    const m = await a1.sendMessage(id, 'your picture', { attachmentIds: [file.body.id] });
    await a1.waitFor((e) => e.type === 'message.status' && e.messageId === m.id && e.status === 'sent', undefined, from);
    const form = new URLSearchParams(fake.seen(isSend).at(-1)!.body);
    const mediaUrl = form.get('MediaUrl')!;
    expect(mediaUrl.startsWith(`${s.url}/files/${file.body.id}?exp=`)).toBe(true);
    expect(new URL(mediaUrl).searchParams.get('sig')).toMatch(/^[\w-]{40,}$/);
    const fetched = await fetch(mediaUrl);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await fetched.arrayBuffer()).equals(PNG_1PX)).toBe(true);
    // Without the signature the same file is not there for anyone.
    expect((await fetch(`${s.url}/files/${file.body.id}`)).status).toBe(403);
  });

  it('MMS takes 5 MB for all files of a message together', async () => {
    const { a1, id } = await acceptedChat(env(), 'sms');
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, n]), Buffer.alloc(3 * 1024 * 1024)]);
      const r = await upload(a1, id, `p${n}.jpg`, 'image/jpeg', jpeg);
      expect(r.status).toBe(200);
      ids.push(r.body.id);
    }
    const send = await a1.request('POST', `/api/conversations/${id}/messages`, { clientId: 'mms-big', text: 'two photos', attachmentIds: ids });
    expect(send.status).toBe(413);
    expect(send.body).toMatchObject({ error: { message: expect.stringContaining('5 MB together') } });
  });
});

describeBackends('outbound media: SMS outside the US and Canada', (backend) => {
  const UK = '+447700900123';
  // MMS on for the deployment, but this entry point's number is British: Twilio carries no MMS there.
  const env = useChannelServer(backend, {
    configFor: (url) => {
      const c = channelTestConfig(url);
      const entryPoints = c.entryPoints.map((e) => (e.id === CHANNEL_FIXTURE.sms.entryPointId && 'settings' in e ? { ...e, settings: { ...e.settings, number: UK } } : e));
      return { ...c, entryPoints, channels: { sms: { attachments: true } } };
    },
  });

  it('files are refused on upload for the conversation and on send, naming the entry point', async () => {
    const { s, sup } = env();
    const a1 = await s.availableAgent('agent1');
    const inbound = sms.inbound(PHONE, 'SM00000000000000000000000000000uk1', 'hello');
    inbound.set('To', UK);
    expect((await postWebhook(s.url, 'sms', inbound)).status).toBe(200);
    const c = await onlyConversation(sup, 'sms', PHONE);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    const up = await upload(a1, c.id, 'dot.png', 'image/png', PNG_1PX);
    expect(up.status).toBe(422);
    expect(up.body).toMatchObject({ error: { code: 'PARLEY_ERR_CHANNEL_RULE', message: expect.stringContaining('US and Canadian numbers only') } });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG_1PX)], { type: 'image/png' }), 'dot.png');
    const loose = await a1.request<AttachmentDto>('POST', '/api/attachments', form);
    const send = await a1.request('POST', `/api/conversations/${c.id}/messages`, { clientId: 'uk-1', text: 'photo', attachmentIds: [loose.body.id] });
    expect(send.status).toBe(422);
    // Text still goes.
    await a1.sendMessage(c.id, 'text only');
  });
});
