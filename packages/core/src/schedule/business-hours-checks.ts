import type { BusinessHours } from '@parley/protocol';
import { isKnownTimeZone } from './wall-clock';
import { minuteOfDay, WEEKDAYS } from './business-hours';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * What is wrong with a queue's business hours, each problem naming its field under `path` (e.g.
 * `hours.open[1].to`): a known IANA zone, HH:MM times ("24:00" as an end), from before to, real dates,
 * a closed message to send. The shape itself (types, the day names) is checked by the caller's schema.
 */
export function businessHoursProblems(hours: BusinessHours, path = 'hours'): string[] {
  const problems: string[] = [];
  if (!isKnownTimeZone(hours.timezone)) problems.push(`${path}.timezone: "${hours.timezone}" is not a known IANA time zone (e.g. Europe/Paris)`);
  hours.open.forEach((r, i) => {
    const at = `${path}.open[${i}]`;
    if (!WEEKDAYS.includes(r.day)) problems.push(`${at}.day: "${r.day}" is not one of ${WEEKDAYS.join(', ')}`);
    const fromOk = TIME.test(r.from) && r.from !== '24:00';
    const toOk = TIME.test(r.to);
    if (!fromOk) problems.push(`${at}.from: "${r.from}" is not a time of day (HH:MM, 00:00 to 23:59)`);
    if (!toOk) problems.push(`${at}.to: "${r.to}" is not a time of day (HH:MM, 00:00 to 24:00)`);
    if (fromOk && toOk && minuteOfDay(r.from) >= minuteOfDay(r.to)) {
      problems.push(`${at}.to: ${r.to} must be after from (${r.from}); a range past midnight is two ranges, one on each day`);
    }
  });
  (hours.closedDates ?? []).forEach((d, i) => {
    if (!isRealDate(d)) problems.push(`${path}.closedDates[${i}]: "${d}" is not a date (YYYY-MM-DD)`);
  });
  if (!hours.closedMessage?.trim()) problems.push(`${path}.closedMessage: the message sent while the queue is closed must not be empty`);
  return problems;
}
