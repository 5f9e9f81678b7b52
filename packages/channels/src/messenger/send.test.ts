import { describe, expect, it } from 'vitest';
import type { ProviderRequest } from '../pipeline/http';
import type { OutboundMessage, SendPlan } from '../pipeline/outbound';
import type { MessengerConfig } from './config';
import { attachmentType, buildMessengerSenderAction, interpretMessengerAck, interpretMessengerSendResponse, planMessengerSend } from './send';

const cfg: MessengerConfig = { apiVersion: 'v23.0', pageId: '1234567890', pageAccessToken: 'EAAB-page-secret' };
const base: OutboundMessage = { messageId: 'ours:msg_8812', to: '24000000000000001' };
const requests = (plan: SendPlan): ProviderRequest[] => {
  if (!plan.ok) throw new Error(plan.reason);
  return plan.requests;
};
const bodies = (plan: SendPlan) => requests(plan).map((r) => JSON.parse(r.body ?? ''));
const graphError = (code: number, subcode?: number, status = 400) => ({
  status,
  body: JSON.stringify({ error: { message: `(#${code}) x`, type: 'OAuthException', code, error_subcode: subcode, fbtrace_id: 'AbCdEfGh123' } }),
});

describe('planMessengerSend (wire-formats §1.4)', () => {
  it('posts a RESPONSE text with our message id as metadata, page token as bearer', () => {
    const [req] = requests(planMessengerSend(cfg, { ...base, text: 'Hi Ann, your parcel left the warehouse.' }));
    expect(req).toMatchObject({
      method: 'POST',
      url: 'https://graph.facebook.com/v23.0/1234567890/messages',
      headers: { authorization: 'Bearer EAAB-page-secret', 'content-type': 'application/json' },
    });
    expect(req?.url).not.toContain('access_token');
    expect(JSON.parse(req?.body ?? '')).toEqual({
      recipient: { id: '24000000000000001' },
      messaging_type: 'RESPONSE',
      message: { text: 'Hi Ann, your parcel left the warehouse.', metadata: 'ours:msg_8812' },
    });
  });

  it('tags human-agent replies outside the window with MESSAGE_TAG + HUMAN_AGENT', () => {
    expect(bodies(planMessengerSend(cfg, { ...base, text: 'Sorry for the delay', humanAgentTag: true }))[0]).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });

  it('sends text first, then one call per attachment by URL or attachment id', () => {
    expect(
      bodies(
        planMessengerSend(cfg, {
          ...base,
          text: 'Your invoice',
          media: [
            { url: 'https://files.example.test/invoice-1042.pdf', mimeType: 'application/pdf' },
            { providerMediaId: '1857777774821032', mimeType: 'image/png' },
          ],
        }),
      ),
    ).toEqual([
      { recipient: { id: '24000000000000001' }, messaging_type: 'RESPONSE', message: { text: 'Your invoice', metadata: 'ours:msg_8812' } },
      {
        recipient: { id: '24000000000000001' },
        messaging_type: 'RESPONSE',
        message: { attachment: { type: 'file', payload: { url: 'https://files.example.test/invoice-1042.pdf', is_reusable: true } }, metadata: 'ours:msg_8812' },
      },
      {
        recipient: { id: '24000000000000001' },
        messaging_type: 'RESPONSE',
        message: { attachment: { type: 'image', payload: { attachment_id: '1857777774821032' } }, metadata: 'ours:msg_8812' },
      },
    ]);
  });

  it('refuses empty, over-long (2000 code points) and unaddressed messages', () => {
    expect(planMessengerSend(cfg, base)).toMatchObject({ ok: false, code: 'invalid_request', retryable: false });
    expect(planMessengerSend(cfg, { ...base, text: 'é'.repeat(2001) })).toMatchObject({ ok: false, reason: expect.stringContaining('2000') });
    expect(planMessengerSend(cfg, { ...base, text: '😀'.repeat(2000) }).ok).toBe(true);
    expect(planMessengerSend(cfg, { ...base, to: '', text: 'x' }).ok).toBe(false);
    expect(planMessengerSend(cfg, { ...base, media: [{ mimeType: 'image/png' }] }).ok).toBe(false);
  });

  it('maps MIME types to attachment types', () => {
    expect(['image/gif', 'video/mp4', 'audio/mpeg', 'application/pdf'].map(attachmentType)).toEqual(['image', 'video', 'audio', 'file']);
  });
});

describe('sender actions (§1.7)', () => {
  it.each(['typing_on', 'typing_off', 'mark_seen'] as const)('%s is a call with no message', (action) => {
    expect(JSON.parse(buildMessengerSenderAction(cfg, '24000000000000001', action).body ?? '')).toEqual({ recipient: { id: '24000000000000001' }, sender_action: action });
  });

  it('acknowledges 2xx, maps errors', () => {
    expect(interpretMessengerAck({ status: 200, body: '{"recipient_id":"24000000000000001"}' })).toEqual({ ok: true });
    expect(interpretMessengerAck(graphError(551, 1545041))).toMatchObject({ ok: false, code: 'recipient_unavailable' });
  });
});

describe('interpretMessengerSendResponse', () => {
  it('takes message_id on success', () => {
    expect(interpretMessengerSendResponse({ status: 200, body: '{"recipient_id":"24000000000000001","message_id":"m_Echo1"}' })).toEqual({ ok: true, providerId: 'm_Echo1' });
  });

  it.each([
    [10, 2018278, 'window_closed', false],
    [551, 1545041, 'recipient_unavailable', false],
    [100, 2018001, 'invalid_recipient', false],
    [190, 463, 'auth', false],
    [200, undefined, 'permission', false],
    [4, undefined, 'rate_limited', true],
    [613, undefined, 'rate_limited', true],
    [2, undefined, 'transient', true],
    [1200, undefined, 'transient', true],
  ] as const)('(#%i/%s) → %s, retryable %s', (code, subcode, expected, retryable) => {
    expect(interpretMessengerSendResponse(graphError(code, subcode))).toMatchObject({ ok: false, code: expected, retryable, traceId: 'AbCdEfGh123' });
  });

  it('keeps the documented window error readable', () => {
    const body = JSON.stringify({ error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278, fbtrace_id: 'AbCdEfGh123' } });
    expect(interpretMessengerSendResponse({ status: 400, body })).toEqual({
      ok: false,
      retryable: false,
      code: 'window_closed',
      reason: '(#10) This message is sent outside of allowed window.',
      providerCode: '10/2018278',
      traceId: 'AbCdEfGh123',
    });
  });

  it('retries 429 and 5xx, honouring Retry-After', () => {
    expect(interpretMessengerSendResponse({ status: 429, headers: { 'retry-after': '7' }, body: '' })).toMatchObject({ retryable: true, code: 'rate_limited', retryAfterMs: 7000 });
    expect(interpretMessengerSendResponse({ status: 500, body: '{"error":{"code":1,"message":"An unknown error occurred"}}' })).toMatchObject({ retryable: true, code: 'transient' });
  });
});
