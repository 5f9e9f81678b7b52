/** Calendar days in an IANA time zone, with Intl only (pure: no clock, no process zone). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** `YYYY-MM-DD` that names a real day (no 2026-02-30), as [year, month, day]. */
export function parseDate(date: string): [number, number, number] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return [y, mo, d];
}

/** The wall clock of instant `t` in the zone, read as if it were UTC (so offset = wall − t). */
function wallAsUtc(timeZone: string, t: number): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(t))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + (t - Math.floor(t / 1000) * 1000);
}

/** The calendar day (`YYYY-MM-DD`) of instant `t` in the zone. */
export function dayOf(timeZone: string, t: number): string {
  return new Date(wallAsUtc(timeZone, t)).toISOString().slice(0, 10);
}

/** The first instant of a day in the zone (the zone's midnight, or the end of a gap that skips it). */
function startOf(timeZone: string, [y, m, d]: [number, number, number]): number {
  const midnight = Date.UTC(y, m - 1, d);
  let t = midnight - (wallAsUtc(timeZone, midnight) - midnight);
  t = midnight - (wallAsUtc(timeZone, t) - t);
  // Midnight skipped by a daylight-saving change: the day starts where the clock jumps into it.
  const wall = wallAsUtc(timeZone, t);
  if (wall < midnight) t += midnight - wall;
  return t;
}

/** The day's instants in the zone as [from, to): 23, 24 or 25 hours long. */
export function dayBounds(timeZone: string, date: [number, number, number]): { from: number; to: number } {
  const [y, m, d] = date;
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return { from: startOf(timeZone, date), to: startOf(timeZone, [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()]) };
}

