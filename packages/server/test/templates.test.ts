/**
 * Templates through the server: listed per conversation (channel, queue, WhatsApp's window), rendered
 * by the server with the one engine on send, a locked one can't be altered through the API, approved
 * WhatsApp templates go out as template messages (header media, body and button parameters), and an
 * admin can't save a placeholder the engine doesn't know.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfig } from '../src/config/config-file';
import { ManualClock } from '@parley/core';
import { AgentClient, channelTestConfig, isSend, jsonOf, postWebhook } from '@parley/testkit';
import type { MessageDto, TemplateDto } from '@parley/protocol';
import { eventually, onlyConversation, useChannelServer, type ChannelEnv } from './channel-harness';
import { describeBackends, is } from './harness';
import { wa } from './provider-traffic';

const ANA = '15551230001';
const H = 3_600_000;
// 2026-03-05 14:07 UTC: the server's clock, so dates render the same on every run.
const START = Date.UTC(2026, 2, 5, 14, 7);

function configFor(providerUrl: string) {
  const base = channelTestConfig(providerUrl);
  return {
    ...base,
    templates: [
      { id: 'hello', name: 'Hello', category: 'Greetings', channels: ['webchat', 'whatsapp'], body: 'Hello {{customer.name|there}}, I am {{agent.name}} at {{entryPoint.name}}.' },
      { id: 'order', name: 'Order', category: 'Orders', channels: ['webchat'], body: 'Order {{param:order}} ships {{date}}.' },
      { id: 'bye', name: 'Bye', channels: ['webchat'], locked: true, body: 'Goodbye from {{queue.name}}.' },
      { id: 'chat2', name: 'Second site only', channels: ['webchat'], queues: ['q-chat2'], body: 'Only on the second site.' },
      {
        id: 'shipped',
        name: 'Shipped (approved)',
        category: 'Orders',
        channels: ['whatsapp'],
        body: 'Hi {{customer.name}}, order {{param:order}} has shipped.',
        providerTemplate: {
          name: 'order_shipped',
          language: 'en_US',
          category: 'UTILITY',
          header: { format: 'image', url: 'https://cdn.example.com/box.png' },
          buttons: [{ subType: 'url', value: '{{param:order}}' }],
        },
      },
    ],
  };
}

async function webchat({ s }: ChannelEnv): Promise<{ a1: AgentClient; id: string }> {
  const a1 = await s.availableAgent('agent1');
  const c = await s.customer({ name: 'Dana' });
  await a1.waitFor(is.offer(c.conversationId, 'a1'));
  await a1.accept(c.conversationId);
  return { a1, id: c.conversationId };
}

async function whatsapp({ s, sup }: ChannelEnv): Promise<{ a1: AgentClient; id: string }> {
  const a1 = await s.availableAgent('agent1');
  expect((await postWebhook(s.url, 'whatsapp', wa.body(wa.inbound(ANA, 'Ana', wa.text(ANA, 'wamid.IN1', 'hello'))))).status).toBe(200);
  const c = await onlyConversation(sup, 'whatsapp', ANA);
  await a1.waitFor(is.offer(c.id, 'a1'));
  await a1.accept(c.id);
  return { a1, id: c.id };
}

const listed = async (a: AgentClient, id: string) => (await a.call<TemplateDto[]>('GET', `/api/conversations/${id}/templates`)).map((t) => t.id);
const send = (a: AgentClient, id: string, text: string, template: Record<string, unknown>) =>
  a.request<MessageDto & { error?: { code: string; message: string } }>('POST', `/api/conversations/${id}/messages`, { clientId: crypto.randomUUID(), text, template });
const texts = async (a: AgentClient, id: string) => (await a.messages(id))  .messages.filter((m) => m.authorType === 'agent').map((m) => m.text);

describeBackends('templates', (backend) => {
  const clock = new ManualClock(START);
  const env = useChannelServer(backend, { clock, configFor });

  it('lists only the templates of the conversation’s channel and queue', async () => {
    const { a1, id } = await webchat(env());
    expect(await listed(a1, id)).toEqual(['hello', 'order', 'bye']);
    const dto = (await a1.call<TemplateDto[]>('GET', `/api/conversations/${id}/templates`))[0];
    expect(dto).toMatchObject({ id: 'hello', category: 'Greetings', channels: ['webchat', 'whatsapp'], queues: [], locked: false });
  });

  it('renders on the server: system fields, the agent’s fields, date in the agent’s locale', async () => {
    const { a1, id } = await webchat(env());
    const hello = await send(a1, id, '', { id: 'hello', params: {} });
    expect(hello.status).toBe(200);
    expect(hello.body.text).toBe('Hello Dana, I am Agent One at Website.');
    const order = await send(a1, id, '', { id: 'order', params: { order: 'A-42' }, locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(order.body.text).toBe('Order A-42 ships 2026年3月5日.');
    // An unlocked template's text is the agent's to edit.
    expect((await send(a1, id, 'Order A-43 ships today, promise.', { id: 'order', params: { order: 'A-43' } })).status).toBe(200);
  });

  it('refuses a missing field, an unknown template, a template of another queue, a bad locale', async () => {
    const { a1, id } = await webchat(env());
    const missing = await send(a1, id, '', { id: 'order', params: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('order') });
    expect((await send(a1, id, '', { id: 'nope', params: {} })).body.error?.code).toBe('PARLEY_ERR_VALIDATION');
    expect((await send(a1, id, '', { id: 'chat2', params: {} })).body.error?.code).toBe('PARLEY_ERR_VALIDATION');
    expect((await send(a1, id, '', { id: 'hello', params: {}, timeZone: 'Mars/Olympus' })).body.error?.code).toBe('PARLEY_ERR_VALIDATION');
    expect(await texts(a1, id)).toEqual([]);
  });

  it('a locked template tampered with through the API is refused and nothing is sent; as written it goes', async () => {
    const { a1, id } = await webchat(env());
    const tampered = await send(a1, id, 'Goodbye from the competition.', { id: 'bye', params: {} });
    expect(tampered.status).toBe(400);
    expect(tampered.body.error).toMatchObject({ code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('exactly as written') });
    expect(await texts(a1, id)).toEqual([]);
    expect((await send(a1, id, 'Goodbye from Chat.', { id: 'bye', params: {} })).status).toBe(200);
    expect(await texts(a1, id)).toEqual(['Goodbye from Chat.']);
  });

  it('WhatsApp: an approved template goes as a template message with its header media and parameters; past 24 h only approved ones are offered', async () => {
    const { fake, s } = env();
    let { a1, id } = await whatsapp(env());
    expect(await listed(a1, id)).toEqual(['hello', 'shipped']);
    // Its text is fixed by the provider: altering it through the API is refused.
    expect((await send(a1, id, 'Hi Ana, order A-1 is lost.', { id: 'shipped', params: { order: 'A-1' } })).status).toBe(400);

    clock.advance(25 * H);
    // A day later the agent signs in again (sessions expire on the same clock); the conversation is still theirs.
    a1 = s.track(await AgentClient.login(s.url, 'agent1'));
    expect(await listed(a1, id)).toEqual(['shipped']);
    const plain = await send(a1, id, '', { id: 'hello', params: {} });
    expect(plain.body.error?.code).toBe('PARLEY_ERR_WINDOW_CLOSED');
    const m = await send(a1, id, '', { id: 'shipped', params: { order: 'A-1' } });
    expect(m.status).toBe(200);
    expect(m.body.text).toBe('Hi Ana, order A-1 has shipped.');
    const [req] = await eventually(async () => fake.seen((r) => isSend(r) && jsonOf(r.body).type === 'template'), (x) => x.length === 1, 'template sent');
    expect(jsonOf(req!.body).template).toEqual({
      name: 'order_shipped',
      language: { code: 'en_US', policy: 'deterministic' },
      components: [
        { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/box.png' } }] },
        { type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'A-1' }] },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-1' }] },
      ],
    });
  });

  it('admin API: unknown placeholders and queues are refused with a clear message; a valid template is offered at once', async () => {
    const { s } = env();
    const admin = await s.agent('admin', { connect: false });
    const put = (body: Record<string, unknown>) => admin.request<{ error?: { code: string; message: string } }>('PUT', `/api/admin/templates/${body.id}`, body);
    const bad = await put({ id: 'x', name: 'X', channels: ['webchat'], body: 'Hi {{customer.nmae}}' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('Unknown placeholder {{customer.nmae}}');
    const badQueue = await put({ id: 'x', name: 'X', channels: ['webchat'], queues: ['q-wa'], body: 'Hi' });
    expect(badQueue.body.error?.message).toContain('names queue "q-wa" of channel whatsapp');
    expect((await put({ id: 'x', name: 'X', category: 'Misc', channels: ['webchat'], queues: ['q-chat'], body: 'Hi {{customer.name|there}}' })).status).toBe(200);
    const { a1, id } = await webchat(env());
    expect(await listed(a1, id)).toContain('x');
  });
});

describe('templates in the config file', () => {
  const file = (templates: unknown[]) => stringify({ ...channelTestConfig('http://127.0.0.1:1'), templates });

  it('refuses an unknown placeholder, an unknown queue and a duplicate id, naming each', () => {
    expect(() => parseConfig(file([{ id: 't', name: 'T', channels: ['sms'], body: 'Hi {{customer.nam}}' }]))).toThrow(/template "t": Unknown placeholder \{\{customer\.nam\}\}/);
    expect(() => parseConfig(file([{ id: 't', name: 'T', channels: ['sms'], queues: ['nope'], body: 'Hi' }]))).toThrow(/template "t" names unknown queue "nope"/);
    const t = { id: 't', name: 'T', channels: ['sms'], body: 'Hi' };
    expect(() => parseConfig(file([t, t]))).toThrow(/duplicate template id "t"/);
    expect(() => parseConfig(file([{ ...t, providerTemplate: { name: 'hi', language: 'en' } }]))).toThrow(/none of its channels sends provider-approved templates/);
    expect(parseConfig(file([{ ...t, category: 'Misc', queues: ['q-sms'], body: 'Hi {{customer.name|there}}, {{param:x}}' }])).templates).toHaveLength(1);
  });
});
