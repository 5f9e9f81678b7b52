import { createHmac } from 'node:crypto';

/**
 * The headers that let a receiver trust a workflow request: `Parley-Signature: v1=<hex>` is
 * HMAC-SHA256 over `<timestamp>.<raw body>` with the workflow's secret, and the timestamp is sent
 * in `Parley-Timestamp` (unix seconds) so a receiver can reject old requests (replays). See docs/workflows.md.
 */
export function signatureHeaders(secret: string, timestampSeconds: number, rawBody: string): Record<string, string> {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
  return { 'parley-timestamp': String(timestampSeconds), 'parley-signature': `v1=${mac}` };
}
