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
    },
    summary,
  });
}
