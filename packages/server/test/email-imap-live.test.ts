/**
 * IMAP pollers follow the configuration without a restart: an `inbound: imap` entry point added
 * through the admin API gets its poller, a change of its IMAP settings restarts it on the new ones,
 * and switching it to SMTP stops it. Real Dovecot.
 */
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '@parley/testkit';
import { conversations, eventually } from './channel-harness';
import { dovecotInstalled, startDovecot, type Dovecot } from './email-dovecot';
import { BACKENDS, useServer } from './harness';

const MAILBOX = 'support@shop.example';

function mail(from: string, id: string): string {
  return `From: ${from}\r\nTo: ${MAILBOX}\r\nSubject: Where is my order\r\nMessage-ID: <${id}>\r\n\r\nHello\r\n`;
}

describe.skipIf(!dovecotInstalled)('IMAP pollers follow the admin API [sqlite]', () => {
  let dovecot: Dovecot;
  let mailbox: ImapFlow;

  beforeAll(async () => {
    dovecot = await startDovecot();
    mailbox = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.pass }, logger: false });
    await mailbox.connect();
    await mailbox.mailboxCreate('Orders');
  });
  afterAll(async () => {
    await mailbox?.logout().catch(() => {});
    await dovecot?.stop();
  });

  const srv = useServer(BACKENDS[0]!.backend, { config: testConfig() });

  it('an entry point added starts its poller; a changed mailbox restarts it there; switched to SMTP it stops', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const sup = await s.agent('super', { connect: false });
    expect(s.server.email.imapPollers()).toEqual([]);
    const imap = { imapHost: dovecot.host, imapPort: dovecot.port, imapSecure: false, imapUser: dovecot.user, imapPassword: dovecot.pass };
    const entryPoint = (settings: Record<string, unknown>) => ({
      id: 'imap-mail',
      name: 'IMAP mail',
      channel: 'email',
      queue: 'q-email',
      settings: { address: MAILBOX, smtpHost: '127.0.0.1', smtpPort: 2525, ...settings },
    });

    // Added: the mail waiting in INBOX arrives.
    await mailbox.append('INBOX', mail('Ana <ana@customer.example>', 'live-1@customer.example'));
    await admin.call('PUT', '/api/admin/entry-points/imap-mail', entryPoint({ inbound: 'imap', ...imap }));
    await eventually(() => conversations(sup, 'email', 'ana@customer.example'), (l) => l.length === 1, 'the first mail stored');
    expect(s.server.email.imapPollers()).toEqual(['imap-mail']);

    // Changed to another folder (the password left out keeps the stored one): a mail there arrives.
    const { imapPassword: _kept, ...withoutPassword } = imap;
    await admin.call('PUT', '/api/admin/entry-points/imap-mail', entryPoint({ inbound: 'imap', ...withoutPassword, imapMailbox: 'Orders' }));
    await mailbox.append('Orders', mail('Bo <bo@customer.example>', 'live-2@customer.example'));
    await eventually(() => conversations(sup, 'email', 'bo@customer.example'), (l) => l.length === 1, 'the mail in Orders stored');

    // Switched to the SMTP listener (the IMAP fields left as they were): no poller any more.
    await admin.call('PUT', '/api/admin/entry-points/imap-mail', entryPoint({ ...withoutPassword, imapMailbox: 'Orders', inbound: 'smtp' }));
    await eventually(async () => s.server.email.imapPollers(), (ids) => ids.length === 0, 'the poller stopped');
  });
});
