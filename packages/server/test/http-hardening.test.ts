/**
 * Safe operator defaults on the HTTP surface: security headers on every answer, credentials
 * checked before the body, and the one error envelope for the framework's own refusals too.
 */
import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { AgentClient, CustomerClient } from '@parley/testkit';
import type { AgentSessions } from '../src/app/auth/sessions';
import { refuseLateAuth, requireAgent } from '../src/http/auth';
import { MAX_URL_LENGTH } from '../src/http/framework-errors';
import { startTestServer, useServer } from './harness';
import { rawRequest, type RawResponse } from './raw-http';

function expectSecurityHeaders(r: RawResponse, what: string): void {
  expect(r.headers['content-security-policy'], what).toMatch(/frame-ancestors 'none'/);
  expect(r.headers['x-content-type-options'], what).toBe('nosniff');
  expect(r.headers['x-frame-options'], what).toBe('DENY');
  expect(r.headers['referrer-policy'], what).toBe('no-referrer');
}

function expectEnvelope(r: RawResponse, status: number, code: string, what: string): void {
  expect(r.status, what).toBe(status);
  expect(r.headers['content-type'], what).toMatch(/^application\/json/);
  expect(r.json, `${what}: ${r.text}`).toMatchObject({ error: { code, message: expect.any(String) } });
  expect(Object.keys(r.json as object), what).toEqual(['error']);
}

describe('HTTP hardening [sqlite]', () => {
  const srv = useServer('sqlite', { scope: 'all' });

  it('security headers on a page, an API answer, an error and a 404', async () => {
    const { url } = srv();
    const agent = await AgentClient.login(url, 'agent1');
    const answers: [string, RawResponse][] = [
      ['Desktop page', await rawRequest(url, 'GET', '/')],
      ['demo page', await rawRequest(url, 'GET', '/webchat/demo')],
      ['API answer', await rawRequest(url, 'GET', '/api/desk', { headers: { authorization: `Bearer ${agent.token}` } })],
      ['401 error', await rawRequest(url, 'GET', '/api/desk')],
      ['validation error', await rawRequest(url, 'POST', '/api/auth/login', { headers: { 'content-type': 'application/json' }, body: '{}' })],
      ['404', await rawRequest(url, 'GET', '/no/such/thing')],
      ['bad URL', await rawRequest(url, 'GET', '/%')],
      ['headers too large', await rawRequest(url, 'GET', `/${'x'.repeat(20_000)}`)],
    ];
    for (const [what, r] of answers) expectSecurityHeaders(r, what);
    expect(answers[0]![1].status).toBe(200);
    expect(answers[2]![1].status).toBe(200);
    // The Desktop's policy allows only its own origin's scripts.
    expect(answers[0]![1].headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(answers[0]![1].headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    await agent.close();
  });

  it('the widget script and attachments stay loadable from other sites; the Desktop is not', async () => {
    const { url } = srv();
    const widget = await rawRequest(url, 'GET', '/webchat/widget.js');
    expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const desktop = await rawRequest(url, 'GET', '/');
    expect(desktop.headers['cross-origin-resource-policy']).toBe('same-origin');

    const customer = await CustomerClient.start(url);
    const up = await customer.upload('a.txt', 'text/plain', 'hello');
    expect(up.status).toBe(200);
    const file = await rawRequest(url, 'GET', up.body.url);
    expect(file.status).toBe(200);
    expect(file.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expectSecurityHeaders(file, 'attachment');
    await customer.close();
  });

  it('protected routes answer 401/403 before they read or validate the body', async () => {
    const { url } = srv();
    const json = { 'content-type': 'application/json' };
    const invalid = JSON.stringify({ nonsense: true });
    const noToken = await rawRequest(url, 'POST', '/api/conversations/c1/messages', { headers: json, body: invalid });
    expectEnvelope(noToken, 401, 'PARLEY_ERR_UNAUTHENTICATED', 'no token, invalid body');
    const brokenJson = await rawRequest(url, 'POST', '/api/conversations/c1/messages', { headers: json, body: '{"text": ' });
    expectEnvelope(brokenJson, 401, 'PARLEY_ERR_UNAUTHENTICATED', 'no token, malformed JSON');

    const agent = await AgentClient.login(url, 'agent1');
    const auth = { ...json, authorization: `Bearer ${agent.token}` };
    const wrongRole = await rawRequest(url, 'PUT', '/api/admin/queues/q1', { headers: auth, body: invalid });
    expectEnvelope(wrongRole, 403, 'PARLEY_ERR_FORBIDDEN', 'agent on an admin route, invalid body');
    // With the right to call it, the same body is a validation error.
    const admin = await AgentClient.login(url, 'admin');
    const asAdmin = await rawRequest(url, 'PUT', '/api/admin/queues/q1', { headers: { ...json, authorization: `Bearer ${admin.token}` }, body: invalid });
    expectEnvelope(asAdmin, 400, 'PARLEY_ERR_VALIDATION', 'admin, invalid body');

    // The customer's upload route: an unknown session is refused before the (non-multipart) body is parsed.
    const upload = await rawRequest(url, 'POST', '/webchat/api/attachments', { headers: { ...json, authorization: 'Bearer nope' }, body: '{"x": ' });
    expectEnvelope(upload, 404, 'PARLEY_ERR_UNKNOWN_SESSION', 'upload with an unknown session');
    await agent.close();
    await admin.close();
  });

  it("the framework's own refusals use the error envelope", async () => {
    const { url } = srv();
    const json = { 'content-type': 'application/json' };
    const login = (body: Buffer | string) => rawRequest(url, 'POST', '/api/auth/login', { headers: json, body });

    expectEnvelope(await rawRequest(url, 'GET', `/api/desk?q=${'x'.repeat(MAX_URL_LENGTH)}`), 414, 'PARLEY_ERR_URI_TOO_LONG', 'very long URL');
    expectEnvelope(await rawRequest(url, 'GET', `/${'x'.repeat(20_000)}`), 431, 'PARLEY_ERR_HEADERS_TOO_LARGE', 'past the header limit');
    expectEnvelope(await rawRequest(url, 'GET', '/%'), 400, 'PARLEY_ERR_VALIDATION', 'malformed URL');
    expectEnvelope(await rawRequest(url, 'GET', '/api/nothing-here'), 404, 'PARLEY_ERR_NOT_FOUND', 'unknown route');
    expectEnvelope(await login('{"username": '), 400, 'PARLEY_ERR_VALIDATION', 'bad JSON');
    expectEnvelope(await login(JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'pw' })), 413, 'PARLEY_ERR_PAYLOAD_TOO_LARGE', 'body too large');

    // Invalid UTF-8 (a lone 0xff byte) is refused, not stored as U+FFFD.
    const badUtf8 = Buffer.concat([Buffer.from('{"username": "agent1'), Buffer.from([0xff]), Buffer.from('", "password": "pw"}')]);
    const r = await login(badUtf8);
    expectEnvelope(r, 400, 'PARLEY_ERR_VALIDATION', 'bad UTF-8');
    expect((r.json as { error: { message: string } }).error.message).toMatch(/UTF-8/);
    // Valid UTF-8 still parses.
    expect((await login(JSON.stringify({ username: 'agent1', password: 'pw' }))).status).toBe(200);
  });
});

describe('refuseLateAuth', () => {
  it('refuses at start-up a route that authenticates after the body is validated', async () => {
    const app = Fastify();
    refuseLateAuth(app);
    const auth = requireAgent({} as AgentSessions);
    app.get('/early', { onRequest: auth }, async () => 'ok');
    expect(() => app.post('/late', { preHandler: auth }, async () => 'ok')).toThrow(/onRequest, not preHandler/);
    await app.close();
  });
});

describe('draining [sqlite]', () => {
  it('a request that arrives on an open connection while the server drains gets 503 in the envelope', async () => {
    const s = await startTestServer('sqlite');
    const { hostname, port } = new URL(s.url);
    const socket = connect(Number(port), hostname);
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    const ended = once(socket, 'close');
    await once(socket, 'connect');
    try {
      // A login whose body has not all arrived: an active connection, so closing waits for it.
      const body = JSON.stringify({ username: 'agent1', password: 'pw' });
      const arrived = once(s.server.app.server, 'request');
      socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`);
      await arrived;
      const closing = s.server.close();
      while (s.server.app.server.listening) await new Promise((r) => setImmediate(r));
      // The rest of the login, and a second request behind it on the same connection.
      socket.write(`${body.slice(5)}GET /api/desk HTTP/1.1\r\nHost: x\r\n\r\n`);
      await ended;
      await closing;
    } finally {
      socket.destroy();
      await s.close();
    }
    const responses = received.split(/(?=HTTP\/1\.1 )/);
    expect(responses.map((r) => r.split('\r\n')[0]), received).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 503 Service Unavailable']);
    expect(JSON.parse(responses[1]!.split('\r\n\r\n')[1]!)).toMatchObject({ error: { code: 'PARLEY_ERR_UNAVAILABLE' } });
  });
});
