/**
 * A customer's reply to a closed email conversation reopens it (issue 9 point 6, ADR 0003): the same
 * conversation, back in its queue — or offered to its last agent first where the queue says
 * `reopenTo: lastAgent` — rather than a new thread; an automatic reply never reopens anything.
 */
import { expect, it } from 'vitest';
import { conversationThreadToken } from '@parley/channels/email';
import type { AgentClient } from '@parley/testkit';
import { conversations, eventually, onlyConversation, thread } from './channel-harness';
import { deliverMail, emailSuite, SMTP_LISTENER } from './email-harness';
import { describeBackends, is, useServer, type TestServer } from './harness';

const TO_QUEUE = 'support@shop.example';
const TO_LAST_AGENT = 'care@shop.example';
const ANN = 'ann@customer.example';

const { config } = emailSuite([{ address: TO_QUEUE }, { address: TO_LAST_AGENT, id: 'care', queue: 'q-care' }]);
config.queues.push({ id: 'q-care', name: 'Care', channel: 'email', offerTimeoutSeconds: 3, maxWaitSeconds: 600, reopenTo: 'lastAgent', teams: ['team'] });

const deliver = deliverMail;

describeBackends('email reopen', (backend) => {
  const srv = useServer(backend, { config, smtp: SMTP_LISTENER });

  /** Ann writes to `mailbox`; a1 (the only one available) takes it, ends it and wraps it up: closed. */
  async function handledAndClosed(s: TestServer, a1: AgentClient, mailbox: string, messageId: string) {
    const sup = await s.agent('super', { connect: false });
    await a1.available();
    const from = a1.mark();
    await deliver(s, { from: ANN, to: mailbox, subject: 'Broken lid', text: 'The lid is broken.', messageId: `<${messageId}>` });
    const offer = await a1.waitFor((e) => e.type === 'offer.created' && e.offer.agentId === 'a1', undefined, from);
    const id = (offer as Extract<typeof offer, { type: 'offer.created' }>).conversation.id;
    await a1.accept(id);
    await a1.end(id);
    await a1.wrapup(id, ['resolved']);
    await eventually(() => conversations(sup, 'email', ANN), (cs) => cs.some((c) => c.id === id && c.status === 'closed'), 'closed');
    return { sup, id };
  }

  it('a reply by In-Reply-To reopens the same conversation in its queue; an auto-reply to it does not', async () => {
    const s = srv();
    const a1 = await s.agent('agent1');
    const { sup, id } = await handledAndClosed(s, a1, TO_QUEUE, 'first@customer.example');
    // An out-of-office answering our thread: noted nowhere live, never an offer, still closed.
    const quiet = a1.mark();
    await deliver(s, { from: ANN, to: TO_QUEUE, subject: 'Automatic reply: Broken lid', text: 'away', messageId: '<ooo@customer.example>', inReplyTo: '<first@customer.example>', headers: { 'Auto-Submitted': 'auto-replied' } });
    expect((await onlyConversation(sup, 'email', ANN)).status).toBe('closed');
    await a1.expectNone((e) => e.type === 'offer.created', quiet);

    const from = a1.mark();
    await deliver(s, { from: ANN, to: TO_QUEUE, subject: 'Re: Broken lid', text: 'It broke again.', messageId: '<again@customer.example>', inReplyTo: '<first@customer.example>', references: ['<first@customer.example>'] });
    await a1.waitFor(is.offer(id, 'a1'), undefined, from);
    await a1.waitFor(is.notice(id, 'reopened'), undefined, from);
    const [c] = await conversations(sup, 'email', ANN);
    expect(c).toMatchObject({ id, status: 'offered', queue: { id: 'q-email' } });
    expect(await conversations(sup, 'email', ANN)).toHaveLength(1);
    const msgs = await thread(sup, id);
    expect(msgs.filter((m) => m.direction === 'inbound').map((m) => m.text)).toEqual(['The lid is broken.', 'It broke again.']);
    await a1.accept(id);
    expect((await a1.conversation(id)).status).toBe('active');
  });

  it('a reply carrying only the subject token (a client that drops headers) reopens it too', async () => {
    const s = srv();
    const a1 = await s.agent('agent1');
    const { sup, id } = await handledAndClosed(s, a1, TO_QUEUE, 'tok@customer.example');
    const from = a1.mark();
    await deliver(s, { from: ANN, to: TO_QUEUE, subject: `Re: Broken lid [#${conversationThreadToken(id)}]`, text: 'Me again', messageId: '<tok2@customer.example>' });
    await a1.waitFor(is.offer(id, 'a1'), undefined, from);
    expect(await conversations(sup, 'email', ANN)).toHaveLength(1);
  });

  it("'lastAgent' offers the reply to its last agent first; the plain queue to whoever waited longest", async () => {
    const s = srv();
    const a1 = await s.agent('agent1');
    const a2 = await s.agent('agent2');
    const care = await handledAndClosed(s, a1, TO_LAST_AGENT, 'care1@customer.example');
    // a2 is available now and a1 comes back after it, so a2 is the longest available.
    await a2.available();
    await a1.setState('idle', 'break');
    await a1.available();
    let from = a1.mark();
    await deliver(s, { from: ANN, to: TO_LAST_AGENT, subject: 'Re: Broken lid', text: 'Hello again', messageId: '<care2@customer.example>', inReplyTo: '<care1@customer.example>' });
    await a1.waitFor(is.offer(care.id, 'a1'), undefined, from);
    await a1.accept(care.id);
    await a1.end(care.id);
    await a1.wrapup(care.id, ['resolved']);

    // The same history on the plain email queue goes to a2 (longest available), not back to a1.
    await a2.setState('idle', 'break');
    const plain = await (async () => {
      await deliver(s, { from: ANN, to: TO_QUEUE, subject: 'Other thing', text: 'Question', messageId: '<plain1@customer.example>' });
      const c = await eventually(() => conversations(care.sup, 'email', ANN), (cs) => cs.some((x) => x.entryPoint.id === 'mail'), 'the plain mail arrived');
      return c.find((x) => x.entryPoint.id === 'mail')!;
    })();
    await a1.waitFor(is.offer(plain.id, 'a1'));
    await a1.accept(plain.id);
    await a1.end(plain.id);
    await a1.wrapup(plain.id, ['resolved']);
    await a2.available();
    await a1.setState('idle', 'break');
    await a1.available();
    from = a2.mark();
    await deliver(s, { from: ANN, to: TO_QUEUE, subject: 'Re: Other thing', text: 'More', messageId: '<plain2@customer.example>', inReplyTo: '<plain1@customer.example>' });
    await a2.waitFor(is.offer(plain.id, 'a2'), undefined, from);
  });
});
