/** Calendar days in an IANA time zone (pure: no clock, no process zone), on core's wall clock. */
import { instantsOfWallTime, isKnownTimeZone, wallTimeAt } from '@parley/core';

export const isTimeZone = isKnownTimeZone;

/** `YYYY-MM-DD` that names a real day (no 2026-02-30), as [year, month, day]. */
export function parseDate(date: string): [number, number, number] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return [y, mo, d];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day (`YYYY-MM-DD`) of instant `t` in the zone. */
export function dayOf(timeZone: string, t: number): string {
  const w = wallTimeAt(timeZone, t);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The first instant of a day in the zone (its midnight, or where the clock jumps into a day whose midnight it skips). */
function startOf(timeZone: string, [y, m, d]: [number, number, number]): number {
  return instantsOfWallTime(timeZone, y, m, d, 0)[0]!;
}

/** The day's instants in the zone as [from, to): 23, 24 or 25 hours long. */
export function dayBounds(timeZone: string, date: [number, number, number]): { from: number; to: number } {
  const [y, m, d] = date;
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return { from: startOf(timeZone, date), to: startOf(timeZone, [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()]) };
}
