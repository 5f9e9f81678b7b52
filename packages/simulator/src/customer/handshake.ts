import { randomInt } from 'node:crypto';
import { webhookUrl } from '../config';
import type { Sim } from '../sim';

export interface HandshakeResult {
  url: string;
  status?: number;
  body?: string;
  error?: string;
  /** Parley answered 200 with exactly the challenge. */
  ok: boolean;
}

/**
 * The GET Meta sends when a callback URL is saved (§1.1, §2.1): `hub.mode=subscribe`, the verify
 * token and a challenge Parley must echo as the plain body. Pass another token to see it refused.
 */
export async function checkHandshake(sim: Sim, channel: 'whatsapp' | 'messenger', verifyToken = sim.accounts.meta.verifyToken): Promise<HandshakeResult> {
  const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
  const query = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken, 'hub.challenge': challenge });
  const url = `${webhookUrl(sim.parley, channel)}?${query.toString()}`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { 'user-agent': 'facebookplatform/1.0' } });
    const body = await res.text();
    return { url, status: res.status, body, ok: res.status === 200 && body === challenge };
  } catch (err) {
    return { url, error: (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message, ok: false };
  }
}
