import { describe, expect, it } from 'vitest';
import { bounceDeliveryStatus, classifyEmail } from './classify';
import { parsed, parsedFixture } from './test-support';

const plain = (headers: string, subject = 'Question') => parsed(`From: someone@x.example\nTo: support@acme.example\nSubject: ${subject}\nMessage-ID: <m1@x.example>\n${headers}\n\nbody`);

describe('classifyEmail: auto-replies', () => {
  it('classifies the Exchange out-of-office fixture by Auto-Submitted', async () => {
    expect(classifyEmail(await parsedFixture('ooo-auto-reply.eml'))).toEqual({ kind: 'auto_reply', reasons: ['auto-submitted:auto-replied'], suspectedAutoReply: true });
  });

  it.each([
    ['Auto-Submitted: auto-generated', 'auto-submitted:auto-generated'],
    ['Auto-Submitted: auto-replied; owner-email="x@y"', 'auto-submitted:auto-replied'],
    ['X-Autoreply: yes', 'x-autoreply'],
    ['X-Autorespond: vacation', 'x-autorespond'],
    ['Precedence: bulk', 'precedence:bulk'],
    ['Precedence: junk', 'precedence:junk'],
    ['Precedence: auto_reply', 'precedence:auto_reply'],
    ['Precedence: list', 'precedence:list'],
    ['Return-Path: <>', 'null-return-path'],
    ['Content-Type: multipart/report; report-type=disposition-notification; boundary=b', 'report-type:disposition-notification'],
  ])('%s → auto_reply', async (header, reason) => {
    const c = classifyEmail(await plain(header));
    expect(c.kind).toBe('auto_reply');
    expect(c.reasons).toContain(reason);
  });

  it('a mailer-daemon sender without a DSN part is an auto-reply (not a bounce: nothing says which mail)', async () => {
    const m = await parsed('From: MAILER-DAEMON@mx.example\nSubject: failure notice\n\nSorry, I could not deliver.');
    expect(classifyEmail(m)).toMatchObject({ kind: 'auto_reply', reasons: ['daemon-sender'] });
  });

  it.each(['Auto-Submitted: no', 'X-Autoreply: no', 'Precedence: first-class', 'Return-Path: <someone@x.example>'])('%s is a customer message', async (header) => {
    expect(classifyEmail(await plain(header))).toEqual({ kind: 'message', reasons: [], suspectedAutoReply: false });
  });

  it.each(['Automatic reply: Invoice', 'Out of Office: back Monday', '自动回复: 您的邮件', 'Abwesenheitsnotiz: Urlaub', 'Réponse automatique : absent'])(
    'an out-of-office subject alone (%s) stays a message, flagged as a suspected auto-reply',
    async (subject) => {
      expect(classifyEmail(await plain('', subject))).toEqual({ kind: 'message', reasons: [], suspectedAutoReply: true });
    },
  );

  it('real messages from the fixtures are messages', async () => {
    for (const name of ['gmail-reply.eml', 'outlook-thread-index.eml', 'qq-gbk.eml', 'apple-mail.eml', 'iso-2022-jp.eml']) {
      expect(classifyEmail(await parsedFixture(name)).kind, name).toBe('message');
    }
  });
});

describe('classifyEmail: bounces (RFC 3464 delivery status)', () => {
  it('reads the Postfix DSN fixture: failed 5.1.1, recipient, diagnostic, our Message-ID from the returned headers', async () => {
    const c = classifyEmail(await parsedFixture('dsn-bounce.eml'));
    expect(c).toEqual({
      kind: 'bounce',
      reasons: ['report-type:delivery-status'],
      suspectedAutoReply: false,
      bounce: {
        originalMessageId: 'out-5d2e@support.example.com',
        action: 'failed',
        status: '5.1.1',
        diagnostic: '550 5.1.1 <nobody@gone.example>: Recipient address rejected: User unknown',
        recipient: 'nobody@gone.example',
        permanent: true,
      },
    });
    expect(bounceDeliveryStatus(c.bounce!)).toBe('failed');
  });

  const dsn = (status: string, returned: string) =>
    parsed(`From: postmaster@mx.example
Subject: Delivery Status Notification (Delay)
Message-ID: <dsn-2@mx.example>
Content-Type: multipart/report; report-type=delivery-status; boundary="r"

--r
Content-Type: text/plain

Delayed.
--r
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example

${status}
--r
${returned}
--r--
`);

  it('takes an Original-Message-ID field first, and the embedded message/rfc822 otherwise', async () => {
    const withField = await dsn('Final-Recipient: rfc822; a@b.example\nAction: delayed\nStatus: 4.4.7\nOriginal-Message-ID: <ours-1@acme.example>', 'Content-Type: text/plain\n\nx');
    expect(classifyEmail(withField).bounce).toMatchObject({ originalMessageId: 'ours-1@acme.example', action: 'delayed', status: '4.4.7', permanent: false });
    expect(bounceDeliveryStatus(classifyEmail(withField).bounce!)).toBeNull();
    const embedded = await dsn(
      'Final-Recipient: rfc822;a@b.example\nAction: delivered\nStatus: 2.0.0',
      'Content-Type: message/rfc822\n\nFrom: support@acme.example\nMessage-ID: <ours-2@acme.example>\nSubject: hi\n\nbody',
    );
    expect(classifyEmail(embedded).bounce).toMatchObject({ originalMessageId: 'ours-2@acme.example', action: 'delivered', status: '2.0.0' });
    expect(bounceDeliveryStatus(classifyEmail(embedded).bounce!)).toBe('delivered');
  });

  it('reports the most severe recipient of several, and survives a report that says nothing', async () => {
    const several = await dsn('Final-Recipient: rfc822; ok@b.example\nAction: delivered\nStatus: 2.0.0\n\nFinal-Recipient: rfc822; bad@b.example\nAction: failed\nStatus: 5.2.2 (mailbox full)', 'Content-Type: text/plain\n\nx');
    expect(classifyEmail(several).bounce).toMatchObject({ recipient: 'bad@b.example', action: 'failed', status: '5.2.2', originalMessageId: null });
    const empty = await dsn('garbage without fields', 'Content-Type: text/plain\n\nx');
    expect(classifyEmail(empty)).toMatchObject({ kind: 'bounce', bounce: { originalMessageId: null, action: null, status: null, permanent: false } });
  });
});
