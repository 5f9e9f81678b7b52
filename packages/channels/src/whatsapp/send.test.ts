import { describe, expect, it } from 'vitest';
import type { ProviderRequest } from '../pipeline/http';
import type { OutboundMessage, SendPlan } from '../pipeline/outbound';
import type { WhatsAppConfig } from './config';
import { buildWhatsAppMarkRead, interpretWhatsAppAck, interpretWhatsAppSendResponse, mediaKind, planWhatsAppSend } from './send';

const cfg: WhatsAppConfig = { apiVersion: 'v23.0', phoneNumberId: '106540352242922', accessToken: 'EAAG-secret' };
const base: OutboundMessage = { messageId: 'msg_1', to: '16505551234' };
const requests = (plan: SendPlan): ProviderRequest[] => {
  if (!plan.ok) throw new Error(plan.reason);
  return plan.requests;
};
const bodies = (plan: SendPlan) => requests(plan).map((r) => JSON.parse(r.body ?? ''));

describe('planWhatsAppSend (wire-formats §2.4)', () => {
  it('posts JSON with the bearer token to {base}/{version}/{phone_number_id}/messages', () => {
    const [req] = requests(planWhatsAppSend(cfg, { ...base, text: 'hi' }));
    expect(req).toMatchObject({
      method: 'POST',
      url: 'https://graph.facebook.com/v23.0/106540352242922/messages',
      headers: { authorization: 'Bearer EAAG-secret', 'content-type': 'application/json' },
    });
    expect(requests(planWhatsAppSend({ ...cfg, graphBaseUrl: 'http://127.0.0.1:4010/' }, { ...base, text: 'hi' }))[0]?.url).toBe(
      'http://127.0.0.1:4010/v23.0/106540352242922/messages',
    );
  });

  it('builds a text reply with context and a link preview when the text has a URL', () => {
    expect(bodies(planWhatsAppSend(cfg, { ...base, text: 'tracking: https://track.example.test/1042', replyToProviderId: 'wamid.IN1' }))).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '16505551234',
        type: 'text',
        text: { body: 'tracking: https://track.example.test/1042', preview_url: true },
        context: { message_id: 'wamid.IN1' },
        biz_opaque_callback_data: 'msg_1',
      },
    ]);
    expect(bodies(planWhatsAppSend(cfg, { ...base, text: 'no link', linkPreview: false }))[0].text).toEqual({ body: 'no link', preview_url: false });
  });

  it('sends media by link or id, the text as the first caption, a filename on documents', () => {
    const plan = planWhatsAppSend(cfg, {
      ...base,
      text: 'Your invoice',
      replyToProviderId: 'wamid.Q',
      media: [
        { url: 'https://files.example.test/invoice-1042.pdf', mimeType: 'application/pdf', filename: 'invoice-1042.pdf' },
        { providerMediaId: '4490709327384033', mimeType: 'image/jpeg' },
      ],
    });
    expect(bodies(plan)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '16505551234',
        type: 'document',
        document: { link: 'https://files.example.test/invoice-1042.pdf', caption: 'Your invoice', filename: 'invoice-1042.pdf' },
        context: { message_id: 'wamid.Q' },
        biz_opaque_callback_data: 'msg_1',
      },
      { messaging_product: 'whatsapp', recipient_type: 'individual', to: '16505551234', type: 'image', image: { id: '4490709327384033' }, biz_opaque_callback_data: 'msg_1' },
    ]);
  });

  it('sends the text on its own when the first media takes no caption (audio) or it is over 1024 characters', () => {
    const audio = bodies(planWhatsAppSend(cfg, { ...base, text: 'listen', media: [{ url: 'https://x.test/a.ogg', mimeType: 'audio/ogg' }] }));
    expect(audio.map((b) => b.type)).toEqual(['text', 'audio']);
    expect(audio[1].audio).toEqual({ link: 'https://x.test/a.ogg' });
    const long = bodies(planWhatsAppSend(cfg, { ...base, text: 'x'.repeat(1025), media: [{ url: 'https://x.test/a.png', mimeType: 'image/png' }] }));
    expect(long.map((b) => b.type)).toEqual(['text', 'image']);
    expect(long[1].image.caption).toBeUndefined();
  });

  it('sends a template alone, with language policy and components', () => {
    const components = [{ type: 'body', parameters: [{ type: 'text', text: 'Ann' }] }];
    expect(bodies(planWhatsAppSend(cfg, { ...base, text: 'ignored', template: { name: 'order_followup', language: 'en_US', components } }))).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '16505551234',
        type: 'template',
        template: { name: 'order_followup', language: { code: 'en_US', policy: 'deterministic' }, components },
        biz_opaque_callback_data: 'msg_1',
      },
    ]);
  });

  it('addresses a BSUID (or parent BSUID) with `recipient` instead of `to`', () => {
    const [bsuid] = bodies(planWhatsAppSend(cfg, { ...base, to: 'US.13491208655302741918', text: 'hi' }));
    expect(bsuid).toMatchObject({ recipient: 'US.13491208655302741918', type: 'text' });
    expect(bsuid).not.toHaveProperty('to');
    expect(bodies(planWhatsAppSend(cfg, { ...base, to: 'US.ENT.11815799212886844830', text: 'hi' }))[0]).toMatchObject({ recipient: 'US.ENT.11815799212886844830' });
    expect(bodies(planWhatsAppSend(cfg, { ...base, to: '+16505551234', text: 'hi' }))[0]).toMatchObject({ to: '+16505551234' });
  });

  it('refuses what cannot be sent, permanently', () => {
    expect(planWhatsAppSend(cfg, base)).toMatchObject({ ok: false, retryable: false, code: 'invalid_request' });
    expect(planWhatsAppSend(cfg, { ...base, to: '', text: 'x' })).toMatchObject({ ok: false, code: 'invalid_request' });
    expect(planWhatsAppSend(cfg, { ...base, text: '😀'.repeat(4097) })).toMatchObject({ ok: false, reason: expect.stringContaining('4096') });
    expect(planWhatsAppSend(cfg, { ...base, media: [{ mimeType: 'image/png' }] })).toMatchObject({ ok: false, code: 'invalid_request' });
  });

  it('accepts exactly 4096 characters, counted in code points', () => {
    expect(planWhatsAppSend(cfg, { ...base, text: '😀'.repeat(4096) }).ok).toBe(true);
  });

  it('maps MIME types to what WhatsApp accepts', () => {
    expect(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'video/mp4', 'video/quicktime', 'audio/mpeg', 'application/zip'].map(mediaKind)).toEqual([
      'image',
      'image',
      'sticker',
      'document',
      'video',
      'document',
      'audio',
      'document',
    ]);
  });
});

describe('buildWhatsAppMarkRead (§2.5)', () => {
  it('marks read, optionally with the typing indicator', () => {
    const req = buildWhatsAppMarkRead(cfg, 'wamid.IN1', { typing: true });
    expect(req.url).toBe('https://graph.facebook.com/v23.0/106540352242922/messages');
    expect(JSON.parse(req.body ?? '')).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1', typing_indicator: { type: 'text' } });
    expect(JSON.parse(buildWhatsAppMarkRead(cfg, 'w').body ?? '')).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'w' });
  });
});

describe('interpretWhatsAppSendResponse', () => {
  it('takes the wamid from messages[0].id', () => {
    const body = JSON.stringify({
      messaging_product: 'whatsapp',
      contacts: [{ input: '16505551234', wa_id: '16505551234' }],
      messages: [{ id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA', message_status: 'accepted' }],
    });
    expect(interpretWhatsAppSendResponse({ status: 200, body })).toEqual({ ok: true, providerId: 'wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA' });
  });

  it('maps the documented error envelope', () => {
    const body = JSON.stringify({
      error: { message: '(#131009) Parameter value is not valid', type: 'OAuthException', code: 131009, error_data: { messaging_product: 'whatsapp', details: 'bad to' }, fbtrace_id: 'AXsgnV2Cm3ZMGF3dF_cfYIn' },
    });
    expect(interpretWhatsAppSendResponse({ status: 400, body })).toEqual({
      ok: false,
      retryable: false,
      code: 'invalid_request',
      reason: '(#131009) Parameter value is not valid: bad to',
      providerCode: '131009',
      traceId: 'AXsgnV2Cm3ZMGF3dF_cfYIn',
    });
  });

  it('retries throughput limits after Retry-After, and 5xx', () => {
    const body = JSON.stringify({ error: { code: 130429, message: 'Rate limit hit' } });
    expect(interpretWhatsAppSendResponse({ status: 400, headers: { 'retry-after': '2' }, body })).toMatchObject({ ok: false, retryable: true, code: 'rate_limited', retryAfterMs: 2000 });
    expect(interpretWhatsAppSendResponse({ status: 502, body: '' })).toMatchObject({ ok: false, retryable: true, code: 'transient' });
  });

  it('reads the mark-as-read acknowledgement', () => {
    expect(interpretWhatsAppAck({ status: 200, body: '{"success":true}' })).toEqual({ ok: true });
    expect(interpretWhatsAppAck({ status: 200, body: '{}' })).toMatchObject({ ok: false, retryable: false });
    expect(interpretWhatsAppAck({ status: 400, body: JSON.stringify({ error: { code: 100 } }) })).toMatchObject({ ok: false, code: 'invalid_request' });
  });
});
