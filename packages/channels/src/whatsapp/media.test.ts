import { describe, expect, it } from 'vitest';
import type { WhatsAppConfig } from './config';
import { buildMediaDownloadRequest, buildMediaInfoRequest, parseMediaInfoResponse } from './media';

const cfg: WhatsAppConfig = { apiVersion: 'v23.0', phoneNumberId: '106540352242922', accessToken: 'EAAG-secret' };

describe('WhatsApp media download, two steps (wire-formats §2.6)', () => {
  it('step 1 asks Graph for the media url, scoped to our number, with the bearer token', () => {
    expect(buildMediaInfoRequest(cfg, '1003383421387256')).toEqual({
      method: 'GET',
      url: 'https://graph.facebook.com/v23.0/1003383421387256?phone_number_id=106540352242922',
      headers: { authorization: 'Bearer EAAG-secret' },
    });
  });

  it('parses the lookup answer (file_size is a string)', () => {
    const body = JSON.stringify({
      messaging_product: 'whatsapp',
      url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256&ext=1',
      mime_type: 'image/jpeg',
      sha256: 'abc=',
      file_size: '303833',
      id: '1003383421387256',
    });
    expect(parseMediaInfoResponse({ status: 200, body })).toEqual({
      ok: true,
      url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256&ext=1',
      mimeType: 'image/jpeg',
      sha256: 'abc=',
      fileSize: 303833,
    });
  });

  it('maps lookup failures through the Graph error table', () => {
    expect(parseMediaInfoResponse({ status: 400, body: JSON.stringify({ error: { code: 131052, message: 'Media download error' } }) })).toMatchObject({
      ok: false,
      code: 'media',
      retryable: true,
    });
    expect(parseMediaInfoResponse({ status: 200, body: '{}' })).toMatchObject({ ok: false, code: 'media', retryable: false });
  });

  it('step 2 fetches the url with the same bearer token', () => {
    expect(buildMediaDownloadRequest(cfg, 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1')).toEqual({
      method: 'GET',
      url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1',
      headers: { authorization: 'Bearer EAAG-secret', 'user-agent': 'Parley/1.0' },
    });
  });

  it('never sends the token to a plain-HTTP host other than the configured Graph base', () => {
    expect(buildMediaDownloadRequest(cfg, 'http://evil.example.test/x')).toMatchObject({ ok: false, code: 'media' });
    expect(buildMediaDownloadRequest(cfg, 'not a url')).toMatchObject({ ok: false });
    const local = { ...cfg, graphBaseUrl: 'http://127.0.0.1:4010' };
    expect(buildMediaDownloadRequest(local, 'http://127.0.0.1:4010/media/1')).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:4010/media/1' });
  });
});
