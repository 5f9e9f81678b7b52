import { expect, test as base, type Page } from '@playwright/test';
import type { ConversationDto, DeskSnapshot, LoginResult } from '@parley/protocol';
import { startServer, type ServerProcess } from '../packages/testkit/src/server-process';

/** A customer who leaves before any agent accepted: the chat is abandoned; coming back, the widget offers a new one. */

const test = base.extend<{ server: ServerProcess }>({
  server: async ({}, use, testInfo) => {
    const server = await startServer({ env: { PARLEY_ABANDON_AFTER_MS: '500' } });
    await use(server);
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server.log', { body: server.logs() });
    await server.stop();
  },
});

async function login(url: string, username: string): Promise<(method: string, path: string, body?: unknown) => Promise<unknown>> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'pw' }) });
  expect(r.status, `${username} login`).toBe(200);
  const { token } = (await r.json()) as LoginResult;
  return async (method, path, body) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

async function offeredConversation(agent: Awaited<ReturnType<typeof login>>, except = ''): Promise<string> {
  let id = '';
  await expect
    .poll(async () => {
      const desk = (await agent('GET', '/api/desk')) as DeskSnapshot;
      id = desk.offers.find((o) => o.conversationId !== except)?.conversationId ?? '';
      return id;
    }, { message: 'an offer for the agent' })
    .not.toBe('');
  return id;
}

async function startChat(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/webchat/demo`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('Carol Customer');
  await page.getByRole('textbox', { name: 'Email' }).fill('carol@example.com');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
}

test('a customer who left before an agent answered finds the chat ended on return, and a new chat works', async ({ browser, server }) => {
  const agent = await login(server.url, 'agent1');
  const supervisor = await login(server.url, 'super');
  await agent('PUT', '/api/me/state', { state: 'available' });
  const context = await browser.newContext();

  const first = await context.newPage();
  await startChat(first, server.url);
  const abandoned = await offeredConversation(agent);
  await first.close(); // the widget's socket goes with the page

  await expect
    .poll(async () => ((await supervisor('GET', `/api/conversations/${abandoned}`)) as ConversationDto).endedBy, { message: 'the chat ends as abandoned' })
    .toBe('abandoned');
  expect(((await agent('GET', '/api/desk')) as DeskSnapshot).offers).toEqual([]);

  // Back on the site: the stored session shows the ended chat, why, and a way to start anew.
  const page = await context.newPage();
  await page.goto(`${server.url}/webchat/demo`);
  await expect(page.getByText('This chat was closed while you were away. Start a new chat to talk to us.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeHidden();
  await page.getByRole('button', { name: 'Start new chat' }).click();
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Carol Customer');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();

  const fresh = await offeredConversation(agent, abandoned);
  await agent('POST', `/api/conversations/${fresh}/accept`);
  await agent('POST', `/api/conversations/${fresh}/messages`, { clientId: 'e2e-hello', text: 'Welcome back!' });
  await expect(page.getByRole('log', { name: 'Messages' }).getByText('Welcome back!')).toBeVisible();
  await context.close();
});
