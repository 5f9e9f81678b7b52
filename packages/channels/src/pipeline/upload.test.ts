import { describe, expect, it } from 'vitest';
import { buildMessengerAttachmentUpload, interpretMessengerUploadResponse } from '../messenger/upload';
import { buildWhatsAppMediaUpload, interpretWhatsAppUploadResponse } from '../whatsapp/upload';
import { redactRequest, toFetchInit } from './http';

const file = { bytes: new TextEncoder().encode('%PDF-1.7 fake'), mimeType: 'application/pdf', filename: 'invoice-1042.pdf' };

/** What a server would receive: FormData encoded by the platform's Request, read back. */
async function received(init: RequestInit): Promise<FormData> {
  return new Request('http://upload.test/', init).formData();
}

describe('media uploads for files without a public URL', () => {
  it('WhatsApp: POST /{phone_number_id}/media with messaging_product, type and file (§2.6)', async () => {
    const req = buildWhatsAppMediaUpload({ apiVersion: 'v23.0', phoneNumberId: '106540352242922', accessToken: 'tok' }, file);
    expect(req).toMatchObject({ method: 'POST', url: 'https://graph.facebook.com/v23.0/106540352242922/media', headers: { authorization: 'Bearer tok' } });
    const form = await received(toFetchInit(req));
    expect(form.get('messaging_product')).toBe('whatsapp');
    expect(form.get('type')).toBe('application/pdf');
    const sent = form.get('file') as File;
    expect([sent.name, sent.type, await sent.text()]).toEqual(['invoice-1042.pdf', 'application/pdf', '%PDF-1.7 fake']);
  });

  it('Messenger: POST /{page}/message_attachments with the message JSON and filedata', async () => {
    const req = buildMessengerAttachmentUpload({ apiVersion: 'v23.0', pageId: '1234567890', pageAccessToken: 'page-tok' }, file);
    expect(req.url).toBe('https://graph.facebook.com/v23.0/1234567890/message_attachments');
    const form = await received(toFetchInit(req));
    expect(JSON.parse(String(form.get('message')))).toEqual({ attachment: { type: 'file', payload: { is_reusable: true } } });
    expect(((form.get('filedata') as File).name)).toBe('invoice-1042.pdf');
  });

  it('reads the returned ids and maps failures', () => {
    expect(interpretWhatsAppUploadResponse({ status: 200, body: '{"id":"4490709327384033"}' })).toEqual({ ok: true, providerMediaId: '4490709327384033' });
    expect(interpretMessengerUploadResponse({ status: 200, body: '{"attachment_id":"1857777774821032"}' })).toEqual({ ok: true, providerMediaId: '1857777774821032' });
    expect(interpretWhatsAppUploadResponse({ status: 400, body: '{"error":{"code":131053,"message":"Media upload error"}}' })).toMatchObject({ ok: false, code: 'media', retryable: true });
    expect(interpretMessengerUploadResponse({ status: 200, body: '{}' })).toMatchObject({ ok: false, retryable: false });
  });

  it('logs neither the token nor the file bytes', () => {
    const req = buildWhatsAppMediaUpload({ apiVersion: 'v23.0', phoneNumberId: '1', accessToken: 'tok' }, file);
    const logged = JSON.stringify(redactRequest(req));
    expect(logged).not.toContain('tok');
    expect(logged).not.toContain('PDF-1.7');
    expect(logged).toContain('[13 bytes application/pdf invoice-1042.pdf]');
  });

  it('passes text bodies through unchanged', () => {
    expect(toFetchInit({ method: 'POST', url: 'http://x.test', headers: { a: 'b' }, body: '{}' })).toEqual({ method: 'POST', headers: { a: 'b' }, body: '{}' });
  });
});
