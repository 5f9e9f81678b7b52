import { expect, test as base } from '@playwright/test';
import { startServer, type ServerProcess } from '../packages/testkit/src/index';
import { acceptNext, agentUpload, availableAgent, hostPage, log, startChat } from './webchat-helpers';

/** The widget embedded on another site (a second origin) against a real Parley server. */

// A real 48×48 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAQUlEQVR4nO3OMQ0AAAgDIN8/tKvhHFJWz8xMOX1JQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEDgHa0Z7gABr8A2ZQAAAABJRU5ErkJggg==',
  'base64',
);

const test = base.extend<{ server: ServerProcess }>({
  server: async ({}, use, testInfo) => {
    const server = await startServer();
    await use(server);
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server.log', { body: server.logs() });
    await server.stop();
  },
});

test("an agent's attachments load in a widget embedded on another origin", async ({ page, server }) => {
  const host = await hostPage(server.url);
  try {
    const agent = await availableAgent(server.url, 'agent1');
    await page.goto(host.url);
    expect(new URL(page.url()).origin).not.toBe(new URL(server.url).origin);
    await startChat(page);
    const conv = await acceptNext(agent);

    const image = await agentUpload(agent, 'photo.png', 'image/png', PNG);
    const doc = await agentUpload(agent, 'notes.txt', 'text/plain', Buffer.from('order 42'));
    await agent.sendMessage(conv, 'Here you go', { attachmentIds: [image.id, doc.id] });

    // The thumbnail's bytes came from the Parley server: it decoded to a real image.
    const thumb = log(page).getByRole('img', { name: 'photo.png' });
    await expect(thumb).toBeVisible();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);

    // The file link points at the Parley server and answers 200 from the host page.
    const link = log(page).getByRole('link', { name: /notes\.txt/ });
    const href = (await link.getAttribute('href')) ?? '';
    expect(new URL(href).origin).toBe(new URL(server.url).origin);
    const status = await page.evaluate(async (u) => (await fetch(u)).status, href);
    expect(status).toBe(200);
  } finally {
    await host.close();
  }
});
