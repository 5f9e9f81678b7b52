import type { Page } from '@playwright/test';
import { accept, agentPage, composer, expectAccessible, task, thread } from './desktop-helpers';
import { expect, phone, type SimCustomer, customerSays, test } from './channel-helpers';
import { log, startChat } from './webchat-helpers';

/**
 * Attachments from the Agent Desktop (issue 10 point 4): by picker, drag and drop and paste, image
 * previews before sending, the channel's limits and a spoofed type refused with the reason, and the
 * customer receiving the files (the web chat widget; WhatsApp through the provider simulator).
 */

// A real 48×48 PNG (the server reads the type from these bytes).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAQUlEQVR4nO3OMQ0AAAgDIN8/tKvhHFJWz8xMOX1JQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEDgHa0Z7gABr8A2ZQAAAABJRU5ErkJggg==',
  'base64',
);
const maria: SimCustomer = { channel: 'whatsapp', id: '16505551234', name: 'Maria Lopez' };
const ken: SimCustomer = { channel: 'whatsapp', id: '16505559876', name: 'Ken Ito' };

interface FileSpec {
  name: string;
  mimeType: string;
  base64?: string;
  /** Zero bytes after a JPEG signature, to make a file of this size without shipping it from the test. */
  jpegOfBytes?: number;
}

/** Drops files onto the reply box (or `where`: e.g. the thread), as a drag from the desktop does. */
async function dropFiles(page: Page, files: FileSpec[], where = page.locator('form.composer')): Promise<void> {
  await where.evaluate((form, specs) => {
    const dt = new DataTransfer();
    for (const s of specs) {
      const bytes = s.base64 ? Uint8Array.from(atob(s.base64), (ch) => ch.charCodeAt(0)) : new Uint8Array(s.jpegOfBytes ?? 0);
      if (!s.base64) bytes.set([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]);
      dt.items.add(new File([bytes], s.name, { type: s.mimeType }));
    }
    form.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    form.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** Pastes a file into the reply box, as a screenshot from the clipboard arrives. */
async function pasteFile(page: Page, file: FileSpec): Promise<void> {
  await composer(page).evaluate((box, s) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(s.base64!), (ch) => ch.charCodeAt(0))], s.name, { type: s.mimeType }));
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, file);
}

async function pickFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles(files);
}

const png = (name: string): FileSpec => ({ name, mimeType: 'image/png', base64: PNG.toString('base64') });
const tray = (page: Page) => page.getByRole('list', { name: 'Files to send' });
const refusal = (page: Page) => page.locator('.attach-error');

test('web chat: picker, drop and paste with previews; a removed file is not sent; the customer gets the images; spoofed and over-limit files refused', async ({ browser, server, page }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  await page.goto(`${server.url}/webchat/demo`);
  await startChat(page, 'Carol Diaz');
  await accept(a1, 'Carol Diaz');

  await pickFiles(a1, [{ name: 'picked.png', mimeType: 'image/png', buffer: PNG }]);
  // Dropped on the thread: the whole pane takes files.
  await dropFiles(a1, [png('dropped.png')], thread(a1));
  await pasteFile(a1, png('pasted.png'));
  for (const name of ['picked.png', 'dropped.png', 'pasted.png']) {
    const preview = tray(a1).getByRole('img', { name: `Preview of ${name}` });
    await expect(preview).toBeVisible();
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
  }
  await expectAccessible(a1);
  await a1.getByRole('button', { name: 'Remove dropped.png' }).click();
  await expect(tray(a1).getByRole('listitem')).toHaveCount(2);
  await expect(tray(a1).locator('[aria-busy="true"]')).toHaveCount(0);

  await composer(a1).fill('Your receipts');
  await a1.getByRole('button', { name: 'Send' }).click();
  await expect(tray(a1)).toHaveCount(0);
  const sent = thread(a1).locator('.msg-out').filter({ hasText: 'Your receipts' });
  await expect(sent.getByRole('img', { name: /\.png$/ })).toHaveCount(2);
  for (const name of ['picked.png', 'pasted.png']) {
    const img = log(page).getByRole('img', { name });
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(48);
  }
  await expect(log(page).getByRole('img', { name: 'dropped.png' })).toHaveCount(0);

  // A PNG name on HTML bytes: the browser believes the name, the server reads the bytes.
  await dropFiles(a1, [{ name: 'invoice.png', mimeType: 'image/png', base64: Buffer.from('<html><script>alert(1)</script></html>').toString('base64') }]);
  await expect(refusal(a1)).toHaveText(/Could not upload invoice\.png: The file holds HTML, SVG or script/);
  await expect(tray(a1).getByRole('listitem').filter({ hasText: 'invoice.png' })).toContainText('Not uploaded');
  await expect(a1.getByRole('button', { name: 'Send' })).toBeDisabled();
  await a1.getByRole('button', { name: 'Remove invoice.png' }).click();

  // Over the web chat limit (25 MB): refused before any upload.
  await dropFiles(a1, [{ name: 'scan.jpg', mimeType: 'image/jpeg', jpegOfBytes: 25 * 1024 * 1024 + 1 }]);
  await expect(refusal(a1)).toHaveText('scan.jpg is larger than 25 MB, the limit for this kind of file on this channel');
  await expect(tray(a1)).toHaveCount(0);
});

test('WhatsApp: the channel’s own limits in the composer; picked, dropped and pasted images reach the customer’s phone through the media API', async ({ browser, server, sim }) => {
  const a1 = await agentPage(browser, server.url, 'agent1');
  await customerSays(sim, maria, 'Can you send the label?');
  await accept(a1, 'Maria Lopez');

  // WhatsApp images are JPEG or PNG up to 5 MB; a GIF can't be sent at all.
  await dropFiles(a1, [{ name: 'label.jpg', mimeType: 'image/jpeg', jpegOfBytes: 6 * 1024 * 1024 }]);
  await expect(refusal(a1)).toHaveText('label.jpg is larger than 5 MB, the limit for this kind of file on this channel');
  await pickFiles(a1, [{ name: 'smile.gif', mimeType: 'image/gif', buffer: Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64') }]);
  await expect(refusal(a1)).toHaveText('smile.gif: this kind of file can’t be sent on this channel');

  await pickFiles(a1, [{ name: 'label.png', mimeType: 'image/png', buffer: PNG }]);
  await dropFiles(a1, [png('map.png')]);
  await pasteFile(a1, png('screenshot.png'));
  await expect(refusal(a1)).toHaveCount(0);
  await expect(tray(a1).getByRole('img')).toHaveCount(3);
  await expect(tray(a1).locator('[aria-busy="true"]')).toHaveCount(0);
  // Another task in between: the files stay with Maria's reply, as its text draft does.
  await customerSays(sim, ken, 'Hello?');
  await accept(a1, 'Ken Ito');
  await expect(tray(a1)).toHaveCount(0);
  await task(a1, 'Maria Lopez').getByRole('button').click();
  await expect(tray(a1).getByRole('img')).toHaveCount(3);
  await composer(a1).fill('Here it is');
  await composer(a1).press('Enter');

  // Uploaded to WhatsApp's /media, then sent by id: three image messages, the text as the first caption.
  await expect.poll(() => phone(sim, maria).filter((e) => e.direction === 'out' && e.media?.kind === 'image').length).toBe(3);
  const images = phone(sim, maria).filter((e) => e.direction === 'out' && e.media?.kind === 'image');
  expect(images[0]!.media!.caption).toBe('Here it is');
  for (const e of images) {
    const got = await fetch(`${sim.url}/_sim/media/${encodeURIComponent(e.media!.mediaId!)}`);
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
  }
  const sent = thread(a1).locator('.msg-out').filter({ hasText: 'Here it is' });
  await expect(sent.getByRole('img', { name: 'Delivered' })).toBeVisible();
});
