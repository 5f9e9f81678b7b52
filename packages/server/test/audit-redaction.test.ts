/** recordAudit's redaction, whatever a caller passes: no secret value, no password hash, ever. */
import { expect, it } from 'vitest';
import { redactForAudit } from '../src/app/admin/audit';

it('masks sealed values, secret-named fields and the channel secrets of settings; drops password hashes; keeps masked views and secretsChanged', () => {
  const input = {
    id: 'x',
    password: 'plain-password',
    passwordHash: 'scrypt$16384$8$1$salt$hash',
    secret: { env: 'CRM_SECRET' },
    shown: { set: true, source: 'file:/run/token' },
    channel: 'whatsapp',
    settings: { phoneNumberId: '2002', accessToken: 'EAAG-plain', nested: { encrypted: 'v1.a.b.c' } },
    deep: [{ appSecret: 'app-secret-plain' }],
    secretsChanged: ['password', 'settings.accessToken'],
  };
  expect(redactForAudit(input)).toEqual({
    id: 'x',
    password: { set: true, source: 'literal' },
    secret: { set: true, source: 'env:CRM_SECRET' },
    shown: { set: true, source: 'file:/run/token' },
    channel: 'whatsapp',
    settings: { phoneNumberId: '2002', accessToken: { set: true, source: 'literal' }, nested: { set: true, source: 'literal' } },
    deep: [{ appSecret: { set: true, source: 'literal' } }],
    secretsChanged: ['password', 'settings.accessToken'],
  });
  expect(JSON.stringify(redactForAudit(input))).not.toMatch(/plain|scrypt|v1\.a/);
  expect(redactForAudit(null)).toBeNull();
  expect(redactForAudit(undefined)).toBeUndefined();
});
