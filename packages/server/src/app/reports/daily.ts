import type { ChannelType, ChannelReportRow, DailyReport, QueueReportRow, ReportFigures } from '@parley/protocol';
import type { ReportFact } from '@parley/storage';

export interface ReportNames {
  queues: readonly { id: string; name: string; channel: ChannelType }[];
  wrapupReasons: readonly { id: string; label: string; labelZh: string | null }[];
}

export interface ReportDay {
  date: string;
  timeZone: string;
  from: number;
  to: number;
}

/**
 * The 90th percentile by nearest rank: the smallest value with at least 90 % of the values at or
 * below it (sorted ascending, the ⌈0.9·n⌉-th). Always one of the measured values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

/** Figures of a set of facts (all in one row: a queue, a channel, or the day). */
type ReasonName = (id: string) => { name: string; nameZh: string | null };

function figures(facts: readonly ReportFact[], reasonName: ReasonName): ReportFigures {
  const count = (kind: ReportFact['kind']) => facts.filter((f) => f.kind === kind).length;
  const times = (kind: ReportFact['kind']) => facts.filter((f) => f.kind === kind && f.ms !== null).map((f) => f.ms!);
  const waits = times('accepted');
  const handles = times('handled');
  const reasons = new Map<string, number>();
  for (const f of facts) if (f.kind === 'wrapup' && f.detail !== null) reasons.set(f.detail, (reasons.get(f.detail) ?? 0) + 1);
  return {
    offered: count('queued'),
    accepted: count('accepted'),
    abandoned: count('abandoned'),
    transferred: count('transferred'),
    rona: count('rona'),
    handled: count('handled'),
    waitAvgMs: average(waits),
    waitP90Ms: percentile(waits, 90),
    handleAvgMs: average(handles),
    handleP90Ms: percentile(handles, 90),
    wrapups: [...reasons]
      .map(([reasonId, n]) => ({ reasonId, ...reasonName(reasonId), count: n }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
  };
}

function groupBy<K>(facts: readonly ReportFact[], key: (f: ReportFact) => K): Map<K, ReportFact[]> {
  const out = new Map<K, ReportFact[]>();
  for (const f of facts) {
    const k = key(f);
    const list = out.get(k);
    if (list) list.push(f);
    else out.set(k, [f]);
  }
  return out;
}

/**
 * One day's figures (pure). A fact counts on the day it happened in the zone (an accept on the day
 * of the accept, whenever the conversation arrived). Every configured queue has a row (zeros
 * included), and so does a queue that has facts that day but was deleted since (named by its id).
 */
export function dailyReport(all: readonly ReportFact[], day: ReportDay, names: ReportNames): DailyReport {
  const facts = all.filter((f) => f.at >= day.from && f.at < day.to);
  const reasons = new Map(names.wrapupReasons.map((r) => [r.id, r]));
  // A reason deleted since is named by its id.
  const reasonName: ReasonName = (id) => ({ name: reasons.get(id)?.label ?? id, nameZh: reasons.get(id)?.labelZh ?? null });

  const byQueue = groupBy(facts, (f) => f.queueId);
  const queueRows = new Map<string, { id: string; name: string; channel: ChannelType }>();
  for (const q of names.queues) queueRows.set(q.id, q);
  for (const [id, list] of byQueue) if (!queueRows.has(id)) queueRows.set(id, { id, name: id, channel: list[0]!.channel as ChannelType });
  const queues: QueueReportRow[] = [...queueRows.values()]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((q) => ({ queueId: q.id, queueName: q.name, channel: q.channel, ...figures(byQueue.get(q.id) ?? [], reasonName) }));

  const byChannel = groupBy(facts, (f) => f.channel as ChannelType);
  const channelSet = new Set<ChannelType>([...names.queues.map((q) => q.channel), ...byChannel.keys()]);
  const channels: ChannelReportRow[] = [...channelSet].sort().map((channel) => ({ channel, ...figures(byChannel.get(channel) ?? [], reasonName) }));

  return { date: day.date, timeZone: day.timeZone, from: day.from, to: day.to, queues, channels, total: figures(facts, reasonName) };
}
