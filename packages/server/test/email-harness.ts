/**
 * What the email tests share: a test config with email entry points (Parley's SMTP listener in, the
 * test's relay out) and a delivery to Parley's listener as an MTA would make it.
 */
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll } from 'vitest';
import { startSmtpRelay, testConfig, type SmtpRelay } from '@parley/testkit';
import type { TestServer } from './harness';

export type EmailTestConfig = ReturnType<typeof testConfig> & { entryPoints: Record<string, unknown>[]; queues: Record<string, unknown>[] };

/** The listener's options for `useServer`: loopback, a free port. */
export const SMTP_LISTENER = { host: '127.0.0.1', port: 0, maxBytes: 5 * 1024 * 1024 };

/**
 * `testConfig()` plus one email entry point per mailbox (id `mail` for the first, queue `q-email` unless
 * given), all sending through one relay the file's tests share (started before them, stopped after).
 */
export function emailSuite(mailboxes: { address: string; id?: string; queue?: string }[]): { config: EmailTestConfig; relay: () => SmtpRelay } {
  const config = testConfig() as EmailTestConfig;
  const settings = mailboxes.map((m) => ({ address: m.address, inbound: 'smtp', smtpHost: '127.0.0.1', smtpPort: 0, smtpSecure: false }));
  for (const [i, m] of mailboxes.entries()) {
    config.entryPoints.push({ id: m.id ?? (i === 0 ? 'mail' : `mail${i + 1}`), name: `Mail ${m.address}`, channel: 'email', queue: m.queue ?? 'q-email', settings: settings[i] });
  }
  let relay: SmtpRelay | undefined;
  beforeAll(async () => {
    relay = await startSmtpRelay();
    // The servers start per test, after this: their config names the relay's port.
    for (const s of settings) s.smtpPort = relay.port;
  });
  afterAll(async () => {
    await relay?.close();
  });
  return {
    config,
    relay: () => {
      if (!relay) throw new Error('the relay starts before the tests');
      return relay;
    },
  };
}

/** Sends one mail to Parley's listener (nodemailer, plain SMTP over loopback). */
export async function deliverMail(s: TestServer, mail: SendMailOptions) {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: s.server.email.smtpPort!, secure: false, ignoreTLS: true, logger: false });
  try {
    return await t.sendMail(mail);
  } finally {
    t.close();
  }
}
