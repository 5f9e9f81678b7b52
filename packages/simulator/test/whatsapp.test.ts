import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Json } from './fake-parley';
import { customerSends, type Pair, startPair, WA, waBearer } from './harness';

let pair: Pair;
beforeEach(async () => {
  pair = await startPair();
});
afterEach(() => pair.close());

const waValue = (r: { json?: Json }) => r.json.entry[0].changes[0].value;
const statusesOf = (id: string) => (r: { path: string; json?: Json }) => r.path === '/webhooks/whatsapp' && waValue(r).statuses?.[0]?.id === id;
const sendText = (body = 'Hi Ann') => pair.call('POST', `/v23.0/${WA.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: '16505551234', type: 'text', text: { body } }, waBearer);

describe('WhatsApp Cloud API', () => {
  it('posts a customer message as a signed webhook in the documented envelope', async () => {
    const sent = await customerSends(pair, { channel: 'whatsapp', customer: '16505551234', name: 'Ann Lee', kind: 'text', text: 'Café order #42' });
    const [hook] = await pair.parley.waitFor((r) => r.path === '/webhooks/whatsapp');
    expect(hook?.signatureOk).toBe(true);
    expect(hook?.raw.toString()).toContain('Caf\\u00e9'); // escaped as Meta sends it
    expect(hook?.json.object).toBe('whatsapp_business_account');
    expect(hook?.json.entry[0].id).toBe(WA.wabaId);
    expect(hook?.json.entry[0].changes[0].field).toBe('messages');
    const value = waValue(hook!);
    expect(value.metadata).toEqual({ display_phone_number: WA.displayPhoneNumber, phone_number_id: WA.phoneNumberId });
    expect(value.contacts).toEqual([{ profile: { name: 'Ann Lee' }, wa_id: '16505551234' }]);
    expect(value.messages[0]).toMatchObject({ from: '16505551234', id: sent.id, type: 'text', text: { body: 'Café order #42' } });
    expect(value.messages[0].id).toMatch(/^wamid\./);
    expect(value.messages[0].timestamp).toMatch(/^\d{10}$/);
  });

  it('checks Parley’s GET verification handshake, and sees a wrong token refused', async () => {
    const ok = await pair.call('POST', '/_sim/verify', { channel: 'whatsapp' });
    expect(ok.body).toMatchObject({ ok: true, status: 200 });
    const wrong = await pair.call('POST', '/_sim/verify', { channel: 'whatsapp', verifyToken: 'not-it' });
    expect(wrong.body).toMatchObject({ ok: false, status: 403 });
  });

  it('answers a send like Cloud API, then reports sent, delivered and (once read) read, in order', async () => {
    const res = await pair.call('POST', `/v23.0/${WA.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: '16505551234', type: 'text', text: { body: 'Hi' }, biz_opaque_callback_data: 'ours:1' }, waBearer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ messaging_product: 'whatsapp', contacts: [{ input: '16505551234', wa_id: '16505551234' }] });
    const id = res.body.messages[0].id as string;
    expect(id).toMatch(/^wamid\./);
    await pair.parley.waitFor(statusesOf(id), 2);
    await pair.call('POST', '/_sim/customer/read?wait=1', { channel: 'whatsapp', customer: '16505551234' });
    const hooks = await pair.parley.waitFor(statusesOf(id), 3);
    expect(hooks.map((h) => waValue(h).statuses[0].status)).toEqual(['sent', 'delivered', 'read']);
    expect(hooks.every((h) => h.signatureOk && waValue(h).statuses[0].biz_opaque_callback_data === 'ours:1')).toBe(true);
    expect(waValue(hooks[0]!).statuses[0]).toMatchObject({ recipient_id: '16505551234', pricing: { pricing_model: 'PMP' } });
    expect(waValue(hooks[0]!).statuses[0].timestamp).toMatch(/^\d{10}$/);
  });

  it('marks inbound messages read (and shows typing) through status: read', async () => {
    const sent = await customerSends(pair, { channel: 'whatsapp', customer: '16505551234', kind: 'text', text: 'hello?' });
    const res = await pair.call('POST', `/v23.0/${WA.phoneNumberId}/messages`, { messaging_product: 'whatsapp', status: 'read', message_id: sent.id, typing_indicator: { type: 'text' } }, waBearer);
    expect(res.body).toEqual({ success: true });
    const state = (await pair.call('GET', '/_sim/state')).body;
    expect(state.chat.find((e: { id: string }) => e.id === sent.id).status).toBe('read');
    expect(state.typing).toContain('whatsapp:16505551234');
    const unknown = await pair.call('POST', `/v23.0/${WA.phoneNumberId}/messages`, { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.nope' }, waBearer);
    expect(unknown.status).toBe(400);
  });

  it('refuses a bad or missing token with 401 / code 190 in the Graph envelope', async () => {
    for (const headers of [{ authorization: 'Bearer wrong' }, {}] as Record<string, string>[]) {
      const res = await pair.call('POST', `/v23.0/${WA.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: '16505551234', type: 'text', text: { body: 'x' } }, headers);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ type: 'OAuthException', code: 190 });
      expect(typeof res.body.error.message).toBe('string');
      expect(typeof res.body.error.fbtrace_id).toBe('string');
    }
  });

  it('validates required fields with Graph errors', async () => {
    const noProduct = await pair.call('POST', `/v23.0/${WA.phoneNumberId}/messages`, { to: '1', type: 'text', text: { body: 'x' } }, waBearer);
    expect(noProduct.status).toBe(400);
    expect(noProduct.body.error.code).toBe(100);
    const noBody = await pair.call('POST', `/v23.0/${WA.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: '16505551234', type: 'text', text: {} }, waBearer);
    expect(noBody.body.error).toMatchObject({ code: 100, error_data: { messaging_product: 'whatsapp' } });
    const badMedia = await pair.call('POST', `/v23.0/${WA.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: '16505551234', type: 'image', image: { id: '999' } }, waBearer);
    expect(badMedia.body.error.code).toBe(131009);
    const otherNumber = await pair.call('POST', '/v23.0/42/messages', { messaging_product: 'whatsapp' }, waBearer);
    expect(otherNumber.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('uploads media, looks it up, and downloads it only with the bearer token', async () => {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', 'application/pdf');
    form.append('file', new Blob([Buffer.from('%PDF-1.4 test')], { type: 'application/pdf' }), 'invoice.pdf');
    const up = await pair.call('POST', `/v23.0/${WA.phoneNumberId}/media`, form, waBearer);
    expect(up.status).toBe(200);
    expect(up.body.id).toMatch(/^\d+$/);
    const info = await pair.call('GET', `/v23.0/${up.body.id}?phone_number_id=${WA.phoneNumberId}`, undefined, waBearer);
    expect(info.body).toMatchObject({ messaging_product: 'whatsapp', mime_type: 'application/pdf', file_size: '13', id: up.body.id });
    expect(info.body.sha256).toBe(Buffer.from(await crypto.subtle.digest('SHA-256', Buffer.from('%PDF-1.4 test'))).toString('base64'));
    const withBearer = await fetch(info.body.url, { headers: waBearer });
    expect(withBearer.status).toBe(200);
    expect(Buffer.from(await withBearer.arrayBuffer()).toString()).toBe('%PDF-1.4 test');
    const without = await fetch(info.body.url);
    expect(without.status).toBe(401);
    expect(without.headers.get('content-type')).toContain('text/html');
    const noToken = await pair.call('GET', `/v23.0/${up.body.id}`);
    expect(noToken.status).toBe(401);
    // the uploaded id can be sent
    const send = await pair.call('POST', `/v23.0/${WA.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: '16505551234', type: 'document', document: { id: up.body.id, filename: 'invoice.pdf' } }, waBearer);
    expect(send.status).toBe(200);
  });

  it('lets a media URL expire after 5 minutes on the injected clock; a new lookup gives a fresh one', async () => {
    let now = Date.UTC(2026, 0, 1);
    const timed = await startPair({ now: () => now });
    try {
      await customerSends(timed, { channel: 'whatsapp', customer: '16505551234', kind: 'image' });
      const [hook] = await timed.parley.waitFor((r) => r.path === '/webhooks/whatsapp');
      expect(waValue(hook!).messages[0].timestamp).toBe(String(now / 1000));
      const mediaId = waValue(hook!).messages[0].image.id;
      const first = await timed.call('GET', `/v23.0/${mediaId}`, undefined, waBearer);
      now += 5 * 60_000 + 1000;
      expect((await fetch(first.body.url, { headers: waBearer })).status).toBe(404);
      const again = await timed.call('GET', `/v23.0/${mediaId}`, undefined, waBearer);
      expect((await fetch(again.body.url, { headers: waBearer })).status).toBe(200);
    } finally {
      await timed.close();
    }
  });

  it('sends a customer image as an id Parley can fetch through GET /{media-id}', async () => {
    await customerSends(pair, { channel: 'whatsapp', customer: '16505551234', kind: 'image', caption: 'the label' });
    const [hook] = await pair.parley.waitFor((r) => r.path === '/webhooks/whatsapp');
    const image = waValue(hook!).messages[0].image;
    expect(image).toMatchObject({ mime_type: 'image/png', caption: 'the label' });
    const info = await pair.call('GET', `/v23.0/${image.id}`, undefined, waBearer);
    expect(info.body.sha256).toBe(image.sha256);
    expect((await fetch(info.body.url, { headers: waBearer })).status).toBe(200);

    // The failure switches cover the media lookup too: an outage or a rate limit is not only on sends.
    await pair.call('PUT', '/_sim/failures/whatsapp', { outage: 'error' });
    expect((await pair.call('GET', `/v23.0/${image.id}`, undefined, waBearer)).status).toBe(500);
    await pair.call('PUT', '/_sim/failures/whatsapp', { outage: 'off', rateLimit: true });
    expect((await pair.call('GET', `/v23.0/${image.id}`, undefined, waBearer)).status).toBe(429);
  });

  it('plays 131047 both ways: a failed status webhook, or a synchronous error; templates still pass', async () => {
    await pair.call('PUT', '/_sim/failures/whatsapp', { window: 'status' });
    const accepted = await sendText();
    expect(accepted.status).toBe(200);
    const [failed] = await pair.parley.waitFor(statusesOf(accepted.body.messages[0].id));
    expect(waValue(failed!).statuses[0]).toMatchObject({ status: 'failed', errors: [{ code: 131047, title: 'Re-engagement message', error_data: { details: expect.stringContaining('24 hours') } }] });

    await pair.call('PUT', '/_sim/failures/whatsapp', { window: 'sync' });
    const refused = await sendText();
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 131047, error_data: { messaging_product: 'whatsapp' } });

    const template = await pair.call('POST', `/v23.0/${WA.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: '16505551234', type: 'template', template: { name: 'order_followup', language: { code: 'en_US' } } }, waBearer);
    expect(template.status).toBe(200);
    expect(template.body.messages[0].message_status).toBe('accepted');
  });

  it('plays a rate limit (429, code 130429) and an outage (500, then a connection held open)', async () => {
    await pair.call('PUT', '/_sim/failures/whatsapp', { rateLimit: true });
    const limited = await sendText();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe(130429);
    await pair.call('PUT', '/_sim/failures/whatsapp', { rateLimit: false, outage: 'error' });
    const down = await sendText();
    expect(down.status).toBe(500);
    expect(down.body.error).toMatchObject({ is_transient: true });
    await pair.call('PUT', '/_sim/failures/whatsapp', { outage: 'hang' });
    const hung = fetch(`${pair.sim.url}/v23.0/${WA.phoneNumberId}/messages`, { method: 'POST', headers: { ...waBearer, 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(300) });
    await expect(hung).rejects.toThrow();
    const bad = await pair.call('PUT', '/_sim/failures/whatsapp', { outage: 'sometimes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
  });

  it('retries a webhook Parley answered 500, and a duplicate ("send again") is deduped on the wamid', async () => {
    pair.parley.failNext = 2;
    const sent = await customerSends(pair, { channel: 'whatsapp', customer: '16505551234', kind: 'text', text: 'anyone?' });
    expect(sent.webhook.outcome).toBe('delivered');
    expect(sent.webhook.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    const again = await pair.call('POST', '/_sim/replay?wait=1', { channel: 'whatsapp' });
    expect(again.body.outcome).toBe('delivered');
    const copies = pair.parley.received.filter((r) => r.path === '/webhooks/whatsapp');
    expect(copies).toHaveLength(4);
    expect(new Set(copies.map((c) => c.raw.toString())).size).toBe(1);
    expect(copies.every((c) => c.signatureOk)).toBe(true);
    expect(pair.parley.processed).toEqual([sent.id]);
  });
});
