import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { FrameLocator, Page } from '@playwright/test';
import { safeAttachmentFilename } from '../packages/channels/src/email/filename';
import { XSS_VECTORS } from '../packages/channels/src/email/xss-vectors';
import { expect, setAvailable, signIn } from './desktop-helpers';
import { MAILBOX, test as emailTest } from './email-helpers';

/**
 * The whole XSS corpus of the email sanitizer, delivered as real mail over SMTP to a running server
 * and opened in the Desktop by an agent: nothing runs (no dialog, no `__pwned` on the Desktop's window,
 * no `data-pwned` mark in any email frame: every `alert(` of the corpus also sets that mark), nothing loads from the network (a local "beacon" the vectors aim at gets no connection,
 * also after "Show remote images", which loads only that email's https images), and the sender's
 * name, subjects and attachment names show as the literal text they are.
 */

const ANN = 'ann@customer.example';
const NAME = 'Ann <img src=x onerror="alert(1)"> "</dd><script>parent.__pwned=1</script>';
const SUBJECTS = [
  '<script>alert(1)</script>',
  '<img src=x onerror="parent.__pwned=2">',
  '"><svg/onload=alert(1)>',
  "{{constructor.constructor('alert(1)')()}}",
  'javascript:alert(1)',
  '&lt;b&gt;not bold&lt;/b&gt; &amp;',
];
const FILENAMES = ['<img src=x onerror=alert(1)>.pdf', '"><script>alert(1)</script>.pdf', 'javascript:alert(1).pdf', '{{7*7}} &amp; #{alert(1)}.pdf'];
const PDF = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');

/** A server that records every connection and request: the vectors aim at it, so it must hear nothing. */
interface Beacon {
  origin: string;
  connections: number;
  paths: string[];
  close(): Promise<void>;
}

async function startBeacon(tls?: { key: Buffer; cert: Buffer }): Promise<Beacon> {
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    beacon.paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' }).end(GIF);
  };
  const server = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  // A connection counts even when it never becomes a request (a preconnect, an aborted prefetch).
  server.on('connection', () => beacon.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const beacon: Beacon = {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    connections: 0,
    paths: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return beacon;
}

/** A throwaway self-signed certificate for 127.0.0.1 (the browser context ignores that it is untrusted). */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'parley-xss-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What a script that ran inside an email frame leaves behind. A mark in the DOM, not a window
 * property: the test reads the frames through Playwright's own world, which shares the DOM only.
 */
const PROBE = 'document.documentElement.dataset.pwned=';

/** Every way an email could make the browser reach out, aimed at the beacon (`b`), plus script probes. */
function beaconVectors(b: string, tlsBeacon: string): string[] {
  return [
    `<img src="${b}/img"><img src="${b}/img2" srcset="${b}/srcset 1x"><img src="${tlsBeacon}/blocked.png">`,
    `<div style="background:url(${b}/css-bg)">a</div><p style="background-image:url('${b}/css-bgi')">b</p><td style="border-image:url(${b}/css-border) 30">c</td>`,
    `<style>@import url(${b}/import.css); body { background: url(${b}/style-bg) } @font-face { font-family: x; src: url(${b}/font) }</style><p style="font-family:x">f</p>`,
    `<meta http-equiv="refresh" content="0;url=${b}/refresh"><link rel="prefetch" href="${b}/prefetch"><link rel="preload" as="image" href="${b}/preload"><link rel="stylesheet" href="${b}/sheet.css"><link rel="preconnect" href="${b}">`,
    `<form action="${b}/form" method="post"><input name="q" value="1"><button>go</button></form><form><button formaction="${b}/formaction">go</button></form>`,
    `<base href="${b}/base/"><img src="relative.png"><a href="relative">rel</a>`,
    `<table background="${b}/table-bg"><tr><td background="${b}/td-bg">t</td></tr></table><body background="${b}/body-bg">`,
    `<video poster="${b}/poster" src="${b}/video"></video><audio src="${b}/audio" autoplay></audio><object data="${b}/object"></object><embed src="${b}/embed"><iframe src="${b}/iframe"></iframe>`,
    `<svg><image href="${b}/svg-image"/></svg><input type="image" src="${b}/input"><a ping="${b}/ping" href="https://ok.example">ping</a>`,
    `<img src=x onerror="${PROBE}1;parent.__pwned=1"><script>${PROBE}2;parent.__pwned=2;new Image().src='${b}/script'</script><svg onload="${PROBE}3"></svg>`,
    `<details open ontoggle="${PROBE}4"><summary>s</summary></details><body onload="${PROBE}5"><a href="javascript:${PROBE}6">js</a>`,
  ];
}

const test = emailTest.extend<{ beacon: Beacon; tlsBeacon: Beacon }>({
  beacon: async ({}, use) => {
    const b = await startBeacon();
    await use(b);
    await b.close();
  },
  tlsBeacon: async ({}, use) => {
    const b = await startBeacon(selfSigned());
    await use(b);
    await b.close();
  },
});

// The https beacon's certificate is self-signed: only that image load is let through by the context.
test.use({ ignoreHTTPSErrors: true });

interface Mail extends SendMailOptions {
  subject: string;
}

/** One mail per vector (so no vector hides inside another's unclosed tag), all in one thread. */
function corpus(beacon: string, tlsBeacon: string): Mail[] {
  const aimed = XSS_VECTORS.map((v) =>
    v
      .replaceAll('https://xss.example', beacon)
      .replaceAll('//xss.example', beacon.replace(/^http:/, ''))
      .replaceAll('alert(', `${PROBE}alert(`),
  );
  const bodies = [...aimed, ...beaconVectors(beacon, tlsBeacon)];
  const mails: Mail[] = bodies.map((v, i) => ({
    subject: `${i}: ${SUBJECTS[i % SUBJECTS.length]}`,
    text: `vector ${i}`,
    html: `<p>vector ${i}</p>${v}`,
    ...(i < FILENAMES.length ? { attachments: [{ filename: FILENAMES[i], content: PDF, contentType: 'application/pdf' }] } : {}),
  }));
  // The email whose images the agent shows: one https image (loads), http ones (never offered).
  mails.push({
    subject: 'shown: remote images',
    text: 'images',
    html: `<p>shown images</p><img alt="https logo" src="${tlsBeacon}/shown.png"><img src="${beacon}/shown-http.png"><div style="background:url(${tlsBeacon}/shown-css)">x</div>`,
  });
  // Another email with an https image the agent never allows.
  mails.push({ subject: 'other: remote images', text: 'other', html: `<p>other images</p><img alt="other logo" src="${tlsBeacon}/other.png">` });
  return mails;
}

/** Sends `mails` as the customer; all but the very first (`from` 0) answer the first, so one thread. */
async function deliver(smtpPort: number, mails: Mail[], from = 0): Promise<void> {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, logger: false, pool: true, maxConnections: 1 });
  try {
    for (const [n, mail] of mails.entries()) {
      const i = from + n;
      const thread = i === 0 ? {} : { inReplyTo: '<xss-0@customer.example>', references: ['<xss-0@customer.example>'] };
      await t.sendMail({ from: { name: NAME, address: ANN }, to: MAILBOX, messageId: `<xss-${i}@customer.example>`, ...thread, ...mail });
    }
  } finally {
    t.close();
  }
}

/** Nothing ran: no probe on the Desktop's window, no mark in any email frame, no dialog. */
async function nothingRan(page: Page, frames: FrameLocator[], dialogs: string[]): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await expect(page.locator('[data-pwned]')).toHaveCount(0);
  await Promise.all(frames.map((f) => expect(f.locator('[data-pwned]')).toHaveCount(0)));
  expect(dialogs).toEqual([]);
}

test('email XSS corpus: real mail in, opened by an agent, nothing runs, nothing loads, names stay text', async ({ page, server, beacon, tlsBeacon }) => {
  test.setTimeout(90_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  const mails = corpus(beacon.origin, tlsBeacon.origin);
  await deliver(server.smtpPort!, mails);

  await signIn(page, server.url, 'agent1');
  await setAvailable(page);
  const offer = page.getByRole('region', { name: 'Incoming requests' }).getByRole('article', { name: 'New Email request' });
  await expect(offer.getByRole('definition').filter({ hasText: NAME })).toHaveText(NAME);
  await offer.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(NAME);

  // Every mail is in the one thread, its subject and sender the literal text, its body rendered in its frame.
  const log = page.getByRole('log', { name: 'Messages' });
  const block = (subject: string) => log.getByRole('article', { name: subject, exact: true });
  await expect(log.getByRole('article')).toHaveCount(mails.length);
  const sorted = (xs: string[]) => [...xs].sort();
  expect(sorted(await log.getByRole('heading', { level: 3 }).allTextContents())).toEqual(sorted(mails.map((m) => m.subject)));
  await expect(log.getByRole('article').filter({ hasText: `${NAME} <${ANN}>` })).toHaveCount(mails.length);
  // Each frame has rendered its mail (its first paragraph is there) before anything is judged.
  const frames = mails.map((m) => block(m.subject).getByTitle(`Email: ${m.subject}`, { exact: true }).contentFrame());
  await Promise.all(mails.map((m, i) => expect(frames[i]!.locator('body > p').first()).toHaveText(/^<p>([^<]*)<\/p>/.exec(String(m.html))?.[1] ?? '')));
  // Attachment names: the stored (filesystem-safe) name, shown as text.
  for (const [i, name] of FILENAMES.entries()) {
    await expect(block(mails[i]!.subject).getByRole('link', { name: safeAttachmentFilename(name, 'application/pdf', 0), exact: true })).toBeVisible();
  }

  // No vector brought a frame of its own; nothing ran on the Desktop (the frames are judged once, at the end).
  expect(page.frames().length).toBe(mails.length + 1);
  await nothingRan(page, [], dialogs);

  // "Show remote images" on one email: its https image loads (no referrer); its http image and CSS
  // stay silent; the other email's image stays blocked.
  const shown = block('shown: remote images');
  const other = block('other: remote images');
  await expect(other.getByRole('button', { name: 'Show remote images' })).toBeVisible();
  expect(tlsBeacon.paths).toEqual([]);
  await shown.getByRole('button', { name: 'Show remote images' }).click();
  await expect(shown.getByRole('status')).toHaveText('Remote images are shown for this email.');
  await expect(shown.getByRole('button', { name: 'Show remote images' })).toHaveCount(0);
  const logo = shown.getByTitle('Email: shown: remote images', { exact: true }).contentFrame().getByRole('img', { name: 'https logo' });
  await expect(logo).toHaveAttribute('referrerpolicy', 'no-referrer');
  await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  expect(tlsBeacon.paths).toEqual(['/shown.png']);
  await expect(other.getByRole('button', { name: 'Show remote images' })).toBeVisible();

  // A new mail re-renders the thread: the choice stays, nothing is fetched again or unblocked elsewhere.
  await deliver(server.smtpPort!, [{ subject: 'later', text: 'later', html: '<p>later</p>' }], mails.length);
  await expect(block('later')).toBeVisible();
  await expect(shown.getByRole('status')).toHaveText('Remote images are shown for this email.');
  await expect(logo).toHaveAttribute('referrerpolicy', 'no-referrer');
  await expect(other.getByRole('button', { name: 'Show remote images' })).toBeVisible();
  expect(tlsBeacon.paths).toEqual(['/shown.png']);

  await nothingRan(page, frames, dialogs);
  expect(beacon.paths).toEqual([]);
  expect(beacon.connections).toBe(0);
});
