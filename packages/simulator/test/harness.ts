import { DEMO_ACCOUNTS, type RunningSimulator, startSimulator } from '../src/index';
import { FakeParley, type Json } from './fake-parley';

export interface Pair {
  sim: RunningSimulator;
  parley: FakeParley;
  /** JSON call to the simulator. */
  call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: Json; headers: Headers }>;
  close: () => Promise<void>;
}

export const WA = DEMO_ACCOUNTS.whatsapp;
export const PAGE = DEMO_ACCOUNTS.messenger;
export const SMS = DEMO_ACCOUNTS.sms;
export const waBearer = { authorization: `Bearer ${WA.accessToken}` };
export const pageBearer = { authorization: `Bearer ${PAGE.pageAccessToken}` };
export const twilioBasic = { authorization: `Basic ${Buffer.from(`${SMS.accountSid}:${SMS.authToken}`).toString('base64')}` };

/** A simulator and a fake Parley wired to each other over loopback (ports chosen by the OS). */
export async function startPair(extra: { publicSmsUrl?: string; now?: () => number } = {}): Promise<Pair> {
  const parley = await new FakeParley({
    appSecret: DEMO_ACCOUNTS.meta.appSecret,
    verifyToken: DEMO_ACCOUNTS.meta.verifyToken,
    twilioAuthToken: SMS.authToken,
    ...(extra.publicSmsUrl ? { publicSmsUrl: extra.publicSmsUrl } : {}),
  }).start();
  const sim = await startSimulator({
    parley: { webhookBase: parley.url },
    accounts: extra.publicSmsUrl ? { sms: { publicWebhookUrl: extra.publicSmsUrl } } : {},
    statusDelayMs: 0,
    retry: { meta: { attempts: 4, baseDelayMs: 5, timeoutMs: 5000 }, twilio: { attempts: 2, baseDelayMs: 5, timeoutMs: 5000 } },
    ...(extra.now ? { now: extra.now } : {}),
  });
  const call: Pair['call'] = async (method, path, body, headers = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body instanceof URLSearchParams) {
      init.body = body.toString();
      (init.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
    } else if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(`${sim.url}${path}`, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return { sim, parley, call, close: async () => { await sim.close(); await parley.close(); } };
}

/** The customer (page) sends something and waits for Parley's answer to the webhook. */
export async function customerSends(pair: Pair, body: Record<string, unknown>) {
  const res = await pair.call('POST', '/_sim/customer/send?wait=1', body);
  if (res.status !== 200) throw new Error(`customer send refused: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; webhook: { outcome: string; attempts: { status?: number }[] } };
}
