import type { ResolvedProviders, WebhookRequest, WebhookVerdict } from '../contract';
import { answerMetaHandshake } from './handshake';
import { verifyMetaSignature } from './signature';

/** The part of a webhook both Meta channels share: one app secret signs both, one verify token answers both handshakes. */
export const metaWebhook = {
  verify(req: WebhookRequest, providers: ResolvedProviders): WebhookVerdict {
    const appSecret = providers.meta?.appSecret;
    if (!appSecret) return { ok: false, status: 403, reason: 'no Meta app is configured (providers.meta)' };
    const header = req.headers['x-hub-signature-256'];
    if (typeof header !== 'string' || header === '') return { ok: false, status: 401, reason: 'missing X-Hub-Signature-256' };
    return verifyMetaSignature(req.raw, header, appSecret) ? { ok: true } : { ok: false, status: 403, reason: 'bad X-Hub-Signature-256' };
  },
  ack: () => ({ status: 200 as const, contentType: 'text/plain; charset=utf-8', body: 'EVENT_RECEIVED' }),
  handshake: (query: Record<string, unknown>, providers: ResolvedProviders) => answerMetaHandshake(query, providers.meta?.verifyToken ?? ''),
};

/** JSON.parse of a webhook body; undefined for bytes that are not JSON (the parsers turn that into a notice). */
export function jsonBody(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}
