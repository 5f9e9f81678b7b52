import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Received } from './fake-parley';
import { customerSends, PAGE, type Pair, pageBearer, startPair } from './harness';

let pair: Pair;
const PSID = '24000000000000001';
beforeEach(async () => {
  pair = await startPair();
  await pair.call('POST', '/_sim/customer', { channel: 'messenger', customer: PSID, name: 'Ann Lee' });
});
afterEach(() => pair.close());

const event = (r: Received) => r.json.entry[0].messaging[0];
const isMessenger = (r: Received) => r.path === '/webhooks/messenger';
const send = (body: Record<string, unknown>, headers = pageBearer, node = PAGE.pageId) => pair.call('POST', `/v23.0/${node}/messages`, body, headers);

describe('Messenger Send API', () => {
  it('posts customer messages, quick replies and postbacks as signed page webhooks', async () => {
    const text = await customerSends(pair, { channel: 'messenger', customer: PSID, kind: 'text', text: 'Track my order' });
    const [hook] = await pair.parley.waitFor(isMessenger);
    expect(hook?.signatureOk).toBe(true);
    expect(hook?.json.object).toBe('page');
    expect(hook?.json.entry[0]).toMatchObject({ id: PAGE.pageId });
    expect(typeof hook?.json.entry[0].time).toBe('number');
    expect(event(hook!)).toMatchObject({ sender: { id: PSID }, recipient: { id: PAGE.pageId }, message: { mid: text.id, text: 'Track my order' } });

    await customerSends(pair, { channel: 'messenger', customer: PSID, kind: 'button', messageId: 'm_x', button: { kind: 'quick_reply', id: 'TRACK', title: 'Track' } });
    await customerSends(pair, { channel: 'messenger', customer: PSID, kind: 'button', button: { kind: 'postback', id: 'HANDOFF', title: 'Talk to a human' } });
    const hooks = await pair.parley.waitFor(isMessenger, 3);
    expect(event(hooks[1]!).message).toMatchObject({ text: 'Track', quick_reply: { payload: 'TRACK' } });
    expect(event(hooks[2]!).postback).toMatchObject({ title: 'Talk to a human', payload: 'HANDOFF' });
  });

  it('answers a send, then echoes it with app_id and metadata and reports delivery, then a read watermark', async () => {
    const res = await send({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'On its way!', metadata: 'ours:msg_8812' } });
    expect(res.status).toBe(200);
    expect(res.body.recipient_id).toBe(PSID);
    const mid = res.body.message_id as string;
    const [echo, delivery] = await pair.parley.waitFor(isMessenger, 2);
    expect(event(echo!)).toMatchObject({ sender: { id: PAGE.pageId }, recipient: { id: PSID }, message: { is_echo: true, app_id: PAGE.appId, metadata: 'ours:msg_8812', mid, text: 'On its way!' } });
    expect(event(delivery!)).toMatchObject({ sender: { id: PSID }, delivery: { mids: [mid] } });
    expect(event(delivery!).timestamp).toBeUndefined();
    await pair.call('POST', '/_sim/customer/read?wait=1', { channel: 'messenger', customer: PSID });
    const hooks = await pair.parley.waitFor(isMessenger, 3);
    expect(event(hooks[2]!).read.watermark).toBeGreaterThanOrEqual(event(delivery!).delivery.watermark);
    expect(hooks.every((h) => h.signatureOk)).toBe(true);
  });

  it('takes me/messages, form-encoded bodies and sender actions', async () => {
    const form = new URLSearchParams({ recipient: JSON.stringify({ id: PSID }), messaging_type: 'UPDATE', message: JSON.stringify({ text: 'hi' }), access_token: PAGE.pageAccessToken });
    const viaForm = await pair.call('POST', '/v23.0/me/messages', form);
    expect(viaForm.status).toBe(200);
    const typing = await send({ recipient: { id: PSID }, sender_action: 'typing_on' });
    expect(typing.body).toEqual({ recipient_id: PSID });
    expect((await pair.call('GET', '/_sim/state')).body.typing).toContain(`messenger:${PSID}`);
  });

  it('takes the react and unreact sender actions on a customer message (§1.4) and shows them on it', async () => {
    const inbound = await customerSends(pair, { channel: 'messenger', customer: PSID, kind: 'text', text: 'Thanks!' });
    const react = await send({ recipient: { id: PSID }, sender_action: 'react', payload: { message_id: inbound.id, reaction: '❤' } });
    expect(react.status).toBe(200);
    expect(react.body).toEqual({ recipient_id: PSID });
    const shown = async () => ((await pair.call('GET', '/_sim/state')).body.chat as { id: string; businessReaction?: string }[]).find((e) => e.id === inbound.id);
    expect((await shown())?.businessReaction).toBe('❤');
    expect((await send({ recipient: { id: PSID }, sender_action: 'unreact', payload: { message_id: inbound.id } })).status).toBe(200);
    expect((await shown())?.businessReaction).toBeUndefined();

    const noMessage = await send({ recipient: { id: PSID }, sender_action: 'react', payload: { message_id: 'm_unknown', reaction: '❤' } });
    expect(noMessage.status).toBe(400);
    expect(noMessage.body.error).toMatchObject({ code: 100 });
    const noEmoji = await send({ recipient: { id: PSID }, sender_action: 'react', payload: { message_id: inbound.id } });
    expect(noEmoji.body.error).toMatchObject({ code: 100 });
  });

  it('refuses bad tokens (401/190), unknown PSIDs (100/2018001) and missing fields (100)', async () => {
    const bad = await send({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'x' } }, { authorization: 'Bearer nope' });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toMatchObject({ code: 190, type: 'OAuthException' });
    const meBad = await send({ recipient: { id: PSID } }, { authorization: 'Bearer nope' }, 'me');
    expect(meBad.status).toBe(401);
    const stranger = await send({ recipient: { id: '999999999' }, messaging_type: 'RESPONSE', message: { text: 'x' } });
    expect(stranger.body.error).toMatchObject({ code: 100, error_subcode: 2018001 });
    const noType = await send({ recipient: { id: PSID }, message: { text: 'x' } });
    expect(noType.status).toBe(400);
    expect(noType.body.error.code).toBe(100);
    const tooLong = await send({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'x'.repeat(2001) } });
    expect(tooLong.body.error.code).toBe(100);
  });

  it('plays the window: past 24 h only HUMAN_AGENT passes, past 7 days nothing (10/2018278)', async () => {
    await pair.call('PUT', '/_sim/failures/messenger', { window: '24h' });
    const plain = await send({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'late' } });
    expect(plain.status).toBe(400);
    expect(plain.body.error).toMatchObject({ code: 10, error_subcode: 2018278, type: 'OAuthException' });
    const tagged = await send({ recipient: { id: PSID }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'late, by a human' } });
    expect(tagged.status).toBe(200);
    await pair.call('PUT', '/_sim/failures/messenger', { window: '7d' });
    const tooLate = await send({ recipient: { id: PSID }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'too late' } });
    expect(tooLate.body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
  });

  it('plays a rate limit (429, code 4) and an outage (500, transient)', async () => {
    await pair.call('PUT', '/_sim/failures/messenger', { rateLimit: true });
    const limited = await send({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'x' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe(4);
    await pair.call('PUT', '/_sim/failures/messenger', { rateLimit: false, outage: 'error' });
    const down = await send({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'x' } });
    expect(down.status).toBe(500);
    expect(down.body.error.is_transient).toBe(true);
    // The profile lookup is down too, not only sends.
    expect((await pair.call('GET', `/v23.0/${PSID}?fields=first_name`, undefined, pageBearer)).status).toBe(500);
  });

  it('uploads an attachment for reuse and serves the profile of a known PSID', async () => {
    const form = new FormData();
    form.append('message', JSON.stringify({ attachment: { type: 'image', payload: { is_reusable: true } } }));
    form.append('filedata', new Blob([Buffer.from('png-bytes')], { type: 'image/png' }), 'label.png');
    const up = await pair.call('POST', `/v23.0/${PAGE.pageId}/message_attachments`, form, pageBearer);
    expect(up.body.attachment_id).toMatch(/^\d+$/);
    const sent = await send({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { attachment: { type: 'image', payload: { attachment_id: up.body.attachment_id } } } });
    expect(sent.status).toBe(200);
    const [echo] = await pair.parley.waitFor(isMessenger);
    const url = event(echo!).message.attachments[0].payload.url as string;
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).toString()).toBe('png-bytes');
    const profile = await pair.call('GET', `/v23.0/${PSID}?fields=first_name,last_name,profile_pic`, undefined, pageBearer);
    expect(profile.body).toMatchObject({ first_name: 'Ann', last_name: 'Lee', id: PSID });
    expect(profile.body.profile_pic).toMatch(/^http/);
    const unknown = await pair.call('GET', '/v23.0/777777777', undefined, pageBearer);
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('sends a customer image as a public CDN url', async () => {
    await customerSends(pair, { channel: 'messenger', customer: PSID, kind: 'image' });
    const [hook] = await pair.parley.waitFor(isMessenger);
    const attachment = event(hook!).message.attachments[0];
    expect(attachment.type).toBe('image');
    const res = await fetch(attachment.payload.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
  });
});
