/**
 * Fuzzing the whole webhook path (fast-check): near-valid and random bodies, correctly signed, to each
 * provider webhook. Every answer is a 2xx or a 4xx (never a 5xx: the provider would retry it for
 * days), the server keeps serving, and nothing rejects unhandled.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHANNEL_FIXTURE, postWebhook, type WebhookChannel } from '@parley/testkit';
import { onlyConversation, thread, useChannelServer } from './channel-harness';
import { describeBackends } from './harness';
import { fb, sms, wa } from './provider-traffic';

const RUNS = 150;

/** Values providers and attackers send: wrong types, NUL bytes, lone surrogates, huge numbers, long strings. */
const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`), // PostgreSQL text can't hold U+0000
  fc.constantFrom(null, '', 0, -1, 1e21, Number.MAX_SAFE_INTEGER + 2, '\u0000', 'a\u0000b', '\ud800', '\udfff x', 'x'.repeat(70_000), true, [], {}),
);

type Path = (string | number)[];
function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}
function replaced(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  if (typeof root !== 'object' || root === null) return root;
  const copy = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path as [string | number, ...Path];
  copy[head] = replaced(copy[head], rest, value);
  return copy;
}
/** The fixture with 1–4 nodes replaced by odd values, serialised as the provider would send it. */
function mutatedJson(fixture: unknown): fc.Arbitrary<string> {
  const all = paths(fixture);
  return fc
    .array(fc.tuple(fc.nat(all.length - 1), odd), { minLength: 1, maxLength: 4 })
    .map((ms) => JSON.stringify(ms.reduce<unknown>((acc, [i, v]) => replaced(acc, all[i]!, v), fixture)) ?? 'null');
}
/** An SMS form with some parameters replaced (To mostly kept, so the entry point is found and the signature checked). */
function mutatedForm(): fc.Arbitrary<URLSearchParams> {
  const base = sms.inbound('+14155550123', 'SM000000000000000000000000000000f0', 'hi', [{ url: 'http://127.0.0.1:1/x', type: 'image/png' }]);
  const keys = [...base.keys(), 'MessageStatus', 'ErrorCode', 'OptOutType', 'Latitude', 'Longitude', 'ButtonPayload', 'NumMedia', 'MediaUrl3', 'OriginalRepliedMessageSid'];
  return fc.array(fc.tuple(fc.constantFrom(...keys), fc.string({ unit: 'binary', maxLength: 60 })), { maxLength: 5 }).map((changes) => {
    const p = new URLSearchParams(base);
    for (const [k, v] of changes) p.set(k, v);
    return p;
  });
}

const WA_FIXTURE = JSON.parse(
  wa.body(
    wa.value({
      contacts: [{ profile: { name: 'Ana' }, wa_id: '15551230001' }],
      messages: [
        wa.text('15551230001', 'wamid.F1', 'hi', { context: { id: 'wamid.F0' } }),
        wa.msg('15551230001', 'wamid.F2', 'image', { id: 'media-f', mime_type: 'image/png' }),
        wa.msg('15551230001', 'wamid.F3', 'reaction', { message_id: 'wamid.F1', emoji: '👍' }),
        wa.msg('15551230001', 'wamid.F4', 'system', { body: 'changed', wa_id: '15559990000', type: 'user_changed_number' }),
      ],
      statuses: [wa.status('wamid.F9', 'failed', '15551230001', { errors: [{ code: 131047, title: 'Re-engagement message' }] })],
    }),
  ),
) as unknown;
const FB_FIXTURE = JSON.parse(
  fb.body(
    fb.text('6543210987654321', 'm_F1', 'hi'),
    fb.message('6543210987654321', 'm_F2', { attachments: [{ type: 'image', payload: { url: 'http://127.0.0.1:1/x.png' } }], reply_to: { mid: 'm_F1' } }),
    fb.event('6543210987654321', { reaction: { mid: 'm_F1', action: 'react', emoji: '❤' } }),
    fb.event('6543210987654321', { read: { watermark: 1 } }),
    fb.echo('6543210987654321', 'm_F3', { text: 'x', metadata: 'y' }),
  ),
) as unknown;

describeBackends('webhook fuzzing', (backend) => {
  const env = useChannelServer(backend);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  async function answers(channel: WebhookChannel, body: string | URLSearchParams): Promise<number> {
    const res = await postWebhook(env().s.url, channel, body);
    if (res.status >= 500) throw new Error(`${channel} answered ${res.status} ${res.text} to ${String(body).slice(0, 500)}`);
    return res.status;
  }

  async function stillServing(): Promise<void> {
    const { s, sup } = env();
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const who = `1555${Math.floor(Math.random() * 1e7)}`;
    expect(await answers('whatsapp', wa.body(wa.inbound(who, 'After', wa.text(who, `wamid.ok${who}`, 'still here'))))).toBe(200);
    expect((await onlyConversation(sup, 'whatsapp', who)).customer.externalId).toBe(who);
    expect(unhandled).toEqual([]);
  }

  it('NUL bytes in any field (ids, names, text, SMS numbers) are acknowledged and stored as U+FFFD, the same on both backends', async () => {
    const { sup } = env();
    const who = '1555\u00001';
    expect(await answers('whatsapp', wa.body(wa.inbound(who, 'A\u0000na', wa.text(who, 'wamid.\u0000N', 'a\u0000b'))))).toBe(200);
    expect(await answers('sms', sms.inbound('+1415\u00005550123', 'SM\u0000N', 'c\u0000d'))).toBe(200);
    const c = await onlyConversation(sup, 'whatsapp', '1555\ufffd1');
    expect(c.customer.name).toBe('A\ufffdna');
    expect((await thread(sup, c.id)).find((m) => m.providerId === 'wamid.\ufffdN')?.text).toBe('a\ufffdb');
    const t = await thread(sup, (await onlyConversation(sup, 'sms', '+1415\ufffd5550123')).id);
    expect(t.find((m) => m.providerId === 'SM\ufffdN')?.text).toBe('c\ufffdd');
    // A retry of the same delivery is still the same message.
    expect(await answers('whatsapp', wa.body(wa.inbound(who, 'A\u0000na', wa.text(who, 'wamid.\u0000N', 'a\u0000b'))))).toBe(200);
    expect((await thread(sup, c.id)).filter((m) => m.authorType === 'customer')).toHaveLength(1);
  });

  const bytes = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')));

  it('WhatsApp: mutated and random bodies, validly signed, get 2xx/4xx; the server keeps serving', { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(mutatedJson(WA_FIXTURE), bytes), async (body) => void (await answers('whatsapp', body))), { numRuns: RUNS });
    await stillServing();
  });

  it('Messenger: mutated and random bodies, validly signed, get 2xx/4xx; the server keeps serving', { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(mutatedJson(FB_FIXTURE), bytes), async (body) => void (await answers('messenger', body))), { numRuns: RUNS });
    await stillServing();
  });

  it('SMS: mutated forms and random bodies, validly signed, get 2xx/4xx; the server keeps serving', { timeout: 120_000 }, async () => {
    const raw = bytes.map((b) => new URLSearchParams({ To: CHANNEL_FIXTURE.sms.number, junk: b }));
    await fc.assert(fc.asyncProperty(fc.oneof(mutatedForm(), raw), async (form) => void (await answers('sms', form))), { numRuns: RUNS });
    await stillServing();
  });
});
