import type { BusinessHours, Weekday } from '@parley/protocol';
import { instantsOfWallTime, wallTimeAt, type WallTime } from './wall-clock';

export type { BusinessHours, Weekday };

/** Index = Date#getUTCDay(). */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** "09:30" → 570; "24:00" → 1440. Assumes a checked value (see businessHoursProblems). */
export function minuteOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function dateKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function weekdayOf(year: number, month: number, day: number): Weekday {
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
}

/** Open ranges of one weekday, as [from, to) minutes, earliest first. */
function rangesOf(hours: BusinessHours, day: Weekday): [number, number][] {
  return hours.open
    .filter((r) => r.day === day)
    .map((r): [number, number] => [minuteOfDay(r.from), minuteOfDay(r.to)])
    .sort((a, b) => a[0] - b[0]);
}

function openAtWall(hours: BusinessHours, w: WallTime): boolean {
  if (hours.closedDates?.includes(dateKey(w.year, w.month, w.day))) return false;
  return rangesOf(hours, weekdayOf(w.year, w.month, w.day)).some(([from, to]) => from <= w.minute && w.minute < to);
}

/**
 * Whether the queue is open at this instant: its wall clock (in `hours.timezone`) falls in one of the
 * day's ranges and the date is not a closed date. No hours: always open.
 */
export function isOpen(hours: BusinessHours | null | undefined, epochMs: number): boolean {
  if (!hours) return true;
  return openAtWall(hours, wallTimeAt(hours.timezone, epochMs));
}

/**
 * The first instant at or after `epochMs` at which the queue is open (`epochMs` itself when open now);
 * null when it never opens again (no ranges). A range that starts inside a skipped hour (clocks
 * jumping forward) opens at the jump; one wholly inside it does not open that day.
 */
export function nextOpening(hours: BusinessHours | null | undefined, epochMs: number): number | null {
  if (!hours || isOpen(hours, epochMs)) return epochMs;
  if (!hours.open.length) return null;
  const zone = hours.timezone;
  const today = wallTimeAt(zone, epochMs);
  // Each closed date (and a day whose opening falls in a skipped hour) hides at most one week's
  // opening: past this many days nothing opens.
  const horizon = 7 * ((hours.closedDates?.length ?? 0) + 2) + 1;
  for (let k = 0; k <= horizon; k++) {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + k));
    const [year, month, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    if (hours.closedDates?.includes(dateKey(year, month, day))) continue;
    const starts = rangesOf(hours, weekdayOf(year, month, day))
      .flatMap(([from]) => (from >= 1440 ? [] : instantsOfWallTime(zone, year, month, day, from)))
      .filter((t) => t >= epochMs && isOpen(hours, t))
      .sort((a, b) => a - b);
    if (starts.length) return starts[0]!;
  }
  return null;
}
