/**
 * Reply-To (RFC 5322 §3.6.2): mail from a web form or a shared address names where replies go. The
 * agent's reply goes there, as a mail client's would; the customer stays the sender.
 */
import { expect, it } from 'vitest';
import type { MessageDto } from '@parley/protocol';
import { eventually, onlyConversation } from './channel-harness';
import { deliverMail, emailSuite, SMTP_LISTENER } from './email-harness';
import { describeBackends, is, useServer } from './harness';

const MAILBOX = 'support@shop.example';
const FORM = 'forms@site.example';
const JANE = 'jane@customer.example';

const { config, relay } = emailSuite([{ address: MAILBOX }]);

describeBackends('email Reply-To', (backend) => {
  const srv = useServer(backend, { config, smtp: SMTP_LISTENER });

  it('the mail shows its Reply-To; a reply without recipients goes to it, not to the sender', async () => {
    const s = srv();
    const a1 = await s.agent('agent1');
    await a1.available();
    await deliverMail(s, { from: `Contact form <${FORM}>`, replyTo: `Jane Doe <${JANE}>`, to: MAILBOX, subject: 'Contact request', text: 'Please call me back.', messageId: '<form-1@site.example>' });
    const sup = await s.agent('super', { connect: false });
    const c = await onlyConversation(sup, 'email', FORM);
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    const [mail] = (await a1.messages(c.id)).messages;
    expect(mail!.email).toMatchObject({ from: { address: FORM }, replyTo: [{ address: JANE, name: 'Jane Doe' }] });
    const before = relay().received.length;
    await a1.call<MessageDto>('POST', `/api/conversations/${c.id}/messages`, { clientId: 'r1', text: 'We will call you today.' });
    const got = await eventually(async () => relay().received.slice(before), (r) => r.length === 1, 'relayed');
    expect(got[0]!.to).toEqual([JANE]);
    expect(got[0]!.raw.toString('utf8')).toMatch(/^In-Reply-To: <form-1@site\.example>/m);
  });
});
