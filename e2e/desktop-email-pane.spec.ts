import type { Page } from '@playwright/test';
import type { DeskConfig, MessageDto } from '@parley/protocol';
import AxeBuilder from '@axe-core/playwright';
import { accept, customer, expect, setAvailable, shot, signIn, test } from './desktop-helpers';
import { waitForAnimationsToFinish } from './axe';

/** The Desktop's own UI has no serious axe violation; the email frames hold the customer's HTML (and take no script, so no axe). */
async function expectAccessible(page: Page): Promise<void> {
  await waitForAnimationsToFinish(page);
  const result = await new AxeBuilder({ page }).exclude('.email-frame').analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/**
 * The email pane (SPEC F9). No email conversation can be created through the server yet: a web chat
 * conversation is shown with email's rules (`richFormatting: 'html'`) and its thread served as emails.
 */

async function asEmail(page: Page): Promise<void> {
  await page.route('**/api/config', async (route) => {
    const res = await route.fetch();
    const config = (await res.json()) as DeskConfig;
    const email = config.channels.find((r) => r.channel === 'email');
    config.channels = config.channels.map((r) => (r.channel === 'webchat' && email ? { ...email, channel: 'webchat' } : r));
    await route.fulfill({ response: res, json: config });
  });
}

const HOSTILE_HTML = '<p>Where is <b>my order</b>?</p><img src="x" onerror="window.parent.__pwned = 1"><script>window.parent.__pwned = 2</script>';

function emails(conversationId: string): MessageDto[] {
  const base = { conversationId, attachments: [], authorId: null, statusReason: null };
  return [
    {
      ...base, id: 'e1', direction: 'inbound', authorType: 'customer', authorName: 'Jane Doe', text: 'First question', status: 'received', createdAt: Date.UTC(2026, 0, 2, 9, 0),
      email: { subject: 'Order 42', from: { address: 'jane@customer.com', name: 'Jane Doe' }, to: [{ address: 'support@shop.com' }], cc: [], messageId: '<e1@c>', html: null },
    },
    {
      ...base, id: 'e2', direction: 'outbound', authorType: 'agent', authorId: 'x', authorName: 'Agent', text: 'Looking into it', status: 'failed', statusReason: '550 5.1.1 mailbox unknown', createdAt: Date.UTC(2026, 0, 2, 9, 5),
      email: { subject: 'Re: Order 42', from: { address: 'support@shop.com' }, to: [{ address: 'jane@customer.com' }], cc: [], messageId: '<e2@s>', html: '<p>Looking into it</p>' },
    },
    {
      ...base, id: 'e3', direction: 'inbound', authorType: 'customer', authorName: 'Jane Doe', text: 'Where is my order?', status: 'received', createdAt: Date.UTC(2026, 0, 2, 10, 0),
      attachments: [{ id: 'att1', name: '<b>invoice</b>.pdf', mimeType: 'application/pdf', size: 10, url: '/nowhere.pdf' }],
      email: {
        subject: 'RE: Re: Order 42', from: { address: 'jane@customer.com', name: '<i>Jane</i>' },
        to: [{ address: 'support@shop.com' }, { address: 'bob@customer.com' }],
        cc: [{ address: 'carol@customer.com' }, { address: 'Support@Shop.com' }],
        messageId: '<e3@c>', html: HOSTILE_HTML, remoteImagesBlocked: true, quoted: '> Looking into it',
      },
    },
  ] as MessageDto[];
}

test('email pane: thread, every field rule and switch, send, new-email banner, transfer to queues only', async ({ page, server }) => {
  test.setTimeout(120_000);
  await asEmail(page);
  // The real messages (the customer's hello, notices) stay, older than the emails served after them.
  await page.route('**/api/conversations/*/messages*', async (route) => {
    if (route.request().method() !== 'GET') return route.fallback();
    const id = decodeURIComponent(new URL(route.request().url()).pathname.split('/')[3] ?? '');
    const real = (await (await route.fetch()).json()) as { messages: MessageDto[] };
    return route.fulfill({ json: { messages: [...real.messages, ...emails(id)], hasMore: false } });
  });
  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const jane = await customer(server.url, 'Jane Doe');
  await jane.say('Hello');
  await accept(page, 'Jane Doe');

  // The thread: newest first, envelope, status (a delivery report with its reason), names as text.
  const log = page.getByRole('log', { name: 'Messages' });
  const blocks = log.getByRole('article');
  const e3 = log.locator('[data-message="e3"]');
  await expect(e3).toBeVisible();
  // Newest first: the newest email above the older ones.
  const order = await log.locator('[data-message]').evaluateAll((els) => els.map((e) => e.getAttribute('data-message')));
  expect(order.filter((id) => id === 'e1' || id === 'e2' || id === 'e3')).toEqual(['e3', 'e2', 'e1']);
  await expect(e3.getByRole('heading')).toHaveText('RE: Re: Order 42');
  await expect(e3).toContainText('<i>Jane</i> <jane@customer.com>');
  await expect(e3).toContainText('carol@customer.com');
  await expect(e3).toContainText('Received');
  await expect(log.locator('[data-message="e2"]')).toContainText('Delivery report: failed (550 5.1.1 mailbox unknown)');
  await expect(e3.getByRole('link', { name: '<b>invoice</b>.pdf' })).toBeVisible();
  // The HTML is in a sandboxed frame without scripts: nothing it carries ran.
  const frame = e3.locator('iframe');
  await expect(frame).toHaveAttribute('sandbox', /^(?!.*allow-scripts)(?!.*allow-same-origin).*$/);
  await expect(e3.frameLocator('iframe').getByText('my order')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // Plain-text mail shows its text; the quoted history opens behind "…"; remote images shown on demand (email-xss.spec loads them).
  await expect(log.locator('[data-message="e1"]')).toContainText('First question');
  await e3.getByRole('button', { name: 'Show the quoted history' }).click();
  await expect(e3).toContainText('> Looking into it');
  await e3.getByRole('button', { name: 'Show remote images' }).click();
  await expect(e3.getByRole('status')).toHaveText('Remote images are shown for this email.');
  await expect(e3.getByRole('button', { name: 'Show remote images' })).toHaveCount(0);

  const to = page.getByRole('textbox', { name: 'To', exact: true });
  const cc = page.getByRole('textbox', { name: 'Cc', exact: true });
  const subject = page.getByRole('textbox', { name: 'Subject' });
  const body = page.getByRole('textbox', { name: 'Email body' });
  const mode = (name: string) => page.getByRole('button', { name, exact: true });

  // Reply: To and Subject filled, read-only; Re: not stacked; no Cc until asked.
  await expect(mode('Reply')).toHaveAttribute('aria-pressed', 'true');
  await expect(to).toHaveValue('jane@customer.com');
  await expect(to).toHaveAttribute('readonly', '');
  await expect(subject).toHaveValue('Re: Order 42');
  await expect(subject).toHaveAttribute('readonly', '');
  await expect(cc).toHaveCount(0);
  await mode('Cc').click();
  await expect(cc).toBeEditable();
  await mode('Cc').click();
  await body.click();
  await page.keyboard.type('Thanks for writing');

  // Reply → Reply all: To and Cc filled (our mailbox left out), Cc editable, body kept.
  await mode('Reply all').click();
  await expect(to).toHaveValue('jane@customer.com, bob@customer.com');
  await expect(to).toHaveAttribute('readonly', '');
  await expect(cc).toHaveValue('carol@customer.com');
  await expect(cc).toBeEditable();
  await expect(body).toContainText('Thanks for writing');

  // Reply all → Reply: To filled, Cc cleared.
  await mode('Reply').click();
  await expect(to).toHaveValue('jane@customer.com');
  await mode('Cc').click();
  await expect(cc).toHaveValue('');
  await mode('Cc').click();

  // Reply → Forward: To and Cc cleared and editable; Fwd: subject; the latest email below the text.
  await mode('Forward').click();
  await expect(to).toHaveValue('');
  await expect(to).toBeEditable();
  await expect(cc).toHaveValue('');
  await expect(subject).toHaveValue('Fwd: Order 42');
  await expect(subject).toBeEditable();
  await expect(body).toContainText('Thanks for writing');
  await expect(body).toContainText('Forwarded message');
  await expect(body).toContainText('Where is my order?');
  await to.fill('boss@shop.com');

  // Forward → Reply: To filled, body kept; Forward → Reply all: To and Cc filled.
  await mode('Reply').click();
  await expect(to).toHaveValue('jane@customer.com');
  await expect(body).toContainText('Thanks for writing');
  await mode('Forward').click();
  await mode('Reply all').click();
  await expect(to).toHaveValue('jane@customer.com, bob@customer.com');
  await expect(cc).toHaveValue('carol@customer.com');
  // Reply all → Forward clears To and Cc; the latest email is not loaded twice.
  await mode('Forward').click();
  await expect(to).toHaveValue('');
  await expect(cc).toHaveValue('');
  await expect(body.getByText('Forwarded message')).toHaveCount(1);

  // A new email while the agent writes: the banner (SPEC wording) and the newest highlighted at the top.
  await jane.say('One more thing');
  await expect(page.getByRole('button', { name: 'View all messages to take further action' })).toBeVisible();
  await expect(blocks.first()).toHaveAttribute('data-new', 'true');
  await expect(blocks.first()).toContainText('One more thing');
  await expectAccessible(page);
  await shot(page, 'email-pane');

  // Minimize hides the fields, maximize brings them back; Send carries the email part.
  await page.getByRole('button', { name: 'Minimize' }).click();
  await expect(subject).toBeHidden();
  await page.getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('button', { name: 'Maximize' }).click();
  await expect(subject).toBeVisible();
  await mode('Reply all').click();
  await cc.fill('carol@customer.com, dave@customer.com');
  // Uploads through the real endpoint: an inline image into the editor, a file as an attachment.
  const png = { name: 'dot.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64') };
  await page.locator('.email-toolbar input[type="file"]').setInputFiles(png);
  await expect(body.locator('img[alt="dot.png"]')).toHaveCount(1);
  await page.locator('.email-composer .composer-bar input[type="file"]').setInputFiles({ ...png, name: 'receipt.png' });
  await expect(page.getByRole('button', { name: 'Remove receipt.png' })).toBeVisible();
  const posted = page.waitForRequest((r) => r.method() === 'POST' && /\/api\/conversations\/[^/]+\/messages$/.test(r.url()));
  await page.route('**/api/conversations/*/messages', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ json: { ...emails('x')[1], id: 'sent1', status: 'pending', clientId: route.request().postDataJSON().clientId, conversationId: route.request().url().split('/')[5] } })
      : route.fallback(),
  );
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const sent = (await posted).postDataJSON();
  expect(sent.email).toMatchObject({ mode: 'replyAll', to: ['jane@customer.com', 'bob@customer.com'], cc: ['carol@customer.com', 'dave@customer.com'], subject: 'Re: Order 42', parentId: 'e3' });
  expect(sent.text).toContain('Thanks for writing');
  // The attached file and the image put in the editor (it leaves as an inline part).
  expect(sent.attachmentIds).toHaveLength(2);
  expect(sent.email.html).toMatch(/<img[^>]+alt="dot.png"/);
  expect(sent.email.html).toContain('<p>Thanks for writing');
  // Discarded after sending: back to Reply with an empty editor.
  await expect(mode('Reply')).toHaveAttribute('aria-pressed', 'true');
  await expect(body).not.toContainText('Thanks for writing');

  // A template replaces the editor's text (SPEC F9); Discard empties the composer.
  await body.click();
  await page.keyboard.type('Some draft');
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.getByRole('dialog', { name: 'Templates' }).getByRole('button', { name: /Hello/ }).click();
  await expect(body).toHaveText('Hello Jane Doe, I am Agent One.');
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(body).toHaveText('');

  // Transfer: queues only (email's rules say transferToAgent: false).
  await page.getByRole('button', { name: 'Transfer', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('radio', { name: 'Agent' })).toHaveCount(0);
  await expect(dialog.getByText('Email can be transferred to email queues only.')).toBeVisible();
  await jane.close();
});
