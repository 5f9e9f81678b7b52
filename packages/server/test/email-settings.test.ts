/** Email entry point settings: validated per ADR 0003; optional secrets left unset stay unset when resolved. */
import { expect, it } from 'vitest';
import { CHANNEL_SETTINGS, settingsProblems } from '@parley/channels';
import { SecretBox } from '../src/app/entry-points/secret-box';
import { resolveSettings, SecretUnavailableError } from '../src/app/entry-points/stored-settings';

const box = new SecretBox(Buffer.from('server-secret'));
const smtpOnly = { address: 'support@shop.example', inbound: 'smtp', smtpHost: 'relay.shop.example', smtpPort: 587 };

it('registers email with the address as provider key and address field, and its three optional secrets', () => {
  expect(CHANNEL_SETTINGS.email).toMatchObject({
    providerKey: 'address',
    addressField: 'address',
    secrets: ['imapPassword', 'smtpPassword', 'dkimPrivateKey'],
    optionalSecrets: ['imapPassword', 'smtpPassword', 'dkimPrivateKey'],
  });
  expect(CHANNEL_SETTINGS.sms?.optionalSecrets).toEqual([]);
});

it('validates: an smtp mailbox needs no secret; imap needs its login; DKIM is all or nothing', () => {
  expect(settingsProblems('email', smtpOnly)).toEqual([]);
  expect(settingsProblems('email', { ...smtpOnly, address: 'not an address' }).map((p) => p.path)).toEqual(['/address']);
  expect(settingsProblems('email', { ...smtpOnly, inbound: 'imap', imapHost: 'imap.shop.example' })).toEqual([
    { path: '/imapUser', message: 'required when inbound is imap' },
    { path: '/imapPassword', message: 'required when inbound is imap' },
  ]);
  expect(settingsProblems('email', { ...smtpOnly, inbound: 'imap', imapHost: 'h', imapUser: 'u' }, ['imapPassword'])).toEqual([]);
  expect(settingsProblems('email', { ...smtpOnly, dkimDomain: 'shop.example' }).map((p) => p.path)).toEqual(['/dkimDomain']);
  expect(settingsProblems('email', { ...smtpOnly, smtpUser: 'u' }).map((p) => p.path)).toEqual(['/smtpPassword']);
});

it('resolveSettings skips optional secrets that are not set and resolves those that are', () => {
  expect(resolveSettings('email', smtpOnly, box, {}, 'entry point "mail"')).toEqual(smtpOnly);
  const stored = { ...smtpOnly, smtpUser: 'u', smtpPassword: box.seal('relay-pass'), dkimPrivateKey: { env: 'DKIM_KEY' } };
  expect(resolveSettings('email', stored, box, { DKIM_KEY: 'pem' }, 'x')).toEqual({ ...smtpOnly, smtpUser: 'u', smtpPassword: 'relay-pass', dkimPrivateKey: 'pem' });
  expect(() => resolveSettings('email', stored, box, {}, 'x')).toThrow(SecretUnavailableError);
});

it('a required secret that is missing is still an error', () => {
  expect(() => resolveSettings('sms', { number: '+15550002222' }, box, {}, 'x')).toThrow(SecretUnavailableError);
});
