import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../src/api/endpoints';
import { UnsentQueue } from '../src/state/unsent';
import { pendingEmail } from '../src/state/pending-email';

const email = { mode: 'replyAll' as const, to: ['jane@customer.com'], cc: ['carol@customer.com'], subject: 'Re: Order 42', html: '<p>Hi</p>', parentId: 'e3' };

function captureFetch() {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify({ id: 'm1' }), { status: 200 });
  });
  vi.stubGlobal('sessionStorage', { getItem: () => null, setItem: () => undefined, removeItem: () => undefined });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('sending an email from the Desktop', () => {
  it('posts the email part and attachments next to the plain text', async () => {
    const calls = captureFetch();
    await api.send('c1', 'k1', 'Hi', undefined, { email, attachmentIds: ['att1'] });
    expect(calls[0]?.url).toBe('/api/conversations/c1/messages');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ clientId: 'k1', text: 'Hi', email, attachmentIds: ['att1'] });
  });
  it('a plain send stays as it was', async () => {
    const calls = captureFetch();
    await api.send('c1', 'k2', 'Hello');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ clientId: 'k2', text: 'Hello' });
  });
  it('uploads go as multipart (no JSON content type)', async () => {
    const calls = captureFetch();
    await api.upload(new File(['x'], 'a.txt', { type: 'text/plain' }));
    expect(calls[0]?.url).toBe('/api/attachments');
    expect(calls[0]?.init.body).toBeInstanceOf(FormData);
    expect(((calls[0]?.init.headers ?? {}) as Record<string, string>)['content-type']).toBeUndefined();
  });
  it('an email waiting for the connection keeps its email part across a reload', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    new UnsentQueue(storage).remember('k1', { conversationId: 'c1', text: 'Hi', extras: { email } });
    expect(new UnsentQueue(storage).drain()).toEqual([['k1', { conversationId: 'c1', text: 'Hi', extras: { email } }]]);
  });
  it('shows in the thread with its subject and recipients until stored', () => {
    expect(pendingEmail(email)).toMatchObject({ subject: 'Re: Order 42', to: [{ address: 'jane@customer.com' }], cc: [{ address: 'carol@customer.com' }] });
  });
});
