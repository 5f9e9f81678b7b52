/**
 * The admin API's audit log and guards: every change is recorded with who, what, before and after
 * (in the read shape, which is the PUT shape), in the same transaction; secrets never reach the
 * audit rows, the API's answers or the logs; deleting something in use is refused (409) naming its
 * users; unknown references are 400s naming the field.
 */
import { expect, it } from 'vitest';
import type { AuditPage } from '@parley/protocol';
import { describeBackends, useServer } from './harness';
import { capturedLogger } from './captured-logger';

const WA_TOKEN = 'EAAG-audit-literal-wa-token-31337';
const AGENT_PASSWORD = 'zoe-secret-password-2718';
const WORKFLOW_SECRET = 'workflow-hmac-secret-1618';

const errorOf = (r: { status: number; body: unknown }) => ({ status: r.status, ...(r.body as { error: { code: string; message: string } }).error });

describeBackends('admin audit log', (backend) => {
  const log = capturedLogger();
  const srv = useServer(backend, { logger: log.logger });

  it('each change is one entry: who, what, before/after in the PUT shape; a PUT that changes nothing adds none; newest first, paged', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const vip = { id: 'q-vip', name: 'VIP', channel: 'webchat', offerTimeoutSeconds: 20 };
    const created = await admin.call<Record<string, unknown>>('PUT', '/api/admin/queues/q-vip', vip);
    // What GET shows goes back through PUT unchanged (a form saves what it loaded).
    expect(await admin.call('PUT', '/api/admin/queues/q-vip', created)).toEqual(created);
    await admin.call('PUT', '/api/admin/queues/q-vip', { ...created, name: 'Very important' });
    expect((await admin.request('DELETE', '/api/admin/queues/q-vip')).status).toBe(204);

    const page = await admin.call<AuditPage>('GET', '/api/admin/audit?kind=queue&entityId=q-vip');
    const actor = { id: 'adm', name: 'Admin' };
    expect(page.items.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
    const [del, upd, cre] = page.items;
    expect(cre).toMatchObject({ actor, kind: 'queue', entityId: 'q-vip', before: null, after: created, reason: null });
    expect(upd).toMatchObject({ actor, before: created, after: { ...created, name: 'Very important' } });
    expect(del).toMatchObject({ actor, before: { ...created, name: 'Very important' }, after: null });
    expect(upd!.at).toBeGreaterThanOrEqual(cre!.at);

    const first = await admin.call<AuditPage>('GET', '/api/admin/audit?kind=queue&entityId=q-vip&limit=2');
    expect(first.items.map((e) => e.id)).toEqual([del!.id, upd!.id]);
    const rest = await admin.call<AuditPage>('GET', `/api/admin/audit?kind=queue&entityId=q-vip&limit=2&cursor=${first.nextCursor}`);
    expect(rest).toEqual({ items: [cre], nextCursor: null });

    // Admins only: the log shows every change's before and after.
    for (const who of ['super', 'agent1']) {
      expect((await (await s.agent(who, { connect: false })).request('GET', '/api/admin/audit')).status).toBe(403);
    }
    expect((await admin.request('GET', '/api/admin/audit?limit=0')).status).toBe(400);
  });

  it('secrets are never in audit rows, API answers or logs: only which were written', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const zoe = { id: 'zoe', username: 'zoe', displayName: 'Zoe', password: AGENT_PASSWORD, teams: ['team'], capacity: { webchat: 1 } };
    const wa = { id: 'wa', name: 'WhatsApp', channel: 'whatsapp', queue: 'q-wa', settings: { wabaId: '1', phoneNumberId: '2', displayNumber: '+15550001111', accessToken: WA_TOKEN } };
    const wf = { id: 'crm', name: 'CRM', url: 'https://crm.example/hook', fields: ['customer.name'], queues: ['q-chat'], secret: WORKFLOW_SECRET };
    const answers = [
      await admin.call('PUT', '/api/admin/agents/zoe', zoe),
      await admin.call('PUT', '/api/admin/entry-points/wa', wa),
      await admin.call('PUT', '/api/admin/workflows/crm', wf),
    ];
    // Sent back as GET showed them: the secrets are kept, and nothing is recorded.
    const shownWa = await admin.call<Record<string, unknown>>('GET', '/api/admin/entry-points/wa');
    expect(shownWa.settings).toMatchObject({ accessToken: { set: true, source: 'literal' } });
    await admin.call('PUT', '/api/admin/entry-points/wa', shownWa);
    const audit = await admin.call<AuditPage>('GET', '/api/admin/audit');
    const byEntity = (id: string) => audit.items.filter((e) => e.entityId === id);
    expect(byEntity('zoe')).toHaveLength(1);
    expect(byEntity('zoe')[0]!.after).toEqual({ id: 'zoe', username: 'zoe', displayName: 'Zoe', role: 'agent', teams: ['team'], capacity: { webchat: 1 }, secretsChanged: ['password'] });
    expect(byEntity('wa')).toHaveLength(1);
    expect(byEntity('wa')[0]!.after).toMatchObject({ settings: { accessToken: { set: true, source: 'literal' } }, secretsChanged: ['settings.accessToken'] });
    expect(byEntity('crm')[0]!.after).toMatchObject({ secret: { set: true, source: 'literal' }, secretsChanged: ['secret'] });

    const rows = JSON.stringify(await s.server.db.kysely.selectFrom('audit_log').selectAll().execute());
    const everything = [rows, JSON.stringify(audit), JSON.stringify(answers), JSON.stringify(shownWa), log.text()].join('\n');
    for (const secret of [WA_TOKEN, AGENT_PASSWORD, WORKFLOW_SECRET, 'scrypt$', '"encrypted"']) expect(everything).not.toContain(secret);
  });

  it('deleting something in use is refused (409) naming what uses it', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const del = async (path: string) => errorOf(await admin.request('DELETE', path));
    const conflict = (message: string) => ({ status: 409, code: 'PARLEY_ERR_CONFLICT', message });

    await admin.call('PUT', '/api/admin/queues/q-over', { id: 'q-over', name: 'Overflow', channel: 'webchat', agents: ['a3'] });
    await admin.call('PUT', '/api/admin/queues/q-main', { id: 'q-main', name: 'Main', channel: 'webchat', overflowQueue: 'q-over' });
    await admin.call('PUT', '/api/admin/templates/t-over', { id: 't-over', name: 'T', channels: ['webchat'], queues: ['q-over'], body: 'Hi' });
    expect(await del('/api/admin/queues/q-over')).toEqual(conflict('Queue "q-over" is in use: overflow of queues "q-main"; named by templates "t-over"'));
    expect(await del('/api/admin/queues/q-chat')).toEqual(conflict('Queue "q-chat" is in use: routed to by entry points "web"'));
    expect(await del('/api/admin/teams/team')).toEqual(conflict('Team "team" is in use: member of queues "q-chat", "q-chat2", "q-email", "q-wa"; agents in it "a1", "a2", "a3"'));
    expect(await del('/api/admin/agents/a3')).toEqual(conflict('Agent "a3" is in use: member of queues "q-over"'));
    expect(await del('/api/admin/agents/adm')).toEqual(conflict('You cannot delete your own account'));

    const a1 = await s.agent('agent1');
    await a1.call('PUT', '/api/me/state', { state: 'idle', idleReasonId: 'lunch' });
    expect(await del('/api/admin/idle-reasons/lunch')).toEqual(conflict('Idle reason "lunch" is in use: agents idle with it "a1"'));
    expect(await del('/api/admin/agents/a1')).toEqual(conflict('Agent "a1" is in use: signed in (idle): log the agent out first'));

    // Nothing was deleted, nor recorded; once unused, it goes.
    expect((await admin.call<AuditPage>('GET', '/api/admin/audit')).items.filter((e) => e.action === 'delete')).toEqual([]);
    expect((await admin.request('DELETE', '/api/admin/idle-reasons/break')).status).toBe(204);
  });

  it('unknown references and lock-outs are refused naming the field', async () => {
    const s = srv();
    const admin = await s.agent('admin', { connect: false });
    const put = async (path: string, body: object) => errorOf(await admin.request('PUT', path, body));
    const invalid = (message: string) => ({ status: 400, code: 'PARLEY_ERR_VALIDATION', message });
    const q = { id: 'q-new', name: 'New', channel: 'webchat' };
    expect(await put('/api/admin/queues/q-new', { ...q, teams: ['nope'], agents: ['ghost'] })).toEqual(invalid('agents: unknown agent "ghost"; teams: unknown team "nope"'));
    expect(await put('/api/admin/queues/q-new', { ...q, overflowQueue: 'q-wa' })).toEqual(invalid('overflowQueue: "q-wa" is a whatsapp queue, not webchat'));
    expect(await put('/api/admin/queues/q-new', { ...q, overflowQueue: 'q-new' })).toEqual(invalid('overflowQueue: a queue cannot overflow to itself'));
    expect(await put('/api/admin/entry-points/e', { id: 'e', name: 'E', channel: 'webchat', queue: 'q-wa' })).toEqual(
      invalid('queue: "q-wa" is a whatsapp queue; a webchat entry point needs a webchat queue'),
    );
    expect(await put('/api/admin/agents/a9', { id: 'a9', username: 'agent1', displayName: 'X', password: 'pw' })).toEqual({
      status: 409, code: 'PARLEY_ERR_CONFLICT', message: 'username: "agent1" is taken by agent "a1"',
    });
    expect(await put('/api/admin/agents/a9', { id: 'a9', username: 'agent9', displayName: 'X', teams: ['nope'], password: 'pw' })).toEqual(invalid('teams: unknown team "nope"'));
    expect(await put('/api/admin/agents/adm', { id: 'adm', username: 'admin', displayName: 'Admin', role: 'agent' })).toEqual({
      status: 409, code: 'PARLEY_ERR_CONFLICT', message: 'role: you cannot remove your own admin role',
    });
    expect((await admin.call<AuditPage>('GET', '/api/admin/audit')).items.filter((e) => e.actor !== null)).toEqual([]);
  });
});
