import { expect, test as base, type Page } from '@playwright/test';
import type { AgentEvent, AgentServerFrame, DeskSnapshot, LoginResult, MessageDto } from '@parley/protocol';
import WebSocket from 'ws';
import { startServer, testConfig, type ServerProcess } from '../packages/testkit/src/server-process';
import { expectAccessible } from './axe';

/** Customer web chat widget against a real server, with the agent side driven over the agent API. */

// A real 48×48 PNG, so the server's type sniffing (if any) sees an image.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAQUlEQVR4nO3OMQ0AAAgDIN8/tKvhHFJWz8xMOX1JQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEDgHa0Z7gABr8A2ZQAAAABJRU5ErkJggg==',
  'base64',
);

const test = base.extend<{ server: ServerProcess }>({
  server: async ({}, use, testInfo) => {
    // Offers wait 30 s: long enough that polling for one on a loaded machine never races its expiry.
    const server = await startServer({ config: testConfig({ offerTimeoutSeconds: 30 }) });
    await use(server);
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server.log', { body: server.logs() });
    await server.stop();
  },
});

class Agent {
  private socket: WebSocket | null = null;
  readonly events: AgentEvent[] = [];

  private constructor(
    readonly url: string,
    readonly token: string,
    readonly name: string,
  ) {}

  static async login(url: string, username = 'agent1'): Promise<Agent> {
    const r = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'pw' }),
    });
    expect(r.status, 'agent login').toBe(200);
    const body = (await r.json()) as LoginResult;
    return new Agent(url, body.token, body.agent.displayName);
  }

  async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await fetch(this.url + path, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path} -> ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  available(): Promise<unknown> {
    return this.api('PUT', '/api/me/state', { state: 'available' });
  }

  /** Polls the desk until an offer arrives and returns its conversation id. */
  async waitOffer(): Promise<string> {
    let id = '';
    await expect
      .poll(async () => {
        const desk = await this.api<DeskSnapshot>('GET', '/api/desk');
        id = desk.offers[0]?.conversationId ?? '';
        return id;
      }, { message: 'an offer for the agent' })
      .not.toBe('');
    return id;
  }

  async acceptNext(): Promise<string> {
    const id = await this.waitOffer();
    await this.api('POST', `/api/conversations/${id}/accept`);
    return id;
  }

  send(conversationId: string, text: string): Promise<MessageDto> {
    return this.api('POST', `/api/conversations/${conversationId}/messages`, { clientId: `t-${Date.now()}-${Math.random()}`, text });
  }

  async messages(conversationId: string): Promise<MessageDto[]> {
    return (await this.api<{ messages: MessageDto[] }>('GET', `/api/conversations/${conversationId}/messages`)).messages;
  }

  async connect(): Promise<void> {
    const ws = new WebSocket(`${this.url.replace(/^http/, 'ws')}/api/ws?token=${encodeURIComponent(this.token)}`);
    ws.on('message', (raw) => {
      const f = JSON.parse(String(raw)) as AgentServerFrame;
      if (f.type === 'event') this.events.push(f.event);
    });
    await new Promise<void>((ok, fail) => {
      ws.once('message', () => ok());
      ws.once('error', fail);
    });
    this.socket = ws;
  }

  typing(conversationId: string, typing: boolean): void {
    this.socket?.send(JSON.stringify({ type: 'typing', conversationId, typing }));
  }

  close(): void {
    this.socket?.close();
  }
}

/** Opens the demo shop, opens the widget and starts a chat. */
async function startChat(page: Page, server: ServerProcess, name = 'Carol Customer'): Promise<void> {
  await page.goto(`${server.url}/webchat/demo`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page.getByRole('textbox', { name: 'Email' }).fill('carol@example.com');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
}

/**
 * Agent logged in and available, customer chatting, offer accepted — and the widget has heard so on
 * its socket. (The composer is focused while the socket still connects; typing signals sent before
 * it is open are dropped, so tests start from the connected state, not from the focus.)
 */
async function connected(page: Page, server: ServerProcess): Promise<{ agent: Agent; conv: string }> {
  const agent = await Agent.login(server.url);
  await agent.available();
  await startChat(page, server);
  const conv = await agent.acceptNext();
  await expect(page.getByText(`Chatting with ${agent.name}`)).toBeVisible();
  return { agent, conv };
}

const log = (page: Page) => page.getByRole('log', { name: 'Messages' });

test('pre-chat form validates name and email inline', async ({ page, server }) => {
  await page.goto(`${server.url}/webchat/demo`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const name = page.getByRole('textbox', { name: 'Name' });
  const email = page.getByRole('textbox', { name: 'Email' });
  await expect(name).toBeFocused();

  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByText('Please enter your name.')).toBeVisible();
  await expect(page.getByText('Please enter your email.')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toBeFocused();

  await name.fill('Carol');
  await email.fill('carol@example');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByText('Please enter your name.')).toBeHidden();
  await expect(page.getByText(/valid email address/)).toBeVisible();
  await expect(email).toBeFocused();
  await expect(email).toHaveAccessibleDescription(/valid email address/);

  // Minimize and reopen keeps what was typed.
  await page.getByRole('button', { name: 'Minimize chat' }).click();
  await expect(page.getByRole('button', { name: 'Open chat' })).toBeFocused();
  await page.getByRole('button', { name: 'Open chat' }).click();
  await expect(name).toHaveValue('Carol');
});

test('start chat, messages both ways in real time, agent sees customer details', async ({ page, server }) => {
  const agent = await Agent.login(server.url);
  await agent.available();
  await startChat(page, server);
  await expect(page.getByText('Waiting for an agent…')).toBeVisible();

  const conv = await agent.waitOffer();
  const desk = await agent.api<DeskSnapshot>('GET', '/api/desk');
  const c = desk.conversations.find((x) => x.id === conv);
  expect(c?.customer).toMatchObject({ name: 'Carol Customer', email: 'carol@example.com' });
  expect(c?.channel).toBe('webchat');

  await agent.api('POST', `/api/conversations/${conv}/accept`);
  await expect(log(page).getByText(`${agent.name} joined the chat`)).toBeVisible();
  await expect(page.getByText(`Chatting with ${agent.name}`)).toBeVisible();

  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Hello, where is my order?');
  await box.press('Enter');
  await expect(box).toHaveValue('');
  await expect(log(page).getByText('Hello, where is my order?')).toBeVisible();
  await expect(log(page).getByText(/· Sent|· Delivered|· Read/)).toBeVisible();
  await expect.poll(async () => (await agent.messages(conv)).map((m) => m.text)).toContain('Hello, where is my order?');

  // Shift+Enter makes a new line instead of sending.
  await box.fill('line one');
  await box.press('Shift+Enter');
  await box.pressSequentially('line two');
  await expect(box).toHaveValue('line one\nline two');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(async () => (await agent.messages(conv)).map((m) => m.text)).toContain('line one\nline two');

  await agent.send(conv, 'Hi Carol, let me check.');
  const reply = log(page).getByText('Hi Carol, let me check.');
  await expect(reply).toBeVisible();
  // Agent messages sit on the left with the agent's name; the customer's on the right.
  const replyBox = await reply.boundingBox();
  const ownBox = await log(page).getByText('Hello, where is my order?').boundingBox();
  expect(replyBox!.x).toBeLessThan(ownBox!.x);
  await expect(log(page).getByText(agent.name, { exact: true })).toBeVisible();
});

test('image attachment uploads, shows as a thumbnail, and reaches the agent', async ({ page, server }) => {
  const { agent, conv } = await connected(page, server);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach file' }).click();
  await (await chooser).setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });

  const img = log(page).getByRole('img', { name: 'receipt.png' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(48);

  let att: MessageDto['attachments'][number] | undefined;
  await expect
    .poll(async () => {
      att = (await agent.messages(conv)).flatMap((m) => m.attachments).find((a) => a.name === 'receipt.png');
      return att?.mimeType;
    })
    .toBe('image/png');
  const file = await fetch(new URL(att!.url, server.url));
  expect(file.status).toBe(200);
  expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
});

test('attachment errors: unsupported type, too large (client check and server 413)', async ({ page, server }) => {
  await connected(page, server);
  const attach = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach file' }).click();
    await (await chooser).setFiles(file);
  };
  const alert = page.getByRole('alert').filter({ hasText: /file/ });

  await attach({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ not really') });
  await expect(alert).toHaveText(/That file type is not supported\./);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toBeHidden();

  await attach({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(25 * 1024 * 1024 + 1) });
  await expect(alert).toHaveText(/That file is too large\. The limit is 25 MB\./);

  // A server with a lower limit answers 413 with the documented error body.
  await page.route('**/webchat/api/attachments', (route) =>
    route.fulfill({
      status: 413,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'PARLEY_ERR_PAYLOAD_TOO_LARGE', message: 'A file can be at most 1 MB' } }),
    }),
  );
  await attach({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
  await expect(alert).toHaveText(/That file is too large\./);
  await expect(log(page).getByRole('img')).toHaveCount(0);
});

test('typing indicator both ways', async ({ page, server }) => {
  const { agent, conv } = await connected(page, server);
  await agent.connect();
  try {
    await page.getByRole('textbox', { name: 'Message' }).pressSequentially('I am wri');
    await expect
      .poll(() => agent.events.some((e) => e.type === 'typing' && e.conversationId === conv && e.typing))
      .toBe(true);
    // Stops by itself after 3 s without keystrokes.
    await expect
      .poll(() => agent.events.filter((e) => e.type === 'typing').at(-1), { timeout: 8_000 })
      .toMatchObject({ typing: false });

    agent.typing(conv, true);
    await expect(page.getByText(`${agent.name} is typing…`)).toBeVisible();
    agent.typing(conv, false);
    await expect(page.getByText(`${agent.name} is typing…`)).toBeHidden();
  } finally {
    agent.close();
  }
});

test('agent ends: customer sees the agent left and can start a new chat', async ({ page, server }) => {
  const { agent, conv } = await connected(page, server);
  await agent.send(conv, 'Glad I could help.');
  await expect(log(page).getByText('Glad I could help.')).toBeVisible();
  await agent.api('POST', `/api/conversations/${conv}/end`);

  await expect(log(page).getByText(`${agent.name} left the chat`)).toBeVisible();
  await expect(page.getByText('Chat ended', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeHidden();
  await page.getByRole('button', { name: 'Start new chat' }).click();
  // The new chat is prefilled with the customer's details.
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Carol Customer');
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue('carol@example.com');
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await expect(log(page).getByText('Glad I could help.')).toBeHidden();
});

test('customer ends the chat after confirming: the agent sees customer_left', async ({ page, server }) => {
  const { agent, conv } = await connected(page, server);
  await page.getByRole('button', { name: 'End chat' }).click();
  await expect(page.getByText('End this chat?')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'End chat' })).toBeFocused();

  await page.getByRole('button', { name: 'End chat' }).click();
  await page.getByRole('button', { name: 'Yes, end chat' }).click();
  await expect(page.getByRole('button', { name: 'Start new chat' })).toBeFocused();
  await expect(log(page).getByText('You left the chat')).toBeVisible();

  await expect
    .poll(async () => (await agent.messages(conv)).some((m) => m.authorType === 'system' && m.notice?.code === 'customer_left'))
    .toBe(true);
  const c = await agent.api<{ status: string; endedBy: string | null }>('GET', `/api/conversations/${conv}`);
  expect(c.status).toBe('ended');
  expect(c.endedBy).toBe('customer');
});

test('reload keeps the session, the thread and the open panel', async ({ page, server }) => {
  const { agent, conv } = await connected(page, server);
  await page.getByRole('textbox', { name: 'Message' }).fill('Before reload');
  await page.keyboard.press('Enter');
  // Stored before the reload (not still in flight on the socket the reload closes).
  await expect.poll(async () => (await agent.messages(conv)).map((m) => m.text)).toContain('Before reload');
  await agent.send(conv, 'Agent before reload');
  await expect(log(page).getByText('Agent before reload')).toBeVisible();

  await page.reload();
  await expect(log(page).getByText('Before reload', { exact: true })).toBeVisible();
  await expect(log(page).getByText('Agent before reload')).toBeVisible();
  // No duplicates from the REST snapshot and the socket's hello.
  await expect(log(page).getByText('Before reload', { exact: true })).toHaveCount(1);

  await page.getByRole('textbox', { name: 'Message' }).fill('After reload');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await agent.messages(conv)).map((m) => m.text)).toContain('After reload');
  await agent.send(conv, 'Agent after reload');
  await expect(log(page).getByText('Agent after reload')).toBeVisible();

  // Minimized state also survives a reload; messages then raise an unread badge.
  await page.getByRole('button', { name: 'Minimize chat' }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Open chat' })).toBeVisible();
  await agent.send(conv, 'While minimized');
  await expect(page.getByRole('button', { name: /Open chat \(1 unread\)/ })).toBeVisible();
});

test('a message over 1000 characters shows an error and cannot be sent', async ({ page, server }) => {
  const { agent, conv } = await connected(page, server);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('y'.repeat(900));
  await expect(page.getByText('900 / 1000')).toBeVisible();
  await box.fill('x'.repeat(1001));
  await expect(page.getByText('Your message is too long. The limit is 1000 characters.')).toBeVisible();
  await expect(page.getByText('1001 / 1000')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await box.press('Enter');
  await expect(box).toHaveValue('x'.repeat(1001));

  // Exactly at the limit is fine.
  await box.press('Backspace');
  await expect(page.getByText('Your message is too long.', { exact: false })).toBeHidden();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect
    .poll(async () => (await agent.messages(conv)).some((m) => m.text === 'x'.repeat(1000)))
    .toBe(true);
});

test('the server refuses a too long message: the widget marks it failed with Retry', async ({ page, server }) => {
  await connected(page, server);
  // Bypass the composer's own check to exercise the server's PARLEY_ERR_MESSAGE_TOO_LONG path.
  await page.evaluate(() => {
    const proto = globalThis.WebSocket.prototype;
    const send = proto.send;
    proto.send = function (this: globalThis.WebSocket, data: Parameters<typeof send>[0]) {
      const f = JSON.parse(String(data)) as { type: string; text?: string };
      if (f.type === 'message' && f.text === 'LONG') f.text = 'z'.repeat(1500);
      return send.call(this, JSON.stringify(f));
    };
  });
  await page.getByRole('textbox', { name: 'Message' }).fill('LONG');
  await page.keyboard.press('Enter');
  await expect(log(page).getByText('Your message is too long.')).toBeVisible();
  await expect(log(page).getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('over the message rate: the widget shows why, keeps the text and offers Retry; nothing extra is stored', async ({ page }) => {
  // Two messages, and no refill: the third is refused whatever the machine's speed.
  const server = await startServer({ env: { PARLEY_MESSAGE_BURST: '2', PARLEY_MESSAGE_PER_SECOND: '0' } });
  try {
    const { agent, conv } = await connected(page, server);
    const box = page.getByRole('textbox', { name: 'Message' });
    for (const text of ['first', 'second', 'third, too fast']) {
      await box.fill(text);
      await box.press('Enter');
      await expect(log(page).getByText(text)).toBeVisible();
    }
    await expect(log(page).getByText('You are sending too fast, so this message was not sent.', { exact: false })).toBeVisible();
    await expect(log(page).getByRole('button', { name: 'Retry' })).toHaveCount(1);
    await expect(log(page).getByText('third, too fast')).toBeVisible();
    await expect.poll(async () => (await agent.messages(conv)).filter((m) => m.authorType === 'customer').map((m) => m.text).sort()).toEqual(['first', 'second']);
  } finally {
    await server.stop();
  }
});

test('a chat open in more windows than allowed: the extra one says so, and gets in once another closes', async ({ context }) => {
  const server = await startServer({ env: { PARLEY_SOCKETS_PER_CHAT: '1' } });
  try {
    const first = await context.newPage();
    await startChat(first, server);
    const second = await context.newPage(); // same storage: the same chat session
    await second.goto(`${server.url}/webchat/demo`);
    const refused = second.getByText('This chat is open in too many windows.', { exact: false });
    await expect(refused).toBeVisible();
    await first.close();
    // It retries with back-off (at most 10 s apart) and gets in.
    await expect(refused).toBeHidden({ timeout: 30_000 });
    const box = second.getByRole('textbox', { name: 'Message' });
    await box.fill('from the second window');
    await box.press('Enter');
    const token = await second.evaluate(
      (origin) => (JSON.parse(localStorage.getItem(`parley.webchat:${origin}:web`) ?? '{}') as { token?: string }).token,
      server.url,
    );
    await expect
      .poll(async () => {
        const r = await fetch(`${server.url}/webchat/api/session`, { headers: { authorization: `Bearer ${token}` } });
        return ((await r.json()) as { messages: MessageDto[] }).messages.map((m) => m.text);
      })
      .toContain('from the second window');
  } finally {
    await server.stop();
  }
});

test('an unknown stored session returns to the pre-chat form', async ({ page, server }) => {
  await page.addInitScript((origin) => {
    localStorage.setItem(`parley.webchat:${origin}:web`, JSON.stringify({ token: 'nope', conversationId: 'gone', open: true }));
  }, server.url);
  await page.goto(`${server.url}/webchat/demo`);
  await expect(page.getByText('Your chat session has expired. Please start a new chat.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeVisible();
});

test('reconnects after the server restarts and shows Reconnecting… meanwhile', async ({ page, server }) => {
  const { agent, conv } = await connected(page, server);
  await agent.send(conv, 'Before restart');
  await expect(log(page).getByText('Before restart')).toBeVisible();

  await server.stop();
  await expect(page.getByText('Reconnecting…')).toBeVisible();
  const again = await startServer({ dataDir: server.dataDir, port: server.port, config: testConfig({ offerTimeoutSeconds: 30 }) });
  try {
    await expect(page.getByText('Reconnecting…')).toBeHidden({ timeout: 20_000 });
    const agent2 = await Agent.login(again.url);
    await agent2.send(conv, 'After restart');
    await expect(log(page).getByText('After restart')).toBeVisible();
    await expect(log(page).getByText('Before restart')).toHaveCount(1);
  } finally {
    await again.stop();
  }
});

test('phone-sized viewport: the panel fills the screen', async ({ page, server }) => {
  await page.setViewportSize({ width: 390, height: 760 });
  await page.goto(`${server.url}/webchat/demo`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const dialog = page.getByRole('dialog', { name: 'Chat with us' });
  await expect(dialog).toBeVisible();
  // Polled: the panel slides in with a short animation.
  await expect
    .poll(async () => {
      const b = await dialog.boundingBox();
      return b && [b.x, b.y, b.width, b.height].map(Math.round);
    })
    .toEqual([0, 0, 390, 760]);
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeInViewport();
});

test('data-lang="zh-CN" shows the Chinese UI', async ({ page, server }) => {
  await page.route('**/webchat/demo', async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: (await res.text()).replace('data-site="web"', 'data-site="web" data-lang="zh-CN" data-open="true"') });
  });
  await page.goto(`${server.url}/webchat/demo`);
  await expect(page.getByRole('textbox', { name: '姓名' })).toBeVisible();
  await page.getByRole('button', { name: '开始聊天' }).click();
  await expect(page.getByText('请输入您的姓名。')).toBeVisible();
});

test('no serious or critical axe violations (pre-chat and conversation)', async ({ page, server }) => {
  await page.goto(`${server.url}/webchat/demo`);
  await expect(page.getByRole('button', { name: 'Open chat' })).toBeVisible(); // the widget is in, not just the page
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await page.getByRole('button', { name: 'Start chat' }).click();
  await expect(page.getByText('Please enter your name.')).toBeVisible();
  await expectAccessible(page);

  const { agent, conv } = await connected(page, server);
  await page.getByRole('textbox', { name: 'Message' }).fill('Accessible?');
  await page.keyboard.press('Enter');
  await agent.send(conv, 'Yes.');
  await expect(log(page).getByText('Yes.')).toBeVisible();
  await expectAccessible(page);
});
