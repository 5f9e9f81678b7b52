import { describe, expect, it } from 'vitest';
import { safeAttachmentFilename } from './filename';
import { parsedFixture } from './test-support';

describe('safeAttachmentFilename', () => {
  it.each([
    ['receipt.pdf', 'receipt.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Windows\\boot.ini', 'boot.ini'],
    ['in\u0000voice\r\n.pdf', 'invoice.pdf'],
    ['a<b>c:"d"|e?f*.txt', 'abcdef.txt'],
    ['  ..hidden.  ', 'hidden'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['发票 2026.pdf', '发票 2026.pdf'],
  ])('%j → %j', (name, safe) => {
    expect(safeAttachmentFilename(name, 'application/octet-stream', 0)).toBe(safe);
  });

  it('names a nameless part by position and type', () => {
    expect(safeAttachmentFilename('', 'image/png', 0)).toBe('attachment-1.png');
    expect(safeAttachmentFilename('../', 'application/x-unknown', 2)).toBe('attachment-3');
  });

  it('cuts long names to 150 characters, keeping the extension and whole characters', () => {
    const safe = safeAttachmentFilename(`${'é'.repeat(300)}.pdf`, 'application/pdf', 0);
    expect([...safe]).toHaveLength(150);
    expect(safe.endsWith('é.pdf')).toBe(true);
  });

  it('is on every parsed attachment next to the name as sent', async () => {
    const m = await parsedFixture('rfc2047-headers.eml');
    expect(m.attachments[0]).toMatchObject({ filename: 'Beschädigung <img src=x>.jpg', safeFilename: 'Beschädigung img src=x.jpg' });
    const dsn = await parsedFixture('dsn-bounce.eml');
    expect(dsn.attachments.map((a) => a.safeFilename)).toEqual(['attachment-1.txt', 'attachment-2.txt']);
  });
});
