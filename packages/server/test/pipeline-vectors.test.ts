/**
 * The published signature vectors (wire-formats §1.3, §2.3: bodies as Meta serialises them, signatures
 * computed with openssl), replayed byte for byte against a server whose app secret is the vectors'.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { channelTestConfig, postWebhook } from '@parley/testkit';
import { byProviderId, customerThread, useChannelServer } from './channel-harness';
import { describeBackends } from './harness';

const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const fixture = (path: string) => readFileSync(resolve(import.meta.dirname, '../../channels/src', path), 'utf8');
const VECTORS = [
  {
    channel: 'messenger' as const,
    body: fixture('meta/fixtures/messenger-signed.body.txt'),
    signature: 'sha256=d6b2b71beaabcaf1ce7f8ca842a3f9a527335f3e84f18a01e2afd68db161f630',
    customer: '24000000000000001',
    providerId: 'm_AbCdEf123',
    text: 'Café order #42',
  },
  {
    channel: 'whatsapp' as const,
    body: fixture('whatsapp/fixtures/signed-text.body.txt'),
    signature: 'sha256=da55b980be821c648efac9cf7fb4b6f4f44c4897b0144531674433749dcd1fa3',
    customer: '16505551234',
    providerId: 'wamid.TEST1',
    text: 'Hi',
  },
  {
    channel: 'whatsapp' as const,
    body: fixture('whatsapp/fixtures/escaped-unicode.body.txt'),
    signature: 'sha256=45f882968e5bbd6d0e4e97a23695710f97c434980284e0fb6dbb639bb475210e',
    customer: '33612345678',
    providerId: 'wamid.ESC1',
    text: 'Café 😀 à bientôt',
  },
];

describeBackends('published Meta vectors', (backend) => {
  const env = useChannelServer(backend, {
    configFor: (url) => {
      const config = channelTestConfig(url);
      return { ...config, providers: { ...config.providers, meta: { ...config.providers.meta, appSecret: SECRET } } };
    },
  });

  it.each(VECTORS)('$channel $providerId: the exact bytes with the published signature are stored; a re-serialised body is 403', async (v) => {
    const { s, sup } = env();
    const reserialised = JSON.stringify(JSON.parse(v.body));
    // Bodies with escapes re-serialise to other bytes, which the signature does not cover.
    if (reserialised !== v.body) expect((await postWebhook(s.url, v.channel, reserialised, { signature: v.signature })).status).toBe(403);
    const res = await postWebhook(s.url, v.channel, v.body.replace(/\n$/, ''), { signature: v.signature });
    expect(res.status).toBe(200);
    expect(byProviderId(await customerThread(sup, v.channel, v.customer), v.providerId).text).toBe(v.text);
  });
});
