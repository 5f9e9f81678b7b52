import { describe, expect, it } from 'vitest';
import type { SendContext } from '../contract';
import type { ProviderRequest } from './http';
import type { OutboundMessage } from './outbound';
import { uploadPrivateMedia } from './upload-media';

const FILE = { bytes: new Uint8Array([1, 2, 3]), mimeType: 'image/png', filename: 'dot.png' };
const build = (f: { filename: string }): ProviderRequest => ({ method: 'POST', url: `https://graph.test/upload/${f.filename}`, headers: {} });
const interpret = (res: { status: number; body: string }) =>
  res.status === 200 ? { ok: true as const, providerMediaId: JSON.parse(res.body).id as string } : { ok: false as const, retryable: false, code: 'media' as const, reason: `HTTP ${res.status}` };

function ctx(answer: () => { status: number; body: string } | { networkError: string }, files: Record<string, typeof FILE> = { a1: FILE }) {
  const calls: ProviderRequest[] = [];
  const c = {
    settings: {},
    providers: { graph: { baseUrl: 'https://graph.test', apiVersion: 'v23.0' }, twilio: { apiBaseUrl: 'https://api.twilio.test' } },
    http: async (req: ProviderRequest) => {
      calls.push(req);
      const a = answer();
      return 'networkError' in a ? a : { ...a, headers: {} };
    },
    now: () => 0,
    conversationId: 'c1',
    message: {} as SendContext<unknown>['message'],
    readAttachment: async (id: string) => files[id],
  } as SendContext<unknown>;
  return { c, calls };
}

const msg = (media: OutboundMessage['media']): OutboundMessage => ({ messageId: 'm1', to: '155', text: 'hi', media });

describe('uploadPrivateMedia', () => {
  it('leaves media with a provider id or a public https URL as they are, without a call', async () => {
    const { c, calls } = ctx(() => ({ status: 500, body: '' }));
    const m = msg([{ url: 'https://cdn.example/x.png', mimeType: 'image/png' }, { providerMediaId: 'p1', mimeType: 'image/png' }]);
    expect(await uploadPrivateMedia(m, c, build, interpret)).toBe(m);
    expect(calls).toEqual([]);
  });

  it('uploads our private files and sends them by the provider id', async () => {
    const { c, calls } = ctx(() => ({ status: 200, body: '{"id":"up-1"}' }));
    const out = await uploadPrivateMedia(msg([{ url: '/files/a1?exp=1&sig=x', attachmentId: 'a1', mimeType: 'image/png', filename: 'dot.png' }]), c, build, interpret);
    expect(out).toMatchObject({ media: [{ providerMediaId: 'up-1', mimeType: 'image/png', filename: 'dot.png' }] });
    expect((out as OutboundMessage).media?.[0]?.url).toBeUndefined();
    expect(calls.map((r) => r.url)).toEqual(['https://graph.test/upload/dot.png']);
  });

  it('a network error is retryable, a refused upload is the provider’s failure, a missing file is final', async () => {
    const m = msg([{ url: '/files/a1', attachmentId: 'a1', mimeType: 'image/png' }]);
    expect(await uploadPrivateMedia(m, ctx(() => ({ networkError: 'reset' })).c, build, interpret)).toMatchObject({ ok: false, retryable: true, code: 'network' });
    expect(await uploadPrivateMedia(m, ctx(() => ({ status: 400, body: '' })).c, build, interpret)).toMatchObject({ ok: false, retryable: false, reason: 'HTTP 400' });
    expect(await uploadPrivateMedia(m, ctx(() => ({ status: 200, body: '{}' }), {}).c, build, interpret)).toMatchObject({ ok: false, retryable: false, code: 'invalid_request' });
  });
});
