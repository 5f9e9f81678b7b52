import { startSmtpRelay, testConfig, type SmtpRelay } from '../packages/testkit/src/index';
import { test as desktopTest } from './desktop-helpers';

/** The mailbox of the email entry point every email spec's server has. */
export const MAILBOX = 'support@support.example.com';

/**
 * A Desktop test whose server has one email entry point (`mail` → `q-email`): Parley's SMTP listener
 * on a port it picks and prints (`server.smtpPort`), and the business's outgoing relay run by the
 * test (`relay`: keeps every message it accepts).
 */
export const test = desktopTest.extend<{ relay: SmtpRelay }>({
  relay: async ({}, use) => {
    const relay = await startSmtpRelay();
    await use(relay);
    await relay.close();
  },
  serverConfig: async ({ relay }, use) => {
    const base = testConfig({ offerTimeoutSeconds: 30 });
    await use({
      ...base,
      entryPoints: [
        ...base.entryPoints,
        { id: 'mail', name: 'Support mail', channel: 'email', queue: 'q-email', settings: { address: MAILBOX, inbound: 'smtp', smtpHost: '127.0.0.1', smtpPort: relay.port, smtpSecure: false } },
      ] as typeof base.entryPoints,
    });
  },
  // Port 0: the listener binds a free port and the server prints it (the testkit reads it back).
  serverEnv: async ({}, use) => use({ PARLEY_SMTP_HOST: '127.0.0.1', PARLEY_SMTP_PORT: '0' }),
});
