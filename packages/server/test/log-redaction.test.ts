/**
 * Secrets never reach the logs: the real server process at `info` logs every request (WebSocket
 * connects with `?token=`, signed file links), and none of the tokens or signatures appears.
 * REST takes the agent token from the Authorization header only.
 */
import { afterEach, expect, it } from 'vitest';
import { AgentClient, CustomerClient, httpRequest, startServer, type ServerProcess } from '@parley/testkit';
import { redactSecrets, serializeError } from '../src/logging/redact';
import { is } from './harness';

it('redacts secret query values and URL passwords, leaving the rest readable', () => {
  expect(redactSecrets('/api/ws?token=abc.DEF-1&since=42')).toBe('/api/ws?token=[redacted]&since=42');
  expect(redactSecrets('/files/f1?exp=123&sig=zzz')).toBe('/files/f1?exp=123&sig=[redacted]');
  expect(redactSecrets('GET /x?access_token=1&password=2&client_secret=3&a=4')).toBe('GET /x?access_token=[redacted]&password=[redacted]&client_secret=[redacted]&a=4');
  expect(redactSecrets('connect postgres://parley:hunter2@db:5432/parley failed')).toBe('connect postgres://parley:[redacted]@db:5432/parley failed');
  expect(serializeError(new Error('GET https://provider.example/x?api_key=k1 failed'))).toMatchObject({ message: 'GET https://provider.example/x?api_key=[redacted] failed' });
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let server: ServerProcess | undefined;
afterEach(async () => {
  await server?.kill();
  server = undefined;
});

it('a real server at info level logs WebSocket connects and file links without tokens or signatures; REST ignores ?token=', { timeout: 60_000 }, async () => {
  server = await startServer({ env: { LOG_LEVEL: 'info' } });
  const a1 = await AgentClient.login(server.url, 'agent1');
  await a1.connect();
  await a1.available();
  const c = await CustomerClient.open(server.url);
  await a1.waitFor(is.offer(c.conversationId, 'a1'));
  await a1.accept(c.conversationId);
  const att = await c.upload('a.png', 'image/png', PNG);
  expect(att.status).toBe(200);
  await c.say('see attached', { attachmentIds: [att.body.id] });
  const seen = await a1.waitFor(is.message(c.conversationId, (m) => m.attachments.length === 1));
  if (seen.type !== 'message.created') throw new Error('unreachable');
  const link = new URL(seen.message.attachments[0]!.url, server.url);
  expect((await fetch(link)).status).toBe(200);
  const sig = link.searchParams.get('sig')!;

  // The agent token in the query string is not a credential on REST.
  const viaQuery = await httpRequest(server.url, 'GET', `/api/desk?token=${encodeURIComponent(a1.token)}`);
  expect(viaQuery.status).toBe(401);
  expect((await a1.request('GET', '/api/desk')).status).toBe(200);

  await a1.close();
  await c.close();
  await server.stop(); // flushes the logs
  const logs = server.logs();
  expect(logs).toContain('/api/ws?token=[redacted]');
  expect(logs).toContain('/webchat/ws?token=[redacted]');
  expect(logs).toContain('sig=[redacted]');
  for (const secret of [a1.token, c.token, sig, encodeURIComponent(a1.token), encodeURIComponent(c.token)]) expect(logs).not.toContain(secret);
});
