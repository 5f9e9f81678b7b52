/**
 * An email conversation's subject survives a restart: the routing state restored at start reads it
 * back from the stored messages, so the offer and the pane still show it.
 */
import { expect, it } from 'vitest';
import { onlyConversation } from './channel-harness';
import { deliverMail, emailSuite, SMTP_LISTENER } from './email-harness';
import { describeBackends, is, useServer, type TestServer } from './harness';

const MAILBOX = 'support@support.example.com';
const ANN = 'ann@customer.example';
const { config } = emailSuite([{ address: MAILBOX }]);

const deliver = (s: TestServer, subject: string) =>
  deliverMail(s, { from: `Ann Smith <${ANN}>`, to: MAILBOX, subject, text: 'The lid is broken.', messageId: '<subject-1@customer.example>' });

describeBackends('email subject after a restart', (backend) => {
  const srv = useServer(backend, { config, smtp: SMTP_LISTENER });

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
