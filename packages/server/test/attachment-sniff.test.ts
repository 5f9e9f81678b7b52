import { describe, expect, it } from 'vitest';
import { sniffContentType } from '../src/app/file-store/sniff';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n');
const ok = (mimeType: string) => ({ ok: true, mimeType });

describe('content type from the bytes', () => {
  it('knows binary formats by their signature, whatever was declared', async () => {
    expect(await sniffContentType(PNG, 'image/png')).toEqual(ok('image/png'));
    expect(await sniffContentType(PNG, 'application/octet-stream')).toEqual(ok('image/png'));
    expect(await sniffContentType(JPEG, 'image/png')).toEqual(ok('image/jpeg'));
    expect(await sniffContentType(PDF, 'text/plain')).toEqual(ok('application/pdf'));
  });

  it('refuses HTML, SVG and script bytes under an image name or type', async () => {
    for (const bytes of [
      '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>',
      '  <html><p>hi</p></html>',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
      '<?xml version="1.0"?><svg/>',
      'hello\n<script src="https://evil.example/x.js"></script>',
    ]) {
      const got = await sniffContentType(Buffer.from(bytes), 'image/png');
      expect(got.ok, bytes).toBe(false);
      expect(got).toMatchObject({ message: expect.stringMatching(/HTML, SVG or script/) });
    }
  });

  it('takes plain UTF-8 text as text (CSV when declared so), never as the declared binary type', async () => {
    expect(await sniffContentType(Buffer.from('Order 1234: 2 × café ☕\n'), 'image/png')).toEqual(ok('text/plain'));
    expect(await sniffContentType(Buffer.from('a,b\n1,2\n'), 'text/csv')).toEqual(ok('text/csv'));
    expect(await sniffContentType(Buffer.from('1 < 2 and 3 > 2'), 'text/plain')).toEqual(ok('text/plain'));
  });

  it('refuses bytes of no accepted type', async () => {
    expect((await sniffContentType(Buffer.from([0, 1, 2, 3, 0xfe, 0xff, 0, 9]), 'image/png')).ok).toBe(false);
    // An executable, declared as a PDF.
    expect(await sniffContentType(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'application/pdf')).toMatchObject({ ok: false });
  });

  it('keeps a received mail as received only when the server says it is one', async () => {
    const mail = Buffer.from('From: a@example.test\r\nContent-Type: text/html\r\n\r\n<html><body>Hi</body></html>\r\n');
    expect(await sniffContentType(mail, 'message/rfc822', { mailOriginal: true })).toEqual(ok('message/rfc822'));
    expect((await sniffContentType(mail, 'message/rfc822')).ok).toBe(false);
  });
});
