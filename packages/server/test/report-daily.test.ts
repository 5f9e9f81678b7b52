/**
 * The day's figures (pure): calendar days in a time zone (daylight-saving days included),
 * nearest-rank percentiles, per queue / channel / total rows, wrap-up reasons, and the CSV.
 */
import { describe, expect, it } from 'vitest';
import type { ReportFact } from '@parley/storage';
import { dailyReport, percentile, type ReportNames } from '../src/app/reports/daily';
import { dailyReportCsv } from '../src/app/reports/csv';
import { dayBounds, dayOf, isTimeZone, parseDate } from '../src/app/reports/zone-day';

const H = 3_600_000;
const names: ReportNames = {
  queues: [
    { id: 'q-sms', name: 'Texts', channel: 'sms' },
    { id: 'q-chat', name: 'Chat', channel: 'webchat' },
    { id: 'q-idle', name: 'Quiet', channel: 'webchat' },
  ],
  wrapupReasons: [
    { id: 'resolved', label: 'Resolved', labelZh: '已解决' },
    { id: 'spam', label: 'Spam', labelZh: null },
  ],
};

function fact(at: number, kind: ReportFact['kind'], queueId: string, extra: Partial<ReportFact> = {}): ReportFact {
  const channel = queueId === 'q-sms' ? 'sms' : 'webchat';
  return { at, kind, conversationId: 'c', queueId, channel, agentId: null, ms: null, detail: null, ...extra };
}

describe('calendar days in a time zone', () => {
  it('a Paris day is 24 h from local midnight; 23 h and 25 h on the daylight-saving days', () => {
    expect(dayBounds('Europe/Paris', [2026, 11, 27])).toEqual({ from: Date.UTC(2026, 10, 26, 23), to: Date.UTC(2026, 10, 27, 23) });
    const spring = dayBounds('Europe/Paris', [2026, 3, 29]);
    expect([spring.from, spring.to - spring.from]).toEqual([Date.UTC(2026, 2, 28, 23), 23 * H]);
    const autumn = dayBounds('Europe/Paris', [2026, 10, 25]);
    expect([autumn.from, autumn.to - autumn.from]).toEqual([Date.UTC(2026, 9, 24, 22), 25 * H]);
  });

  it('a day whose midnight is skipped starts when the clock jumps (Santiago, 2026-09-06 00:00 → 01:00)', () => {
    const d = dayBounds('America/Santiago', [2026, 9, 6]);
    expect(d.from).toBe(Date.UTC(2026, 8, 6, 4));
    expect(dayOf('America/Santiago', d.from)).toBe('2026-09-06');
    expect(dayOf('America/Santiago', d.from - 1)).toBe('2026-09-05');
    expect(d.to - d.from).toBe(23 * H);
  });

  it('the same instant falls on different days in different zones; bad dates and zones are refused', () => {
    const t = Date.UTC(2026, 10, 27, 23, 30);
    expect([dayOf('UTC', t), dayOf('Asia/Shanghai', t), dayOf('America/New_York', t)]).toEqual(['2026-11-27', '2026-11-28', '2026-11-27']);
    expect(parseDate('2026-02-30')).toBeUndefined();
    expect(parseDate('2026-2-3')).toBeUndefined();
    expect(parseDate('2028-02-29')).toEqual([2028, 2, 29]);
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('percentile (nearest rank)', () => {
  it('is the ⌈0.9·n⌉-th smallest value, one of the values measured', () => {
    expect(percentile([], 90)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 90)).toBe(9);
    expect(percentile([...Array(11).keys()].map((i) => i + 1), 90)).toBe(10); // ⌈9.9⌉ = 10th
    expect(percentile([3, 1, 2], 90)).toBe(3);
  });
});

describe('the day report', () => {
  const day = { date: '2026-11-27', timeZone: 'Asia/Shanghai', ...dayBounds('Asia/Shanghai', [2026, 11, 27]) };
  const facts: ReportFact[] = [
    fact(day.from - 1, 'queued', 'q-chat'), // the day before, in Shanghai
    fact(day.from, 'queued', 'q-chat'),
    fact(day.from + 10, 'queued', 'q-chat'),
    fact(day.from + 20, 'rona', 'q-chat', { agentId: 'a1' }),
    fact(day.from + 30, 'accepted', 'q-chat', { agentId: 'a2', ms: 4000 }),
    fact(day.from + 40, 'abandoned', 'q-chat'),
    fact(day.from + 50, 'handled', 'q-chat', { agentId: 'a2', ms: 60_000 }),
    fact(day.from + 50, 'transferred', 'q-chat', { agentId: 'a2', detail: 'queue:q-sms' }),
    fact(day.from + 60, 'wrapup', 'q-chat', { agentId: 'a2', detail: 'resolved' }),
    fact(day.from + 60, 'wrapup', 'q-chat', { agentId: 'a2', detail: 'gone' }),
    fact(day.from + 70, 'queued', 'q-sms', { channel: 'sms' }),
    fact(day.from + 80, 'accepted', 'q-sms', { channel: 'sms', agentId: 'a1', ms: 1000 }),
    fact(day.from + 90, 'handled', 'q-sms', { channel: 'sms', agentId: 'a1', ms: 30_000 }),
    fact(day.from + 95, 'wrapup', 'q-sms', { channel: 'sms', agentId: 'a1', detail: 'resolved' }),
    fact(day.from + 99, 'queued', 'q-deleted'),
    fact(day.to, 'queued', 'q-sms', { channel: 'sms' }), // the next day
  ];
  const report = dailyReport(facts, day, names);

  it('counts per queue (every queue, a deleted one by id), per channel, and in total; only facts of that day', () => {
    expect(report.queues.map((q) => [q.queueId, q.queueName, q.channel, q.offered, q.accepted, q.abandoned, q.transferred, q.rona, q.handled])).toEqual([
      ['q-chat', 'Chat', 'webchat', 2, 1, 1, 1, 1, 1],
      ['q-deleted', 'q-deleted', 'webchat', 1, 0, 0, 0, 0, 0],
      ['q-idle', 'Quiet', 'webchat', 0, 0, 0, 0, 0, 0],
      ['q-sms', 'Texts', 'sms', 1, 1, 0, 0, 0, 1],
    ]);
    expect(report.channels.map((c) => [c.channel, c.offered, c.accepted])).toEqual([['sms', 1, 1], ['webchat', 3, 1]]);
    expect(report.total).toMatchObject({ offered: 4, accepted: 2, abandoned: 1, transferred: 1, rona: 1, handled: 2 });
  });

  it('times: average and p90 of waits (accepts) and handle times, null where nothing was measured', () => {
    expect(report.total).toMatchObject({ waitAvgMs: 2500, waitP90Ms: 4000, handleAvgMs: 45_000, handleP90Ms: 60_000 });
    expect(report.queues.find((q) => q.queueId === 'q-idle')).toMatchObject({ waitAvgMs: null, waitP90Ms: null, handleAvgMs: null, handleP90Ms: null, wrapups: [] });
  });

  it('wrap-up reasons with counts, most used first; a deleted reason by its id', () => {
    expect(report.total.wrapups).toEqual([
      { reasonId: 'resolved', name: 'Resolved', nameZh: '已解决', count: 2 },
      { reasonId: 'gone', name: 'gone', nameZh: null, count: 1 },
    ]);
  });

  it('CSV: a header, one row per queue, per channel and the total, one column per wrap-up reason', () => {
    const lines = dailyReportCsv(report).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'date,time_zone,scope,queue_id,queue_name,channel,offered,accepted,abandoned,transferred,rona,handled,wait_avg_ms,wait_p90_ms,handle_avg_ms,handle_p90_ms,wrapup:resolved,wrapup:gone',
    );
    expect(lines[1]).toBe('2026-11-27,Asia/Shanghai,queue,q-chat,Chat,webchat,2,1,1,1,1,1,4000,4000,60000,60000,1,1');
    expect(lines[3]).toBe('2026-11-27,Asia/Shanghai,queue,q-idle,Quiet,webchat,0,0,0,0,0,0,,,,,0,0');
    expect(lines.at(-1)).toBe('2026-11-27,Asia/Shanghai,total,,,,4,2,1,1,1,2,2500,4000,45000,60000,2,1');
    expect(lines).toHaveLength(1 + 4 + 2 + 1);
  });

  it('CSV: a queue name a spreadsheet would run as a formula stays text', () => {
    const evil = dailyReport([], day, { queues: [{ id: 'q1', name: '=HYPERLINK("http://x","y")', channel: 'sms' }], wrapupReasons: [] });
    expect(dailyReportCsv(evil).split('\n')[1]).toBe(`2026-11-27,Asia/Shanghai,queue,q1,"'=HYPERLINK(""http://x"",""y"")",sms,0,0,0,0,0,0,,,,`);
  });
});
