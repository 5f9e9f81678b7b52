/**
 * Secrets never reach the logs: the real server process at `info` logs every request (WebSocket
 * connects with `?token=`, signed file links), and none of the tokens or signatures appears.
 * REST takes the agent token from the Authorization header only.
 */
import { afterEach, expect, it } from 'vitest';
import { AgentClient, CustomerClient, httpRequest, startServer, type ServerProcess } from '@parley/testkit';
import { redactFields, redactSecrets, serializeError } from '../src/logging/redact';
import { is } from './harness';

it('redacts secret query values and URL passwords, leaving the rest readable', () => {
  expect(redactSecrets('/api/ws?token=abc.DEF-1&since=42')).toBe('/api/ws?token=[redacted]&since=42');
  expect(redactSecrets('/files/f1?exp=123&sig=zzz')).toBe('/files/f1?exp=123&sig=[redacted]');
  expect(redactSecrets('GET /x?access_token=1&password=2&client_secret=3&a=4')).toBe('GET /x?access_token=[redacted]&password=[redacted]&client_secret=[redacted]&a=4');
  expect(redactSecrets('connect postgres://parley:hunter2@db:5432/parley failed')).toBe('connect postgres://parley:[redacted]@db:5432/parley failed');
  expect(serializeError(new Error('GET https://provider.example/x?api_key=k1 failed'))).toMatchObject({ message: 'GET https://provider.example/x?api_key=[redacted] failed' });
  // Provider secrets: keys, AWS-style signatures, verify tokens, bearer credentials in text.
  expect(redactSecrets('/x?key=k&access_key=a&X-Amz-Signature=s&hub.verify_token=v&n=1')).toBe(
    '/x?key=[redacted]&access_key=[redacted]&X-Amz-Signature=[redacted]&hub.verify_token=[redacted]&n=1',
  );
  expect(redactSecrets('provider said 401 for Authorization: Bearer EAAG1234abcd')).toBe('provider said 401 for Authorization: Bearer [redacted]');
});

it('redacts fields named like secrets at any depth, and leaves other fields as they are', () => {
  const line = redactFields({
    msg: 'sent',
    entryPoint: { id: 'wa1', appSecret: 'as', accessToken: 'at', verifyToken: 'vt', account: { authToken: 'tw', sid: 'AC1' } },
    smtp: { auth: { user: 'u', pass: 'p', password: 'pw' }, dkim: { privateKey: 'pk' } },
    headers: [{ authorization: 'Basic dXNlcjpwYXNz' }],
    count: 3,
    tokenCount: 0,
  });
  expect(line).toEqual({
    msg: 'sent',
    entryPoint: { id: 'wa1', appSecret: '[redacted]', accessToken: '[redacted]', verifyToken: '[redacted]', account: { authToken: '[redacted]', sid: 'AC1' } },
    smtp: { auth: { user: 'u', pass: '[redacted]', password: '[redacted]' }, dkim: { privateKey: '[redacted]' } },
    headers: [{ authorization: '[redacted]' }],
    count: 3,
    tokenCount: '[redacted]',
  });
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
