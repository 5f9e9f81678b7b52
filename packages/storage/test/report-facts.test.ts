import { expect, it } from 'vitest';
import { insertReportFacts, lastHandledQueue, listReportFacts, type ReportFact } from '../src/index';
import { describeEachDatabase } from './databases';

const fact = (at: number, kind: ReportFact['kind'], extra: Partial<ReportFact> = {}): ReportFact => ({
  at, kind, conversationId: 'c1', queueId: 'q1', channel: 'webchat', agentId: null, ms: null, detail: null, ...extra,
});

describeEachDatabase('report facts', (t) => {
  it('lists a time range [from, to) in order, with times and details as stored', async () => {
    await insertReportFacts(t.db.kysely, [
      fact(10, 'queued'),
      fact(20, 'accepted', { agentId: 'a1', ms: 10 }),
      fact(30, 'transferred', { agentId: 'a1', detail: 'queue:q2' }),
      fact(40, 'queued', { queueId: 'q2' }),
    ]);
    expect(await listReportFacts(t.db.kysely, 20, 40)).toEqual([fact(20, 'accepted', { agentId: 'a1', ms: 10 }), fact(30, 'transferred', { agentId: 'a1', detail: 'queue:q2' })]);
  });

  it('finds the queue where an agent last handled a conversation', async () => {
    await insertReportFacts(t.db.kysely, [
      fact(10, 'handled', { agentId: 'a1', ms: 5, queueId: 'q1' }),
      fact(20, 'handled', { agentId: 'a2', ms: 5, queueId: 'q2' }),
      fact(30, 'handled', { agentId: 'a1', ms: 5, queueId: 'q3' }),
    ]);
    expect(await lastHandledQueue(t.db.kysely, 'c1', 'a1')).toBe('q3');
    expect(await lastHandledQueue(t.db.kysely, 'c1', 'a9')).toBeUndefined();
  });
});
