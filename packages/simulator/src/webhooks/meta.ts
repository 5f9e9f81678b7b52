import { createHmac } from 'node:crypto';
import { metaJson, metaSignature } from '../sign';
import type { Sim } from '../sim';
import { webhookUrl } from '../config';
import type { WebhookRecord } from '../state';

/** Sends one Meta webhook: the body serialised once, signed over exactly those bytes. */
export function sendMetaWebhook(sim: Sim, channel: 'whatsapp' | 'messenger', payload: unknown, summary: string): Promise<WebhookRecord> {
  const body = metaJson(payload);
  return sim.dispatcher.send({
    channel,
    url: webhookUrl(sim.parley, channel),
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'facebookexternalua',
      'x-hub-signature-256': metaSignature(sim.accounts.meta.appSecret, body),
      // The legacy SHA-1 header Meta still sends alongside; receivers should ignore it (§1.3).
      'x-hub-signature': `sha1=${createHmac('sha1', sim.accounts.meta.appSecret).update(body).digest('hex')}`,
    },
    summary,
  });
}
