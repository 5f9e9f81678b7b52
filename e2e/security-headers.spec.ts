import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import { accept, composer, expect, setAvailable, signIn, test, thread } from './desktop-helpers';

/**
 * The Desktop, the widget (on our demo page and on another origin) and Swagger UI all work under
 * the Content-Security-Policy the server sends, with not one violation; the Desktop refuses to be
 * framed.
 */

// A real 48×48 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAQUlEQVR4nO3OMQ0AAAgDIN8/tKvhHFJWz8xMOX1JQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEDgHa0Z7gABr8A2ZQAAAABJRU5ErkJggg==',
  'base64',
);

/** Every CSP violation a page reports, as the DOM event and as Chromium's console "Refused to …". */
async function cspViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Refused to|Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('__reportCspViolation', (s: string) => seen.push(`event: ${s}`));
  await page.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => (window as unknown as { __reportCspViolation: (s: string) => void }).__reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`),
      true,
    );
  });
  return seen;
}

/** Another origin on loopback (another port) serving the given pages: a customer's web site. */
async function customerSite(pages: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const body = pages[req.url ?? ''];
    // No favicon: an empty answer, so the browser logs no 404 of the site's own.
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' }).end(body ?? 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server };
}

/** Console errors (CORS, CORP, failed loads) of a page. */
function consoleErrors(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => seen.push(e.message));
  return seen;
}

async function startWidgetChat(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('textbox', { name: 'Email' }).fill('csp@example.com');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
}

test('Desktop, web chat demo and API docs run under the CSP without a violation', async ({ browser, server }) => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const desk = await ctx.newPage();
  const deskViolations = await cspViolations(desk);
  const shop = await ctx.newPage();
  const shopViolations = await cspViolations(shop);

  const page = await desk.goto(server.url);
  expect(page?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await signIn(desk, server.url, 'agent1');
  await setAvailable(desk);

  await shop.goto(`${server.url}/webchat/demo`);
  await startWidgetChat(shop, 'Carol Csp');
  const box = shop.getByRole('textbox', { name: 'Message' });
  await box.fill('Hello from the demo shop');
  await box.press('Enter');

  await accept(desk, 'Carol Csp');
  await expect(thread(desk).getByText('Hello from the demo shop')).toBeVisible();
  await composer(desk).fill('Hi Carol, happy to help');
  await composer(desk).press('Enter');
  const widgetLog = shop.getByRole('log', { name: 'Messages' });
  await expect(widgetLog.getByText('Hi Carol, happy to help')).toBeVisible();

  // An image: uploaded by the widget, shown as a thumbnail from /files, listed on the Desktop.
  const chooser = shop.waitForEvent('filechooser');
  await shop.getByRole('button', { name: 'Attach file' }).click();
  await (await chooser).setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
  const img = widgetLog.getByRole('img', { name: 'receipt.png' });
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(48);
  await expect(thread(desk).getByRole('link', { name: 'receipt.png' })).toBeVisible();
  // Opened on its own, as the Desktop's link does, under the attachments' policy.
  const file = await ctx.newPage();
  const fileViolations = await cspViolations(file);
  await file.goto(new URL((await img.getAttribute('src'))!, server.url).href);
  await expect.poll(() => file.locator('img').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(48);

  // Swagger UI under its own policy.
  const docs = await ctx.newPage();
  const docsViolations = await cspViolations(docs);
  await docs.goto(`${server.url}/docs`);
  await expect(docs.locator('.swagger-ui .opblock').first()).toBeVisible();
  await docs.locator('.swagger-ui .opblock-summary').first().click();
  await expect(docs.locator('.swagger-ui .opblock-body').first()).toBeVisible();

  expect(deskViolations, 'Desktop').toEqual([]);
  expect(shopViolations, 'demo page and widget').toEqual([]);
  expect(docsViolations, 'API docs').toEqual([]);
  expect(fileViolations, 'attachment').toEqual([]);
  await ctx.close();
});

test('the widget works embedded on another origin; that origin cannot frame the Desktop', async ({ browser, server }) => {
  const ctx = await browser.newContext();
  const agent = await ctx.newPage();
  await signIn(agent, server.url, 'agent1');
  await setAvailable(agent);

  const site = await customerSite({
    '/shop': `<!doctype html><html lang="en"><title>Shop</title><body><h1>Shop</h1>
      <script src="${server.url}/webchat/widget.js" data-site="web" async></script></body></html>`,
    '/framer': `<!doctype html><title>Framer</title><iframe src="${server.url}/" title="desktop"></iframe>`,
  });
  const shop = await ctx.newPage();
  const errors = consoleErrors(shop);
  await shop.goto(`${site.url}/shop`);
  await startWidgetChat(shop, 'Otto Origin');
  await shop.getByRole('textbox', { name: 'Message' }).fill('Hello from elsewhere');
  await shop.getByRole('textbox', { name: 'Message' }).press('Enter');
  await accept(agent, 'Otto Origin');
  await expect(thread(agent).getByText('Hello from elsewhere')).toBeVisible();
  await composer(agent).fill('Welcome, Otto');
  await composer(agent).press('Enter');
  await expect(shop.getByRole('log', { name: 'Messages' }).getByText('Welcome, Otto')).toBeVisible();
  expect(errors, 'console errors on the embedding site').toEqual([]);

  // The same site puts the Desktop in a frame: the browser refuses to render it.
  const framing = await ctx.newPage();
  const refused = await cspViolations(framing);
  await framing.goto(`${site.url}/framer`);
  await expect.poll(() => refused.some((s) => /frame-ancestors/.test(s))).toBe(true);
  await expect(framing.frameLocator('iframe').getByRole('textbox', { name: 'Username' })).toHaveCount(0);
  await ctx.close();
  site.server.close();
});
