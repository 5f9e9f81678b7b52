import { Type, type Static } from '@sinclair/typebox';
import { secret } from '../settings/secret';

const Host = Type.String({ minLength: 1, pattern: '^[^\\s/]+$', description: 'host name or IP address' });
const Port = Type.Integer({ minimum: 1, maximum: 65535 });

/**
 * One mailbox (an email entry point's `settings`, ADR 0003). Flat, so the registry finds the secrets;
 * IMAP fields are needed only for `inbound: imap`, relay credentials and DKIM only when used.
 */
export const EmailSettings = Type.Object(
  {
    address: Type.String({ pattern: '^[^\\s@<>]+@[^\\s@<>]+\\.[^\\s@<>]+$', description: 'the mailbox address' }),
    inbound: Type.Union([Type.Literal('smtp'), Type.Literal('imap')], { description: "smtp (Parley's listener) or imap" }),
    imapHost: Type.Optional(Host),
    imapPort: Type.Optional(Port),
    imapSecure: Type.Optional(Type.Boolean()),
    imapUser: Type.Optional(Type.String({ minLength: 1 })),
    imapPassword: Type.Optional(secret('IMAP password')),
    imapMailbox: Type.Optional(Type.String({ minLength: 1 })),
    smtpHost: Host,
    smtpPort: Port,
    smtpSecure: Type.Optional(Type.Boolean()),
    smtpUser: Type.Optional(Type.String({ minLength: 1 })),
    smtpPassword: Type.Optional(secret('SMTP relay password')),
    dkimDomain: Type.Optional(Host),
    dkimSelector: Type.Optional(Type.String({ minLength: 1 })),
    dkimPrivateKey: Type.Optional(secret('DKIM private key (PEM)')),
  },
  { additionalProperties: false },
);
export type EmailSettings = Static<typeof EmailSettings>;

/** Checks the schema can't express: IMAP needs its server and login; DKIM is all three fields or none. */
export function emailSettingsProblems(s: EmailSettings): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (s.inbound === 'imap') {
    for (const f of ['imapHost', 'imapUser', 'imapPassword'] as const) {
      if (s[f] === undefined) problems.push({ path: `/${f}`, message: 'required when inbound is imap' });
    }
  }
  const dkim = [s.dkimDomain, s.dkimSelector, s.dkimPrivateKey].filter((v) => v !== undefined).length;
  if (dkim !== 0 && dkim !== 3) problems.push({ path: '/dkimDomain', message: 'DKIM needs dkimDomain, dkimSelector and dkimPrivateKey together' });
  if (s.smtpUser !== undefined && s.smtpPassword === undefined) problems.push({ path: '/smtpPassword', message: 'required with smtpUser' });
  return problems;
}
