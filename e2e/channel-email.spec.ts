import nodemailer, { type SendMailOptions } from 'nodemailer';
import { simpleParser } from 'mailparser';
import type { Page } from '@playwright/test';
import type { ServerProcess } from '../packages/testkit/src/index';
import { expect, setAvailable, signIn } from './desktop-helpers';
import { MAILBOX, test } from './email-helpers';

/**
 * One real email journey (ADR 0003): a customer's mail reaches Parley's SMTP listener, is offered in
 * the Desktop, the agent replies from the email pane, the reply leaves through a real SMTP relay
 * (smtp-server run by this spec), and the customer's answer to it joins the same conversation.
 */

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const ANN = 'ann@customer.example';

/** The customer's mail client hands one mail to Parley's listener; resolves once Parley answered 250. */
async function customerMails(server: ServerProcess, mail: SendMailOptions): Promise<void> {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: server.smtpPort, secure: false, ignoreTLS: true, logger: false });
  try {
    await t.sendMail({ from: `Ann Smith <${ANN}>`, to: MAILBOX, ...mail });
  } finally {
    t.close();
  }
}

const header = (raw: string, name: string) => new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw)?.[1]?.replace(/\r?\n[ \t]+/g, ' ');

const emailBlock = (page: Page, subject: string | RegExp) => page.getByRole('log', { name: 'Messages' }).getByRole('article', { name: subject, exact: true });

test('email: a customer mail is offered, answered from the pane through the relay, and the customer’s reply joins', async ({ page, server, relay }) => {
  test.setTimeout(120_000);
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);

  await customerMails(server, {
    subject: 'Broken lid',
    messageId: '<lid-1@customer.example>',
    text: 'The lid of my teapot is broken.\n\nOn Mon, 2 Mar 2026, Support wrote:\n> Thanks for your order.',
    html: '<p>The lid of my <b>teapot</b> is broken.</p><div class="gmail_quote">On Mon, 2 Mar 2026, Support wrote:<blockquote>Thanks for your order.</blockquote></div><script>window.parent.__pwned = 1</script>',
  });

  // The offer (SPEC F1, email): customer name, email address, queue name.
  const offer = page.getByRole('region', { name: 'Incoming requests' }).getByRole('article', { name: 'New Email request' });
  await expect(offer).toBeVisible();
  await expect(offer.getByRole('definition').filter({ hasText: 'Ann Smith' })).toBeVisible();
  await expect(offer).toContainText('Customer name');
  await expect(offer).toContainText('Email address');
  await expect(offer).toContainText(ANN);
  await expect(offer).toContainText('Queue name');
  await expect(offer.getByRole('definition').filter({ hasText: /^Email$/ })).toBeVisible();
  await offer.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(offer).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Ann Smith' })).toBeVisible();

  // The email block: From, subject, the sanitized HTML in a frame that runs no script.
  const first = emailBlock(page, 'Broken lid');
  await expect(first.getByRole('heading', { name: 'Broken lid' })).toBeVisible();
  await expect(first).toContainText(`Ann Smith <${ANN}>`);
  await expect(first).toContainText('Received');
  const frame = first.getByTitle('Email: Broken lid', { exact: true });
  await expect(frame).toHaveAttribute('sandbox', /^(?!.*allow-scripts)(?!.*allow-same-origin).*$/);
  await expect(frame.contentFrame().getByText('teapot')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // The quoted "On … wrote:" tail is not in the shown HTML: it opens behind "…".
  await expect(frame.contentFrame().getByText('Thanks for your order')).toHaveCount(0);
  await first.getByRole('button', { name: 'Show the quoted history' }).click();
  await expect(first).toContainText('Thanks for your order.');

  // Reply: To and Subject filled and read-only; the agent writes and sends.
  const to = page.getByRole('textbox', { name: 'To', exact: true });
  const subject = page.getByRole('textbox', { name: 'Subject' });
  const body = page.getByRole('textbox', { name: 'Email body' });
  await page.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Reply', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(to).toHaveValue(ANN);
  await expect(to).toHaveAttribute('readonly', '');
  await expect(subject).toHaveValue('Re: Broken lid');
  await expect(subject).toHaveAttribute('readonly', '');
  await body.click();
  await page.keyboard.type('A new lid is on its way.');
  // A picture in the editor: uploaded, shown there, and sent inside the mail (cid:), not as a link.
  const composer = page.getByRole('form', { name: 'Email reply' });
  await composer.locator('input[type=file][accept="image/*"]').setInputFiles({ name: 'lid.png', mimeType: 'image/png', buffer: PNG });
  await expect(body.getByRole('img', { name: 'lid.png' })).toBeVisible();
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  // The relay gets exactly one message, to the customer, threaded on their Message-ID, text + HTML.
  await expect.poll(() => relay.received.length, { message: 'the reply reached the relay' }).toBe(1);
  const [out] = relay.received;
  expect(out!.to).toEqual([ANN]);
  expect(header(out!.text, 'In-Reply-To')).toBe('<lid-1@customer.example>');
  expect(header(out!.text, 'References')).toContain('<lid-1@customer.example>');
  // "Re: <subject>", plus the conversation's token (ADR 0003: threads a reply that lost its headers).
  expect(header(out!.text, 'Subject')).toMatch(/^Re: Broken lid \[#P-[A-Z0-9]+\]$/);
  expect(out!.text).toMatch(/multipart\/alternative/);
  expect(out!.text).toMatch(/Content-Type: text\/plain/i);
  expect(out!.text).toMatch(/Content-Type: text\/html/i);
  expect(out!.text).toContain('A new lid is on its way.');
  const parsed = await simpleParser(out!.raw, { keepCidLinks: true });
  const inline = parsed.attachments.filter((a) => a.contentDisposition === 'inline');
  expect(inline.map((a) => [a.filename, a.related])).toEqual([['lid.png', true]]);
  expect(parsed.attachments).toHaveLength(1);
  expect(parsed.html).toContain(`src="cid:${inline[0]!.cid}"`);
  expect(out!.text).not.toContain('/files/');
  const ourId = header(out!.text, 'Message-ID')!;
  expect(ourId).toMatch(/^<.+@support\.example\.com>$/);

  // The agent's email shows as sent.
  const reply = emailBlock(page, /^Re: Broken lid \[#P-[A-Z0-9]+\]$/);
  await expect(reply).toContainText(`From${MAILBOX}`);
  await expect(reply.getByText('Sent', { exact: true })).toBeVisible();

  // The agent starts another email; the customer answers ours meanwhile: the same conversation,
  // the new email highlighted at the top, and the banner.
  await body.click();
  await page.keyboard.type('Also');
  await customerMails(server, {
    subject: 'Re: Broken lid',
    messageId: '<lid-2@customer.example>',
    inReplyTo: ourId,
    references: ['<lid-1@customer.example>', ourId],
    text: 'Thank you, it arrived!\n\nOn Tue, Support wrote:\n> A new lid is on its way.',
    html: '<p>Thank you, it <i>arrived</i>!</p><blockquote>A new lid is on its way.</blockquote>',
  });
  await expect(page.getByRole('button', { name: 'View all messages to take further action' })).toBeVisible();
  const blocks = page.getByRole('log', { name: 'Messages' }).getByRole('article');
  // The highlight is visual only: the block's data-new marks it.
  await expect(blocks.first()).toHaveAttribute('data-new', 'true');
  await expect(blocks.first().getByTitle(/^Email: Re: Broken lid/).contentFrame().getByText('arrived')).toBeVisible();
  await expect(blocks).toHaveCount(3);
  await expect(page.getByRole('navigation', { name: 'Task List' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Incoming requests' }).getByRole('article')).toHaveCount(0);
  // Nothing more left for the customer than the one reply.
  expect(relay.received).toHaveLength(1);
});
