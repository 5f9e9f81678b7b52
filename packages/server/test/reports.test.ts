/**
 * The day's figures through the API, on both databases: real chats driven through offer, RONA,
 * accept, transfer, abandon and wrap-up; the figures survive a restart (they are stored facts,
 * not the pruned event stream). Roles, input checks and the CSV download.
 */
import { expect, it } from 'vitest';
import type { DailyReport } from '@parley/protocol';
import { dayOf } from '../src/app/reports/zone-day';
import { describeBackends, is, useServer } from './harness';

describeBackends('reports API', (backend) => {
  const srv = useServer(backend, { offerTimeoutSeconds: 1 });

  it('counts offer, RONA, accept, transfer, abandon and wrap-ups per queue, channel and day, and keeps them across a restart', { timeout: 30_000 }, async () => {
    const s = srv();
    const today = dayOf('UTC', Date.now());
    const a1 = await s.availableAgent('agent1');
    const a2 = await s.agent('agent2');

    // c1: offered to a1, who lets it ring (RONA), then takes it.
    const c1 = await s.customer({ site: 'web' });
    const id = c1.conversationId;
    await a1.waitFor(is.offer(id, 'a1'));
    await a1.waitFor(is.withdrawn(id, 'timeout'), 5000);
    await a1.waitFor(is.agentState('a1', 'rona'));
    const from = a1.events.length;
    await a1.available();
    await a1.waitFor(is.offer(id, 'a1'), undefined, from);
    await a1.accept(id);
    // Transferred to the second queue, where a2 takes it, ends it and wraps up.
    await a1.transferToQueue(id, 'q-chat2');
    await a2.available();
    await a2.waitFor(is.offer(id, 'a2'));
    await a2.accept(id);
    await a2.end(id);
    await a2.wrapup(id, ['resolved']);
    await a1.wrapup(id, ['follow-up']);
    await a1.waitFor(is.conversation(id, 'closed'));

    // c2: the customer leaves while it is offered: abandoned.
    const c2 = await s.customer({ site: 'web' });
    await a1.waitFor(is.offer(c2.conversationId, 'a1'));
    c2.end();
    await a1.waitFor(is.withdrawn(c2.conversationId, 'customer-left'));

    const sup = await s.agent('super', { connect: false });
    const before = await sup.call<DailyReport>('GET', `/api/reports/daily?date=${today}&tz=UTC`);
    await s.restart();
    const sup2 = await s.agent('super', { connect: false });
    const r = await sup2.call<DailyReport>('GET', `/api/reports/daily?date=${today}&tz=UTC`);
    expect(r).toEqual(before);

    const row = (queueId: string) => r.queues.find((q) => q.queueId === queueId)!;
    expect(row('q-chat')).toMatchObject({ queueName: 'Chat', channel: 'webchat', offered: 2, accepted: 1, rona: 1, transferred: 1, abandoned: 1, handled: 1 });
    expect(row('q-chat').wrapups).toEqual([{ reasonId: 'follow-up', name: 'Follow-up needed', nameZh: '需要跟进', count: 1 }]);
    expect(row('q-chat2')).toMatchObject({ offered: 1, accepted: 1, rona: 0, transferred: 0, abandoned: 0, handled: 1 });
    expect(row('q-chat2').wrapups.map((w) => [w.reasonId, w.count])).toEqual([['resolved', 1]]);
    expect(row('q-email')).toMatchObject({ offered: 0, waitAvgMs: null });
    // The wait of c1 in q-chat spans the RONA (it kept its place): at least the 1 s offer timeout.
    expect(row('q-chat').waitAvgMs).toBeGreaterThanOrEqual(1000);
    expect(row('q-chat').waitP90Ms).toBe(row('q-chat').waitAvgMs);
    expect(r.channels.find((c) => c.channel === 'webchat')).toMatchObject({ offered: 3, accepted: 2, abandoned: 1, transferred: 1, rona: 1, handled: 2 });
    expect(r.total).toMatchObject({ offered: 3, accepted: 2, abandoned: 1, transferred: 1, rona: 1, handled: 2 });
    expect(r.total.wrapups.map((w) => w.count)).toEqual([1, 1]);
    expect(r).toMatchObject({ date: today, timeZone: 'UTC', to: r.from + 86_400_000 });

    // Another zone's day can hold none of it (Kiritimati is UTC+14: its "today" may differ).
    const far = await sup2.call<DailyReport>('GET', `/api/reports/daily?date=2001-01-01&tz=Pacific/Kiritimati`);
    expect(far.total.offered).toBe(0);

    // The CSV: a download with a header row and the same figures.
    const csv = await fetch(`${s.url}/api/reports/daily.csv?date=${today}&tz=UTC`, { headers: { authorization: `Bearer ${sup2.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="parley-${today}.csv"`);
    const lines = (await csv.text()).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^date,time_zone,scope,queue_id,queue_name,channel,offered,accepted,abandoned,transferred,rona,handled,/);
    expect(lines.find((l) => l.includes(',queue,q-chat,'))).toMatch(new RegExp(`^${today},UTC,queue,q-chat,Chat,webchat,2,1,1,1,1,1,`));
    expect(lines.at(-1)).toMatch(new RegExp(`^${today},UTC,total,,,,3,2,1,1,1,2,`));
  });

  it('supervisors and admins only; a bad date or zone is a 400 saying why', async () => {
    const s = srv();
    const agent = await s.agent('agent1', { connect: false });
    const admin = await s.agent('admin', { connect: false });
    expect((await agent.request('GET', '/api/reports/daily?date=2026-11-27')).status).toBe(403);
    expect((await agent.request('GET', '/api/reports/daily.csv?date=2026-11-27')).status).toBe(403);
    expect((await fetch(`${s.url}/api/reports/daily?date=2026-11-27`)).status).toBe(401);
    const ok = await admin.request<DailyReport>('GET', '/api/reports/daily?date=2026-11-27');
    expect(ok.status).toBe(200);
    expect(ok.body.timeZone).toBeTruthy();

    const bad = async (query: string, message: RegExp) => {
      const res = await admin.request<{ error: { code: string; message: string } }>('GET', `/api/reports/daily?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('PARLEY_ERR_VALIDATION');
      expect(res.body.error.message).toMatch(message);
    };
    await bad('date=2026-02-30', /calendar day/);
    await bad('date=27/11/2026', /date/);
    await bad('', /date/);
    await bad('date=2026-11-27&tz=Mars/Olympus', /IANA time zone/);
    await bad('date=2026-11-27&extra=1', /./);
  });
});
