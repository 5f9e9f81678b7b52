/**
 * An `inbound: imap` email entry point: the server starts its poller (password from an env secret),
 * the unseen mail becomes a conversation, and is flagged \Seen only once stored. Real Dovecot.
 */
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '@parley/testkit';
import { eventually, onlyConversation } from './channel-harness';
import { dovecotInstalled, startDovecot, type Dovecot } from './email-dovecot';
import { BACKENDS, useServer } from './harness';

const PASSWORD_ENV = 'PARLEY_TEST_IMAP_PASSWORD';
const config = testConfig() as ReturnType<typeof testConfig> & { entryPoints: Record<string, unknown>[] };
const settings: Record<string, unknown> = { address: 'support@shop.example', inbound: 'imap', imapSecure: false, imapPassword: { env: PASSWORD_ENV }, smtpHost: '127.0.0.1', smtpPort: 2525 };
config.entryPoints.push({ id: 'imap-mail', name: 'IMAP mail', channel: 'email', queue: 'q-email', settings });

describe.skipIf(!dovecotInstalled)('email over IMAP [sqlite]', () => {
  let dovecot: Dovecot;
  let other: ImapFlow;

  beforeAll(async () => {
    dovecot = await startDovecot();
    Object.assign(settings, { imapHost: dovecot.host, imapPort: dovecot.port, imapUser: dovecot.user });
    process.env[PASSWORD_ENV] = dovecot.pass;
    other = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.pass }, logger: false });
    await other.connect();
    await other.append('INBOX', 'From: Ana <ana@customer.example>\r\nTo: support@shop.example\r\nSubject: Where is my order\r\nMessage-ID: <imap-1@customer.example>\r\n\r\nHello\r\n');
  });
  afterAll(async () => {
    delete process.env[PASSWORD_ENV];
    await other?.logout().catch(() => {});
    await dovecot?.stop();
  });

  const srv = useServer(BACKENDS[0]!.backend, { config });

  it('the poller started for the entry point stores the unseen mail, then flags it seen', async () => {
    const sup = await srv().agent('super', { connect: false });
    const c = await eventually(() => onlyConversation(sup, 'email', 'ana@customer.example').catch(() => undefined), (v) => v !== undefined, 'stored');
    expect(c).toMatchObject({ queue: { id: 'q-email' }, entryPoint: { id: 'imap-mail' } });
    const seen = async () => {
      const lock = await other.getMailboxLock('INBOX');
      try {
        return (await other.fetchAll('1:*', { flags: true })).every((m) => m.flags?.has('\\Seen'));
      } finally {
        lock.release();
      }
    };
    await eventually(seen, (v) => v, 'flagged seen');
  });
});
