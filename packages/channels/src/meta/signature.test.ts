import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metaSignatureHeader, verifyMetaSignature } from './signature';

const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const raw = (url: URL): Buffer => readFileSync(url);
const messengerBody = raw(new URL('./fixtures/messenger-signed.body.txt', import.meta.url));
const whatsappBody = raw(new URL('../whatsapp/fixtures/signed-text.body.txt', import.meta.url));
const MESSENGER_SIG = 'sha256=d6b2b71beaabcaf1ce7f8ca842a3f9a527335f3e84f18a01e2afd68db161f630';
const WHATSAPP_SIG = 'sha256=da55b980be821c648efac9cf7fb4b6f4f44c4897b0144531674433749dcd1fa3';

describe('verifyMetaSignature (wire-formats §1.3, §2.3 vectors)', () => {
  it('accepts the Messenger vector over the raw escaped-Unicode bytes (239 bytes)', () => {
    expect(messengerBody.length).toBe(239);
    expect(verifyMetaSignature(messengerBody, MESSENGER_SIG, SECRET)).toBe(true);
    expect(verifyMetaSignature(messengerBody.toString('utf8'), MESSENGER_SIG, SECRET)).toBe(true);
  });

  it('accepts the WhatsApp vector', () => {
    expect(verifyMetaSignature(whatsappBody, WHATSAPP_SIG, SECRET)).toBe(true);
  });

  it('rejects the re-serialised body (é as a literal character), whose signature differs', () => {
    const reserialised = JSON.stringify(JSON.parse(messengerBody.toString('utf8')));
    expect(metaSignatureHeader(reserialised, SECRET)).toBe('sha256=a6161b3ee8115c20b97f3209db1a43d0fc95e8b8f98475b6fa519d147fcc52c1');
    expect(verifyMetaSignature(reserialised, MESSENGER_SIG, SECRET)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['legacy sha1 header', 'sha1=0123456789abcdef0123456789abcdef01234567'],
    ['no prefix', MESSENGER_SIG.slice(7)],
    ['truncated digest', MESSENGER_SIG.slice(0, -2)],
    ['too long', `${MESSENGER_SIG}00`],
    ['not hex', `sha256=${'z'.repeat(64)}`],
    ['another body’s digest', WHATSAPP_SIG],
  ])('rejects a %s header', (_label, header) => {
    expect(verifyMetaSignature(messengerBody, header, SECRET)).toBe(false);
  });

  it('rejects a wrong or empty secret and a one-byte change to the body', () => {
    expect(verifyMetaSignature(messengerBody, MESSENGER_SIG, 'another-secret')).toBe(false);
    expect(verifyMetaSignature(messengerBody, MESSENGER_SIG, '')).toBe(false);
    const tampered = Buffer.from(messengerBody);
    tampered.writeUInt8(tampered.readUInt8(200) ^ 1, 200);
    expect(verifyMetaSignature(tampered, MESSENGER_SIG, SECRET)).toBe(false);
  });

  it('verifies an escaped-Unicode WhatsApp body (emoji as surrogate escapes) over its raw bytes (openssl-computed)', () => {
    const escaped = raw(new URL('../whatsapp/fixtures/escaped-unicode.body.txt', import.meta.url));
    const header = 'sha256=45f882968e5bbd6d0e4e97a23695710f97c434980284e0fb6dbb639bb475210e';
    expect(verifyMetaSignature(escaped, header, SECRET)).toBe(true);
    expect(verifyMetaSignature(JSON.stringify(JSON.parse(escaped.toString('utf8'))), header, SECRET)).toBe(false);
  });

  it('round-trips with metaSignatureHeader', () => {
    expect(metaSignatureHeader(messengerBody, SECRET)).toBe(MESSENGER_SIG);
  });
});
