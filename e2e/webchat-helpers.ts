import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page } from '@playwright/test';
import type { AttachmentDto, DeskSnapshot } from '@parley/protocol';
import { AgentClient, CustomerClient } from '../packages/testkit/src/index';

/** Web chat browser-test helpers: a host page on another origin, the widget's controls, agents over the API. */

/** A static page on a second loopback origin (its own ephemeral port) embedding the widget from `parleyUrl`. */
export async function hostPage(parleyUrl: string, attrs = 'data-site="web"'): Promise<{ url: string; close: () => Promise<void> }> {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Another shop</title></head>
<body><h1>Another shop</h1><script src="${parleyUrl}/webchat/widget.js" ${attrs} async></script></body></html>`;
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export const log = (page: Page) => page.getByRole('log', { name: 'Messages' });
export const widgetBox = (page: Page) => page.getByRole('textbox', { name: 'Message' });

/** Opens the widget on the current page and starts a chat. */
export async function startChat(page: Page, name = 'Carol Diaz'): Promise<void> {
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('textbox', { name: 'Email' }).fill('carol@example.com');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(widgetBox(page)).toBeFocused();
}

/** Logs in an agent (REST + event socket) and makes them Available. */
export async function availableAgent(url: string, username: string): Promise<AgentClient> {
  const a = await AgentClient.login(url, username);
  await a.connect();
  await a.available();
  return a;
}

/** Waits for the agent's pending offer and accepts it; returns the conversation id. */
export async function acceptNext(agent: AgentClient): Promise<string> {
  let id = '';
  await expect
    .poll(async () => {
      const desk: DeskSnapshot = await agent.desk();
      id = desk.offers.find((o) => o.agentId === agent.id)?.conversationId ?? '';
      return id;
    }, { message: `an offer for ${agent.agent.displayName}` })
    .not.toBe('');
  await agent.accept(id);
  return id;
}

/** Uploads a file as the agent (POST /api/attachments). */
export async function agentUpload(agent: AgentClient, name: string, mimeType: string, bytes: Buffer): Promise<AttachmentDto> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: mimeType }), name);
  const r = await fetch(`${agent.baseUrl}/api/attachments`, { method: 'POST', headers: { authorization: `Bearer ${agent.token}` }, body: form });
  expect(r.status, 'agent upload').toBe(200);
  return (await r.json()) as AttachmentDto;
}

/** The widget's stored session on this page, as a protocol client (to write many messages quickly). */
export async function widgetSessionClient(page: Page, parleyUrl: string, site = 'web'): Promise<CustomerClient> {
  const raw = await page.evaluate((key) => localStorage.getItem(key), `parley.webchat:${parleyUrl}:${site}`);
  const s = JSON.parse(raw ?? 'null') as { token: string; conversationId: string } | null;
  if (!s) throw new Error('no widget session in localStorage');
  const c = new CustomerClient(parleyUrl, s.token, s.conversationId);
  await c.connect();
  return c;
}
