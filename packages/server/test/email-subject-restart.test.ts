/**
 * An email conversation's subject survives a restart: the routing state restored at start reads it
 * back from the stored messages, so the offer and the pane still show it.
 */
import nodemailer from 'nodemailer';
import { expect, it } from 'vitest';
import { testConfig } from '@parley/testkit';
import { onlyConversation } from './channel-harness';
import { describeBackends, is, useServer, type TestServer } from './harness';

const MAILBOX = 'support@support.example.com';
const ANN = 'ann@customer.example';
const config = testConfig() as ReturnType<typeof testConfig> & { entryPoints: Record<string, unknown>[] };
config.entryPoints.push({ id: 'mail', name: 'Support mail', channel: 'email', queue: 'q-email', settings: { address: MAILBOX, inbound: 'smtp', smtpHost: '127.0.0.1', smtpPort: 2525, smtpSecure: false } });

async function deliver(s: TestServer, subject: string): Promise<void> {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: s.server.email.smtpPort!, secure: false, ignoreTLS: true, logger: false });
  try {
    await t.sendMail({ from: `Ann Smith <${ANN}>`, to: MAILBOX, subject, text: 'The lid is broken.', messageId: '<subject-1@customer.example>' });
  } finally {
    t.close();
  }
}

describeBackends('email subject after a restart', (backend) => {
  const srv = useServer(backend, { config, smtp: { host: '127.0.0.1', port: 0, maxBytes: 1024 * 1024 } });

  it('the conversation restored at start keeps its subject: the offer after the restart shows it', async () => {
    const s = srv();
    await deliver(s, 'Broken lid');
    const before = await onlyConversation(await s.agent('super', { connect: false }), 'email', ANN);
    await s.restart();
    const a1 = await s.agent('agent1');
    await a1.available();
    const offer = await a1.waitFor(is.offer(before.id, 'a1'));
    expect(offer).toMatchObject({ conversation: { channel: 'email', subject: 'Broken lid' } });
  });
});
