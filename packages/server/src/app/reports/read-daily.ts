import { DomainError } from '@parley/core';
import type { ChannelType, DailyReport } from '@parley/protocol';
import * as store from '@parley/storage';
import type { Directory } from '../directory';
import { dailyReport } from './daily';
import { dayBounds, isTimeZone, parseDate } from './zone-day';

/** The zone used when the client names none: the server's (TZ), UTC when it has none. */
export function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** One day's figures from the stored report facts; a date that is no day or an unknown zone is a 400. */
export async function readDailyReport(ex: store.Executor, directory: Directory, date: string, tz: string | undefined): Promise<DailyReport> {
  const day = parseDate(date);
  if (!day) throw new DomainError('PARLEY_ERR_VALIDATION', `date must be a calendar day as YYYY-MM-DD (got "${date}")`);
  const timeZone = tz ?? serverTimeZone();
  if (!isTimeZone(timeZone)) throw new DomainError('PARLEY_ERR_VALIDATION', `tz must be an IANA time zone such as Europe/Paris (got "${timeZone}")`);
  const { from, to } = dayBounds(timeZone, day);
  const facts = await store.listReportFacts(ex, from, to);
  return dailyReport(facts, { date, timeZone, from, to }, {
    queues: [...directory.queues.values()].map((q) => ({ id: q.id, name: q.name, channel: q.channel as ChannelType })),
    wrapupReasons: directory.wrapupReasons,
  });
}
