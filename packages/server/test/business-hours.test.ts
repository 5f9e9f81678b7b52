/**
 * Business hours per queue (issue 11): a customer whose new conversation enters a closed queue gets
 * the queue's closed message once, through the channel's own outbound path, and still waits in the
 * queue; open: nothing. Web chat, SMS (Twilio fake) and email (a real SMTP relay), on both databases;
 * the admin API changes hours live and refuses bad ones naming the field. The server's clock is a
 * ManualClock the tests set.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ManualClock } from '@parley/core';
import type { AdminQueue, BusinessHours, MessageDto } from '@parley/protocol';
import { CHANNEL_FIXTURE, channelTestConfig, isSend, jsonOf, postWebhook, testConfig } from '@parley/testkit';
import { conversations, eventually, onlyConversation, thread, useChannelServer } from './channel-harness';
import { deliverMail, emailSuite, SMTP_LISTENER } from './email-harness';
import { describeBackends, is, useServer } from './harness';
import { sms, wa } from './provider-traffic';
import { parseConfig } from '../src/config/config-file';

const CLOSED = 'We are closed. We answer Monday to Friday, 9:00 to 17:30 (Paris time).';
const HOURS: BusinessHours = {
  timezone: 'Europe/Paris',
  open: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, from: '09:00', to: '17:30' })),
  closedMessage: CLOSED,
};
/** Saturday 28 November 2026, 11:00 in Paris: closed. */
const SATURDAY = Date.parse('2026-11-28T10:00:00Z');
/** Monday 30 November 2026, 10:00 in Paris: open. */
const MONDAY = Date.parse('2026-11-30T09:00:00Z');

const closedAnswers = <M extends Pick<MessageDto, 'authorType' | 'direction' | 'text'>>(msgs: M[]) =>
  msgs.filter((m) => m.authorType === 'system' && m.direction === 'outbound' && m.text === CLOSED);

describeBackends('business hours: web chat and the admin API', (backend) => {
  const clock = new ManualClock(SATURDAY);
  const config = testConfig();
  Object.assign(config.queues.find((q) => q.id === 'q-chat')!, { hours: HOURS });
  const srv = useServer(backend, { clock, config });

  it('closed: the widget opens on the closed message, once; the chat still waits and the agent who takes it sees the message', async () => {
    clock.set(SATURDAY);
    const s = srv();
    const a1 = await s.availableAgent('agent1');
    const c = await s.customer();
    expect(closedAnswers((await c.messages()).body.messages)).toHaveLength(1);
    await a1.waitFor(is.offer(c.conversationId, 'a1'));
    await a1.accept(c.conversationId);
    await c.say('Is anyone there?');
    const seen = (await a1.messages(c.conversationId)).messages;
    expect(closedAnswers(seen)).toHaveLength(1);
    expect(seen.map((m) => m.text)).toContain('Is anyone there?');
    expect(closedAnswers((await c.messages()).body.messages)).toHaveLength(1);
  });

  it('open: no message; an admin’s change of hours applies to the next chat without a restart', async () => {
    clock.set(MONDAY);
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const open = await s.customer();
    expect(closedAnswers((await open.messages()).body.messages)).toEqual([]);

    const queue = (await admin.call<AdminQueue>('GET', '/api/admin/queues/q-chat'));
    expect(queue.hours).toEqual(HOURS);
    const body = { id: 'q-chat', name: 'Chat', channel: 'webchat', offerTimeoutSeconds: 10, teams: ['team'] };
    // Today (30 November in Paris) becomes a closed date: closed now.
    const put = await admin.call<AdminQueue>('PUT', '/api/admin/queues/q-chat', { ...body, hours: { ...HOURS, closedDates: ['2026-11-30'] } });
    expect(put.hours).toMatchObject({ closedDates: ['2026-11-30'] });
    const holiday = await s.customer();
    expect(closedAnswers((await holiday.messages()).body.messages)).toHaveLength(1);

    // No hours: always open, even on Saturday.
    await admin.call('PUT', '/api/admin/queues/q-chat', { ...body, hours: null });
    clock.set(SATURDAY);
    // The admin shape leaves out what isn't set (a PUT without `hours` means always open too).
    expect(await admin.call<AdminQueue>('GET', '/api/admin/queues/q-chat')).not.toHaveProperty('hours');
    const always = await s.customer();
    expect(closedAnswers((await always.messages()).body.messages)).toEqual([]);
  });

  it('bad hours are refused with 400 naming the field, and nothing changes', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const body = { id: 'q-chat', name: 'Chat', channel: 'webchat', teams: ['team'] };
    const cases: [Partial<BusinessHours> & Record<string, unknown>, string][] = [
      [{ timezone: 'Mars/Olympus_Mons' }, 'hours.timezone'],
      [{ open: [{ day: 'mon', from: '9:00', to: '17:00' }] }, 'hours.open[0].from'],
      [{ open: [{ day: 'mon', from: '18:00', to: '09:00' }] }, 'hours.open[0].to'],
      [{ closedDates: ['2026-13-01'] }, 'hours.closedDates[0]'],
      [{ closedMessage: ' ' }, 'hours.closedMessage'],
      [{ closedMessage: 'x'.repeat(1001) }, 'hours.closedMessage: at most 1000 characters on webchat'],
      [{ open: [{ day: 'monday', from: '09:00', to: '17:00' }] } as never, 'body/hours/open/0/day'],
    ];
    for (const [change, field] of cases) {
      const r = await admin.request('PUT', '/api/admin/queues/q-chat', { ...body, hours: { ...HOURS, ...change } });
      expect(r.status, field).toBe(400);
      expect(r.body, field).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining(field) } });
    }
    expect((await admin.call<AdminQueue>('GET', '/api/admin/queues/q-chat')).hours).toEqual(HOURS);
  });
});

describe('business hours in the config file', () => {
  it('are checked at start, each problem naming the queue and the field', () => {
    const config = testConfig();
    Object.assign(config.queues[0]!, { hours: { ...HOURS, timezone: 'Europe/Pariss', closedDates: ['2026-02-29'] } });
    expect(() => parseConfig(stringify(config))).toThrow(/queue "q-chat" hours\.timezone: "Europe\/Pariss".*queue "q-chat" hours\.closedDates\[0\]/);
    Object.assign(config.queues[0]!, { hours: HOURS });
    expect(parseConfig(stringify(config)).queues?.[0]?.hours).toEqual(HOURS);
  });
});

describeBackends('business hours: SMS and WhatsApp', (backend) => {
  const clock = new ManualClock(SATURDAY);
  const env = useChannelServer(backend, {
    clock,
    configFor: (providerUrl) => {
      const config = channelTestConfig(providerUrl);
      for (const id of [CHANNEL_FIXTURE.sms.queueId, CHANNEL_FIXTURE.whatsapp.queueId]) Object.assign(config.queues.find((q) => q.id === id)!, { hours: HOURS });
      return config;
    },
  });
  const post = (form: URLSearchParams) => postWebhook(env().s.url, 'sms', form);

  it('closed: the customer is texted the closed message once and the conversation waits; open: nothing', async () => {
    clock.set(SATURDAY);
    const { sup, fake } = env();
    const ann = '+14155550101';
    expect((await post(sms.inbound(ann, 'SM00000000000000000000000000000101', 'Hello?'))).status).toBe(200);
    const [sent] = await fake.waitFor(isSend, 1);
    expect(new URLSearchParams(sent!.body).get('Body')).toBe(CLOSED);
    expect(new URLSearchParams(sent!.body).get('To')).toBe(ann);
    expect((await post(sms.inbound(ann, 'SM00000000000000000000000000000102', 'Still there?'))).status).toBe(200);
    const c = await onlyConversation(sup, 'sms', ann);
    expect(c).toMatchObject({ status: 'queued', queue: { id: CHANNEL_FIXTURE.sms.queueId } });
    const msgs = await eventually(() => thread(sup, c.id), (ms) => closedAnswers(ms).every((m) => m.status === 'sent' || m.status === 'delivered'), 'sent');
    expect(msgs.map((m) => m.text)).toEqual(['Hello?', CLOSED, 'Still there?']);

    clock.set(MONDAY);
    const bob = '+14155550102';
    expect((await post(sms.inbound(bob, 'SM00000000000000000000000000000103', 'Hi'))).status).toBe(200);
    // Two days on, the supervisor signs in again.
    const sup2 = await env().s.agent('super', { connect: false });
    expect(closedAnswers(await thread(sup2, (await onlyConversation(sup2, 'sms', bob)).id))).toEqual([]);
    expect(fake.requests.filter(isSend)).toHaveLength(1);
  });

  it('WhatsApp, closed: the first message is answered once with the closed message, as a text', async () => {
    clock.set(SATURDAY);
    const { sup, fake } = env();
    const carl = '15551230001';
    const first = await postWebhook(env().s.url, 'whatsapp', wa.body(wa.inbound(carl, 'Carl', wa.text(carl, 'wamid.HOURS1', 'Hi'), wa.text(carl, 'wamid.HOURS2', 'Hello?'))));
    expect(first.status).toBe(200);
    const [sent] = await fake.waitFor(isSend, 1);
    expect(jsonOf(sent!.body)).toMatchObject({ to: carl, type: 'text', text: { body: CLOSED } });
    const c = await onlyConversation(sup, 'whatsapp', carl);
    expect(c.status).toBe('queued');
    expect((await thread(sup, c.id)).map((m) => m.text)).toEqual(['Hi', CLOSED, 'Hello?']);
  });
});

const MAILBOX = 'support@shop.example';
const { config: mailConfig, relay } = emailSuite([{ address: MAILBOX }]);
Object.assign(mailConfig.queues.find((q) => q.id === 'q-email')!, { hours: HOURS });

describeBackends('business hours: email', (backend) => {
  const clock = new ManualClock(SATURDAY);
  const srv = useServer(backend, { config: mailConfig, smtp: SMTP_LISTENER, clock });

  it('closed: one automatic answer in the customer’s thread (Auto-Submitted), again when a reply reopens it; an auto-reply gets none', async () => {
    clock.set(SATURDAY);
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    const ann = 'ann@customer.example';
    const before = relay().received.length;
    await deliverMail(s, { from: ann, to: MAILBOX, subject: 'Broken lid', text: 'The lid is broken.', messageId: '<lid@customer.example>' });
    const [mail] = await eventually(async () => relay().received.slice(before), (r) => r.length === 1, 'relayed');
    expect(mail!.text).toMatch(/^Auto-Submitted: auto-replied/m);
    expect(mail!.text).toMatch(/^In-Reply-To: <lid@customer\.example>/m);
    expect(mail!.text).toMatch(/^Subject: Re: Broken lid/m);
    expect(mail!.text).toContain(CLOSED);
    const c = await onlyConversation(sup, 'email', ann);
    expect(c.status).toBe('queued');

    // Her out-of-office answering our answer: a notice at most, never a second answer.
    await deliverMail(s, { from: ann, to: MAILBOX, subject: 'Automatic reply', text: 'away', messageId: '<ooo@customer.example>', inReplyTo: '<lid@customer.example>', headers: { 'Auto-Submitted': 'auto-replied' } });
    // A robot writing first opens nothing, so nothing answers it.
    await deliverMail(s, { from: 'robot@customer.example', to: MAILBOX, subject: 'Automatic reply', text: 'away', messageId: '<robot@customer.example>', headers: { 'Auto-Submitted': 'auto-generated' } });
    expect(await conversations(sup, 'email', 'robot@customer.example')).toEqual([]);
    expect(closedAnswers(await thread(sup, c.id))).toHaveLength(1);

    // An agent handles and closes it; her reply on Saturday reopens it: answered once more.
    const a1 = await s.availableAgent('agent1');
    await a1.waitFor(is.offer(c.id, 'a1'));
    await a1.accept(c.id);
    await a1.end(c.id);
    await a1.wrapup(c.id, ['resolved']);
    await eventually(() => onlyConversation(sup, 'email', ann), (x) => x.status === 'closed', 'closed');
    await a1.call('PUT', '/api/me/state', { state: 'idle', idleReasonId: 'break' });
    await deliverMail(s, { from: ann, to: MAILBOX, subject: 'Re: Broken lid', text: 'It broke again.', messageId: '<again@customer.example>', inReplyTo: '<lid@customer.example>' });
    expect(await onlyConversation(sup, 'email', ann)).toMatchObject({ id: c.id, status: 'queued' });
    const msgs = await thread(sup, c.id);
    expect(closedAnswers(msgs)).toHaveLength(2);
    await eventually(async () => relay().received.slice(before), (r) => r.length === 2, 'relayed twice');
  });

  it('open: a new mail gets no answer', async () => {
    clock.set(MONDAY);
    const s = srv();
    const sup = await s.agent('super', { connect: false });
    await deliverMail(s, { from: 'bob@customer.example', to: MAILBOX, subject: 'Hi', text: 'Hello', messageId: '<hi@customer.example>' });
    const c = await onlyConversation(sup, 'email', 'bob@customer.example');
    expect(closedAnswers(await thread(sup, c.id))).toEqual([]);
  });
});
