/**
 * Pipeline tests' harness: a Parley server (harness.ts) whose WhatsApp, Messenger and SMS entry points
 * (CHANNEL_FIXTURE) call a local provider fake, and the supervisor read API to see what was stored.
 */
import { afterEach, beforeEach } from 'vitest';
import type { SupervisorConversationDto, SupervisorMessageDto } from '@parley/protocol';
import { AgentClient, channelTestConfig, ProviderFake } from '@parley/testkit';
import { is, startTestServer, type Backend, type ServerOptions, type TestServer } from './harness';
import { postWebhook } from '@parley/testkit';
import { sms, wa } from './provider-traffic';

export interface ChannelEnv {
  s: TestServer;
  fake: ProviderFake;
  /** The supervisor (`super`), logged in without a socket: reads what was stored. */
  sup: AgentClient;
}

/** A provider fake and a server wired to it, fresh for each test. */
export function useChannelServer(backend: Backend, opts: ServerOptions & { configFor?: (providerUrl: string) => unknown } = {}): () => ChannelEnv {
  let env: ChannelEnv | undefined;
  beforeEach(async () => {
    const fake = await ProviderFake.start();
    try {
      const s = await startTestServer(backend, { ...opts, config: opts.configFor?.(fake.url) ?? channelTestConfig(fake.url) });
      const sup = s.track(await AgentClient.login(s.url, 'super'));
      env = { s, fake, sup };
    } catch (err) {
      await fake.close();
      throw err;
    }
  });
  afterEach(async () => {
    await env?.s.close();
    await env?.fake.close();
    env = undefined;
  });
  return () => {
    if (!env) throw new Error('server not started');
    return env;
  };
}

/** Every conversation of a channel (newest first). */
export async function conversations(sup: AgentClient, channel: string, customerExternalId?: string): Promise<SupervisorConversationDto[]> {
  const q = new URLSearchParams({ channel, limit: '200' });
  if (customerExternalId) q.set('customerExternalId', customerExternalId);
  const page = await sup.call<{ conversations: SupervisorConversationDto[] }>('GET', `/api/supervisor/conversations?${q}`);
  return page.conversations;
}

/** The one conversation of this customer on this channel (fails when there is none or several). */
export async function onlyConversation(sup: AgentClient, channel: string, customerExternalId: string): Promise<SupervisorConversationDto> {
  const list = await conversations(sup, channel, customerExternalId);
  if (list.length !== 1) throw new Error(`expected one ${channel} conversation of ${customerExternalId}, found ${list.length}`);
  return list[0]!;
}

/** A conversation's thread as stored, oldest first, notices included. */
export async function thread(sup: AgentClient, conversationId: string): Promise<SupervisorMessageDto[]> {
  const page = await sup.call<{ messages: SupervisorMessageDto[] }>('GET', `/api/supervisor/conversations/${conversationId}/messages?limit=500`);
  return page.messages;
}

/** The thread of a customer's only conversation. */
export async function customerThread(sup: AgentClient, channel: string, customerExternalId: string): Promise<SupervisorMessageDto[]> {
  return thread(sup, (await onlyConversation(sup, channel, customerExternalId)).id);
}

/**
 * Reads `read` until `done` holds (work the outbox does after the webhook was answered, e.g. a media
 * download): a wait on a state with a deadline, not a guess at how long it takes.
 */
export async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`still not ${what} after ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The message with this provider id in a thread. */
export function byProviderId(messages: SupervisorMessageDto[], providerId: string): SupervisorMessageDto {
  const m = messages.find((x) => x.providerId === providerId);
  if (!m) throw new Error(`no message ${providerId} in ${JSON.stringify(messages.map((x) => x.providerId))}`);
  return m;
}

/** The WhatsApp and SMS customers of `acceptedChat`. */
export const WA_CUSTOMER = '15551230001';
export const SMS_CUSTOMER = '+14155550123';

/** A customer wrote "hello" on WhatsApp (or SMS) and agent1 accepted: the agent and the conversation id. */
export async function acceptedChat({ s, sup }: ChannelEnv, channel: 'whatsapp' | 'sms'): Promise<{ a1: AgentClient; id: string }> {
  const a1 = await s.availableAgent('agent1');
  const res =
    channel === 'whatsapp'
      ? await postWebhook(s.url, 'whatsapp', wa.body(wa.inbound(WA_CUSTOMER, 'Ana', wa.text(WA_CUSTOMER, 'wamid.IN1', 'hello'))))
      : await postWebhook(s.url, 'sms', sms.inbound(SMS_CUSTOMER, 'SM00000000000000000000000000000in1', 'hello'));
  if (res.status !== 200) throw new Error(`the webhook answered ${res.status}`);
  const c = await onlyConversation(sup, channel, channel === 'whatsapp' ? WA_CUSTOMER : SMS_CUSTOMER);
  await a1.waitFor(is.offer(c.id, 'a1'));
  await a1.accept(c.id);
  return { a1, id: c.id };
}
