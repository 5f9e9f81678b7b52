import { stringify } from 'csv-stringify/sync';
import type { DailyReport, ReportFigures } from '@parley/protocol';

const FIGURES = ['offered', 'accepted', 'abandoned', 'transferred', 'rona', 'handled', 'waitAvgMs', 'waitP90Ms', 'handleAvgMs', 'handleP90Ms'] as const;

/**
 * The day's figures as CSV: a header row, then one row per queue, per channel and the total
 * (`scope`), times in ms, and one `wrapup:<reason id>` column per wrap-up reason chosen that day.
 */
export function dailyReportCsv(r: DailyReport): string {
  const reasonIds = [...new Set(r.total.wrapups.map((w) => w.reasonId))];
  const header = ['date', 'time_zone', 'scope', 'queue_id', 'queue_name', 'channel', ...FIGURES.map(snake), ...reasonIds.map((id) => `wrapup:${id}`)];
  const row = (scope: string, queueId: string, queueName: string, channel: string, f: ReportFigures) => [
    r.date,
    r.timeZone,
    scope,
    inert(queueId),
    inert(queueName),
    channel,
    ...FIGURES.map((k) => f[k] ?? ''),
    ...reasonIds.map((id) => f.wrapups.find((w) => w.reasonId === id)?.count ?? 0),
  ];
  const rows = [
    ...r.queues.map((q) => row('queue', q.queueId, q.queueName, q.channel, q)),
    ...r.channels.map((c) => row('channel', '', '', c.channel, c)),
    row('total', '', '', '', r.total),
  ];
  return stringify([header, ...rows], { eof: true });
}

/** Admin-typed text that a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) is kept as text. */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
