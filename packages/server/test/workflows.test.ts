/**
 * Workflows end to end over HTTP: an admin defines them, an agent in a conversation runs one, the
 * signed request reaches a local receiver that verifies it (and refuses a replay), the outcome is
 * an event, and supervisors read the run log. Timeouts, retries, refusals and bad answers.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StoredEvent, WorkflowRunDto, ConversationWorkflows } from '@parley/protocol';
import { openDatabase, insertWorkflowRun } from '@parley/storage';
import { SupervisorLiveClient, startWorkflowReceiver, type AgentClient, type WorkflowReceiver } from '@parley/testkit';
import { parseConfig, ConfigError } from '../src/config/config-file';
import { describeBackends, useServer, type TestServer } from './harness';

const SECRET = 'whsec-test-1234567890';
let receiver: WorkflowReceiver;
beforeAll(async () => {
  receiver = await startWorkflowReceiver(SECRET);
});
afterAll(() => receiver.close());

type Def = { id: string; path: string; idempotent?: boolean; timeoutSeconds?: number; queues?: string[]; fields?: string[] };

async function define(admin: AgentClient, d: Def): Promise<void> {
  const body = {
    id: d.id, name: `Workflow ${d.id}`, url: `${receiver.url}${d.path}`, fields: d.fields ?? ['conversation.id', 'customer.name', 'agent.name'],
    queues: d.queues ?? ['q-chat'], idempotent: d.idempotent ?? false, timeoutSeconds: d.timeoutSeconds ?? 5, secret: SECRET,
  };
  const r = await admin.request('PUT', `/api/admin/workflows/${d.id}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** agent1 accepts a web chat from Jane (entry point `web` → q-chat unless `site` says otherwise). */
async function acceptedChat(s: TestServer, site = 'web') {
  const a1 = await s.availableAgent('agent1');
  const c = await s.customer({ name: 'Jane Doe', email: 'jane@example.com', site });
  await a1.waitForOffer(c.conversationId);
  await a1.accept(c.conversationId);
  return { a1, c, id: c.conversationId };
}

const finished = (runId: string) => (e: StoredEvent) => e.type === 'workflow.run' && e.run.id === runId && e.run.status !== 'running';

async function run(a: AgentClient, conversationId: string, workflowId: string): Promise<WorkflowRunDto> {
  const from = a.mark();
  const r = await a.request<WorkflowRunDto>('POST', `/api/conversations/${conversationId}/workflows/${workflowId}/runs`);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  expect(r.body).toMatchObject({ status: 'running', workflowId, conversationId, agentId: a.id });
  const e = await a.waitFor(finished(r.body.id), 10_000, from);
  return (e as Extract<StoredEvent, { type: 'workflow.run' }>).run;
}

const requestsOf = (runId: string) => receiver.received.filter((r) => r.headers['parley-run-id'] === runId);

describeBackends('workflows', (backend) => {
  const srv = useServer(backend);

  it('runs signed: the receiver verifies signature and timestamp, refuses a replay and a tampered body; the pane and supervisors see the outcome', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await define(admin, { id: 'ticket', path: '/ok', fields: ['conversation.id', 'conversation.queue', 'customer.name', 'customer.email', 'agent.name', 'messages'] });
    const { a1, c, id } = await acceptedChat(s);
    await c.say('My order is late');

    const listed = await a1.call<ConversationWorkflows>('GET', `/api/conversations/${id}/workflows`);
    expect(listed.workflows).toEqual([{ id: 'ticket', name: 'Workflow ticket', input: false }]);

    const done = await run(a1, id, 'ticket');
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, httpStatus: 200, message: 'Ticket T-42 created', link: 'https://tickets.example.com/T-42', errorCode: null });
    expect(done.durationMs).toBeGreaterThanOrEqual(0);

    const [req, ...more] = requestsOf(done.id);
    expect(more).toHaveLength(0);
    expect(req!.verdict).toBe('ok');
    expect(req!.headers['parley-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
    const body = JSON.parse(req!.rawBody);
    // Only the chosen fields, at their dotted paths.
    expect(body).toMatchObject({
      runId: done.id, workflowId: 'ticket',
      conversation: { id, queue: { id: 'q-chat', name: 'Chat' } },
      customer: { name: 'Jane Doe', email: 'jane@example.com' },
      agent: { name: 'Agent One' },
    });
    expect(body.messages.map((m: { text: string }) => m.text)).toContain('My order is late');
    expect(body.customer.phone).toBeUndefined();
    expect(body.conversation.channel).toBeUndefined();

    // What someone who saw the request can do with it: replayed at once, the receiver acts once
    // (same Parley-Run-Id); 6 minutes later it is refused; altered, it is refused.
    expect(await receiver.replay(req!)).toBe(200);
    expect(receiver.received.at(-1)!.verdict).toBe('duplicate');
    receiver.clockSkewSeconds = 6 * 60;
    try {
      expect(await receiver.replay(req!)).toBe(401);
      expect(receiver.received.at(-1)!.verdict).toBe('stale');
    } finally {
      receiver.clockSkewSeconds = 0;
    }
    expect(await receiver.replay(req!, req!.rawBody.replace('Jane Doe', 'Eve'))).toBe(401);
    expect(receiver.received.at(-1)!.verdict).toBe('bad-signature');

    // Earlier runs in the pane; the log for supervisors (agents may not read it).
    expect((await a1.call<ConversationWorkflows>('GET', `/api/conversations/${id}/workflows`)).runs).toEqual([done]);
    const sup = await s.agent('super', { connect: false });
    const log = await sup.call<{ runs: WorkflowRunDto[] }>('GET', `/api/supervisor/workflow-runs?conversationId=${id}&workflowId=ticket&limit=10`);
    expect(log.runs).toEqual([done]);
    expect((await sup.call<{ runs: WorkflowRunDto[] }>('GET', '/api/supervisor/workflow-runs?workflowId=other')).runs).toEqual([]);
    expect((await a1.request('GET', '/api/supervisor/workflow-runs')).status).toBe(403);
  });

  it('a supervisor following the conversation sees the run start and finish live', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await define(admin, { id: 'lookup', path: '/ok' });
    const { a1, id } = await acceptedChat(s);
    const sup = await s.agent('super', { connect: false });
    const live = s.track(await SupervisorLiveClient.connect(s.url, sup.token));
    expect(await live.follow(id)).toMatchObject({ type: 'following', conversationId: id });
    const done = await run(a1, id, 'lookup');
    const runEvent = (status: string) => (f: { event: { type: string; run?: WorkflowRunDto } }) => f.event.type === 'workflow.run' && f.event.run?.id === done.id && f.event.run.status === status;
    await live.waitForFollowed(runEvent('running'));
    const finishedRun = await live.waitForFollowed(runEvent('succeeded'));
    expect(finishedRun.event).toMatchObject({ type: 'workflow.run', run: { id: done.id, workflowName: 'Workflow lookup', agentId: 'a1' } });
  });

  it('sends what the agent typed as `input` when the workflow names that field', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await define(admin, { id: 'tag', path: '/ok', fields: ['conversation.id', 'input'] });
    const { a1, id } = await acceptedChat(s);
    expect((await a1.call<ConversationWorkflows>('GET', `/api/conversations/${id}/workflows`)).workflows).toEqual([{ id: 'tag', name: 'Workflow tag', input: true }]);
    const from = a1.mark();
    const r = await a1.request<WorkflowRunDto>('POST', `/api/conversations/${id}/workflows/tag/runs`, { input: '  vip, refund ' });
    expect(r.status).toBe(202);
    await a1.waitFor(finished(r.body.id), 10_000, from);
    expect(JSON.parse(requestsOf(r.body.id)[0]!.rawBody)).toMatchObject({ conversation: { id }, input: 'vip, refund' });
    const bare = await run(a1, id, 'tag');
    expect(JSON.parse(requestsOf(bare.id)[0]!.rawBody).input).toBeNull();
  });

  it('admin API: the secret is write-only, kept when left out, required for a new workflow; bad URL or queue is a 400', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await define(admin, { id: 'w1', path: '/ok' });
    const shown = await admin.call<Record<string, unknown>>('GET', '/api/admin/workflows/w1');
    expect(shown).toMatchObject({ id: 'w1', method: 'POST', timeoutSeconds: 5, idempotent: false, secret: { set: true, source: 'literal' } });
    expect(JSON.stringify(await admin.call('GET', '/api/admin/workflows'))).not.toContain(SECRET);

    // What GET showed, sent back (secret view included), keeps the secret; so does leaving it out.
    expect((await admin.request('PUT', '/api/admin/workflows/w1', { ...shown, name: 'Renamed' })).status).toBe(200);
    const { secret: _s, ...withoutSecret } = shown;
    expect((await admin.request('PUT', '/api/admin/workflows/w1', { ...withoutSecret, name: 'Renamed' })).status).toBe(200);
    const { a1, id } = await acceptedChat(s);
    const done = await run(a1, id, 'w1');
    expect(done).toMatchObject({ workflowName: 'Renamed', status: 'succeeded' });
    expect(requestsOf(done.id)[0]!.verdict).toBe('ok'); // still signed with the stored secret

    const base = { id: 'w2', name: 'W2', url: `${receiver.url}/ok`, fields: [], queues: ['q-chat'] };
    const noSecret = await admin.request('PUT', '/api/admin/workflows/w2', base);
    expect(noSecret.status).toBe(400);
    expect(noSecret.body).toMatchObject({ error: { code: 'PARLEY_ERR_VALIDATION', message: expect.stringContaining('secret') } });
    expect((await admin.request('PUT', '/api/admin/workflows/w2', { ...base, secret: { set: true, source: 'literal' } })).status).toBe(400);
    for (const bad of [{ url: 'ftp://x' }, { url: 'javascript:alert(1)' }, { queues: ['nope'] }, { timeoutSeconds: 61 }, { fields: ['customer.password'] }]) {
      const r = await admin.request('PUT', '/api/admin/workflows/w2', { ...base, secret: 'x', ...bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await a1.request('PUT', '/api/admin/workflows/w2', { ...base, secret: 'x' })).status).toBe(403);
    expect((await admin.request('DELETE', '/api/admin/workflows/w1')).status).toBe(204);
    expect((await a1.request('POST', `/api/conversations/${id}/workflows/w1/runs`)).status).toBe(404);
  });

  it('refuses a workflow not allowed for the queue, an agent not in the conversation, and an unknown one; nothing is sent', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await define(admin, { id: 'other-queue', path: '/ok', queues: ['q-chat2'] });
    await define(admin, { id: 'mine', path: '/ok' });
    const { a1, id } = await acceptedChat(s);
    const before = receiver.received.length;

    const notAllowed = await a1.request('POST', `/api/conversations/${id}/workflows/other-queue/runs`);
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body).toMatchObject({ error: { code: 'PARLEY_ERR_FORBIDDEN' } });
    expect((await a1.call<ConversationWorkflows>('GET', `/api/conversations/${id}/workflows`)).workflows.map((w) => w.id)).toEqual(['mine']);
    // The optional body: only `input`, as text, at most 1000 characters.
    for (const body of [{ input: 5 }, { input: 'x'.repeat(1001) }, { other: 1 }]) {
      expect((await a1.request('POST', `/api/conversations/${id}/workflows/mine/runs`, body)).status, JSON.stringify(body).slice(0, 40)).toBe(400);
    }

    const a2 = await s.agent('agent2', { connect: false });
    expect((await a2.request('POST', `/api/conversations/${id}/workflows/mine/runs`)).status).toBe(403);
    expect((await a2.request('GET', `/api/conversations/${id}/workflows`)).status).toBe(403);
    const sup = await s.agent('super', { connect: false });
    expect((await sup.request('POST', `/api/conversations/${id}/workflows/mine/runs`)).status).toBe(403);
    expect((await a1.request('POST', `/api/conversations/${id}/workflows/nope/runs`)).status).toBe(404);
    expect((await a1.request('POST', '/api/conversations/nope/workflows/mine/runs')).status).toBe(404);
    expect(receiver.received.length).toBe(before);
  });

  it('a receiver that never answers: failed "timeout" after one attempt when not idempotent', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await define(admin, { id: 'slow', path: '/slow', timeoutSeconds: 0.3 });
    const { a1, id } = await acceptedChat(s);
    const done = await run(a1, id, 'slow');
    expect(done).toMatchObject({ status: 'failed', errorCode: 'timeout', attempts: 1, httpStatus: null, message: null, link: null });
    expect(requestsOf(done.id)).toHaveLength(1);
  });

  it('a 500 is retried (3 attempts, one run id) only when the workflow is idempotent; a 503 then 200 succeeds on the second', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await define(admin, { id: 'once', path: '/fail' });
    await define(admin, { id: 'again', path: '/fail', idempotent: true });
    await define(admin, { id: 'flaky', path: '/flaky', idempotent: true });
    const { a1, id } = await acceptedChat(s);

    const once = await run(a1, id, 'once');
    expect(once).toMatchObject({ status: 'failed', errorCode: 'http-status', httpStatus: 500, attempts: 1, reason: 'The receiver answered HTTP 500' });
    expect(requestsOf(once.id)).toHaveLength(1);

    const again = await run(a1, id, 'again');
    expect(again).toMatchObject({ status: 'failed', errorCode: 'http-status', httpStatus: 500, attempts: 3 });
    const tries = requestsOf(again.id);
    expect(tries).toHaveLength(3);
    expect(tries.every((t) => t.verdict === 'ok')).toBe(true);
    expect(new Set(tries.map((t) => t.rawBody)).size).toBe(1);

    const flaky = await run(a1, id, 'flaky');
    expect(flaky).toMatchObject({ status: 'succeeded', attempts: 2, httpStatus: 200, message: 'Second time lucky' });
  });

  it("a receiver's bad answer is not shown: broken JSON and a javascript: link are ignored (the call itself succeeded)", async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await define(admin, { id: 'bad', path: '/bad-json' });
    await define(admin, { id: 'js', path: '/js-link' });
    await define(admin, { id: 'empty', path: '/empty' });
    const { a1, id } = await acceptedChat(s);
    expect(await run(a1, id, 'bad')).toMatchObject({ status: 'succeeded', message: null, link: null, errorCode: 'bad-response', reason: expect.stringContaining('not JSON') });
    expect(await run(a1, id, 'js')).toMatchObject({ status: 'succeeded', message: null, link: null, errorCode: 'bad-response', reason: expect.stringContaining('link') });
    expect(await run(a1, id, 'empty')).toMatchObject({ status: 'succeeded', httpStatus: 204, message: null, link: null, errorCode: null });
  });

  it('a run left running by a crash is marked failed "interrupted" at start-up, not sent again', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    await define(admin, { id: 'w', path: '/ok' });
    const { id } = await acceptedChat(s);
    await s.restart(async ({ dataDir, databaseUrl }) => {
      const db = await openDatabase({ url: databaseUrl, dataDir });
      try {
        await insertWorkflowRun(db.kysely, {
          id: 'crashed-run', workflowId: 'w', workflowName: 'W', conversationId: id, agentId: 'a1', agentName: 'Agent One', status: 'running',
          attempts: 1, httpStatus: null, message: null, link: null, errorCode: null, reason: null, startedAt: Date.now(), finishedAt: null,
        });
      } finally {
        await db.close();
      }
    });
    const a1 = await s.agent('agent1', { connect: false });
    const { runs } = await a1.call<ConversationWorkflows>('GET', `/api/conversations/${id}/workflows`);
    expect(runs).toEqual([expect.objectContaining({ id: 'crashed-run', status: 'failed', errorCode: 'interrupted' })]);
    expect(requestsOf('crashed-run')).toHaveLength(0);
  });
});

it('config file: workflows need a known queue, an http(s) URL, a secret and unique ids', () => {
  const base = { queues: [{ id: 'q', name: 'Q', channel: 'webchat' }] };
  const wf = { id: 'w', name: 'W', url: 'https://example.com/hook', fields: ['conversation.id'], queues: ['q'], secret: { env: 'HOOK_SECRET' } };
  expect(parseConfig(JSON.stringify({ ...base, workflows: [wf] })).workflows).toHaveLength(1);
  const bad = (w: object[]) => () => parseConfig(JSON.stringify({ ...base, workflows: w }));
  expect(bad([{ ...wf, queues: ['nope'] }])).toThrow(/unknown queue "nope"/);
  expect(bad([{ ...wf, secret: undefined }])).toThrow(/needs a secret/);
  expect(bad([{ ...wf, url: 'http://' }])).toThrow(ConfigError);
  expect(bad([wf, wf])).toThrow(/duplicate workflow id "w"/);
});
